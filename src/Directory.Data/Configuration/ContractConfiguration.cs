namespace Directory.Data.Configuration;

internal sealed class ContractConfiguration : IEntityTypeConfiguration<Contract>
{
    public void Configure(EntityTypeBuilder<Contract> builder)
    {
        builder.ToTable("contracts");
        builder.HasIndex(c => c.Key).IsUnique();
        builder.Property(c => c.Key).HasMaxLength(20);
        builder.Property(c => c.Title).HasMaxLength(300);
        builder.Property(c => c.ExtensionPattern).HasMaxLength(40);
        builder.Property(c => c.AnnualValue).HasConversion(ExactDecimal.MoneyAsPence).HasColumnName("annual_value_pence");
        builder.Property(c => c.LatestPossibleEndOn).HasColumnName("latest_possible_end_on");
        builder.HasIndex(c => c.LatestPossibleEndOn);
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Provider).WithMany().HasForeignKey(c => c.ProviderId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne(c => c.LeadCommissioner).WithMany().HasForeignKey(c => c.LeadCommissionerId).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(c => c.CoCommissioners).WithOne().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(c => c.ServiceTypes).WithOne().HasForeignKey(c => c.ContractId).OnDelete(DeleteBehavior.Cascade);
    }
}
