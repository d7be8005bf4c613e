namespace Directory.Data.Configuration;

internal sealed class StaffLineConfiguration : IEntityTypeConfiguration<StaffLine>
{
    public void Configure(EntityTypeBuilder<StaffLine> builder)
    {
        builder.ToTable("staff_lines");
        builder.HasIndex(s => new { s.ResponseId, s.LineNo }).IsUnique();
        builder.Property(s => s.Fte).HasConversion(ExactDecimal.FteAsTenThousandths).HasColumnName("fte_ten_thousandths");
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne(s => s.Response).WithMany(r => r.StaffLines).HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
