namespace Directory.Data.Configuration;

internal sealed class PartnershipConfiguration : IEntityTypeConfiguration<Partnership>
{
    public void Configure(EntityTypeBuilder<Partnership> builder)
    {
        builder.ToTable("partnerships");
        builder.HasIndex(p => p.Key).IsUnique();
        // The partnerships page's default order, read in order from the index instead of sorting every partnership.
        builder.HasIndex(p => new { p.Name, p.Id });
        builder.Property(p => p.Key).HasMaxLength(20);
        builder.Property(p => p.Name).HasMaxLength(300);
        builder.Property(p => p.Version).IsConcurrencyToken();
        builder.HasOne(p => p.LeadOrganisation).WithMany().HasForeignKey(p => p.LeadOrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}
