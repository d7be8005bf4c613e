namespace Directory.Data.Configuration;

internal sealed class ServiceCommissionedConfiguration : IEntityTypeConfiguration<ServiceCommissioned>
{
    public void Configure(EntityTypeBuilder<ServiceCommissioned> builder)
    {
        builder.ToTable("services_commissioned");
        builder.HasIndex(s => new { s.ResponseId, s.ServiceTypeId }).IsUnique();
        builder.Property(s => s.Version).IsConcurrencyToken();
        builder.HasOne(s => s.Response).WithMany(r => r.Services).HasForeignKey(s => s.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(s => s.ServiceType).WithMany().HasForeignKey(s => s.ServiceTypeId).OnDelete(DeleteBehavior.Restrict);
    }
}
