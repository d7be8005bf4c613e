namespace Directory.Data.Configuration;

internal sealed class ErasureTombstoneConfiguration : IEntityTypeConfiguration<ErasureTombstone>
{
    public void Configure(EntityTypeBuilder<ErasureTombstone> builder)
    {
        builder.ToTable("erasure_tombstones");
        builder.HasIndex(t => t.ContactKey);
        builder.HasIndex(t => t.EmailDigest);
        builder.Property(t => t.ContactKey).HasMaxLength(20);
        builder.Property(t => t.EmailDigest).HasMaxLength(64);
    }
}
