namespace Directory.Data.Configuration;

internal sealed class ExportDetailConfiguration : IEntityTypeConfiguration<ExportDetail>
{
    public void Configure(EntityTypeBuilder<ExportDetail> builder)
    {
        builder.ToTable("export_details");
        builder.HasIndex(e => e.ExportKey).IsUnique();
        builder.Property(e => e.ExportKey).HasMaxLength(60);
    }
}
