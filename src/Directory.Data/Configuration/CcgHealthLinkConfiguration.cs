namespace Directory.Data.Configuration;

internal sealed class CcgHealthLinkConfiguration : IEntityTypeConfiguration<CcgHealthLink>
{
    public void Configure(EntityTypeBuilder<CcgHealthLink> builder)
    {
        builder.ToTable("ccg_health_links");
        builder.HasKey(l => l.CcgId);
        builder.Property(l => l.CcgId).ValueGeneratedNever();
        builder.Property(l => l.NhsRegion).HasMaxLength(100);
        builder.HasOne(l => l.Ccg).WithOne().HasForeignKey<CcgHealthLink>(l => l.CcgId).OnDelete(DeleteBehavior.Cascade);
        // An ICB cannot disappear from under the CCGs whose area it took over.
        builder.HasOne(l => l.IntegratedCareBoard).WithMany().HasForeignKey(l => l.IntegratedCareBoardId).OnDelete(DeleteBehavior.Restrict);
    }
}
