namespace Directory.Data.Configuration;

internal sealed class ContractCoCommissionerConfiguration : IEntityTypeConfiguration<ContractCoCommissioner>
{
    public void Configure(EntityTypeBuilder<ContractCoCommissioner> builder)
    {
        builder.ToTable("contract_co_commissioners");
        builder.HasKey(c => new { c.ContractId, c.OrganisationId });
        builder.HasOne(c => c.Organisation).WithMany().HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
