namespace Directory.Data.Configuration;

internal sealed class PartnershipMemberConfiguration : IEntityTypeConfiguration<PartnershipMember>
{
    public void Configure(EntityTypeBuilder<PartnershipMember> builder)
    {
        builder.ToTable("partnership_members");
        builder.HasKey(m => new { m.PartnershipId, m.OrganisationId });
        builder.HasIndex(m => m.OrganisationId);
        builder.Property(m => m.Version).IsConcurrencyToken();
        builder.HasOne(m => m.Partnership).WithMany(p => p.Members).HasForeignKey(m => m.PartnershipId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(m => m.Organisation).WithMany().HasForeignKey(m => m.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
