namespace Directory.Data.Configuration;

internal sealed class ContractServiceTypeConfiguration : IEntityTypeConfiguration<ContractServiceType>
{
    public void Configure(EntityTypeBuilder<ContractServiceType> builder)
    {
        builder.ToTable("contract_service_types");
        builder.HasKey(c => new { c.ContractId, c.ServiceTypeId });
        builder.HasOne(c => c.ServiceType).WithMany().HasForeignKey(c => c.ServiceTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
