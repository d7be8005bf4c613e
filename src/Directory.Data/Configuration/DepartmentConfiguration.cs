namespace Directory.Data.Configuration;

internal sealed class DepartmentConfiguration : IEntityTypeConfiguration<Department>
{
    public void Configure(EntityTypeBuilder<Department> builder)
    {
        builder.ToTable("departments");
        builder.HasIndex(d => new { d.OrganisationId, d.Name }).IsUnique();
        builder.HasIndex(d => d.Category);
        builder.Property(d => d.Name).HasMaxLength(300);
        builder.Property(d => d.Version).IsConcurrencyToken();
        builder.HasOne(d => d.Organisation).WithMany(o => o.Departments).HasForeignKey(d => d.OrganisationId).OnDelete(DeleteBehavior.Cascade);
    }
}
