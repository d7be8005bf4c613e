namespace Directory.Data.Configuration;

internal sealed class ServiceTypeConfiguration : IEntityTypeConfiguration<ServiceType>
{
    public void Configure(EntityTypeBuilder<ServiceType> builder)
    {
        builder.ToTable("service_types");
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.Property(s => s.Name).HasMaxLength(300);
        builder.Property(s => s.Category).HasMaxLength(40);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
