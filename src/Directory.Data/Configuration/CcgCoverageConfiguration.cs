namespace Directory.Data.Configuration;

internal sealed class CcgCoverageConfiguration : IEntityTypeConfiguration<CcgCoverage>
{
    public void Configure(EntityTypeBuilder<CcgCoverage> builder)
    {
        builder.ToTable("ccg_coverage");
        builder.HasKey(c => new { c.CcgId, c.CouncilId });
        // Shares have four decimal places, the same scale as FTE: stored as ten-thousandths so sums in SQL stay exact.
        builder.Property(c => c.Share).HasConversion(ExactDecimal.FteAsTenThousandths).HasColumnName("share_ten_thousandths");
        builder.HasOne(c => c.Ccg).WithMany().HasForeignKey(c => c.CcgId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Council).WithMany().HasForeignKey(c => c.CouncilId).OnDelete(DeleteBehavior.Cascade);
    }
}
