namespace Directory.Data.Configuration;

internal sealed class ContactConfiguration : IEntityTypeConfiguration<Contact>
{
    public void Configure(EntityTypeBuilder<Contact> builder)
    {
        builder.ToTable("contacts");
        builder.HasIndex(c => c.Key).IsUnique();
        builder.HasIndex(c => c.Email);
        builder.Property(c => c.Key).HasMaxLength(20);
        builder.Property(c => c.FullName).HasMaxLength(200);
        builder.Property(c => c.JobTitle).HasMaxLength(200);
        builder.Property(c => c.Email).HasMaxLength(320);
        builder.Property(c => c.Phone).HasMaxLength(40);
        builder.Property(c => c.PostalAddress).HasMaxLength(500);
        builder.Property(c => c.Note).HasMaxLength(2000);
        builder.Property(c => c.SearchText).HasMaxLength(1000);
        // The default is the migration's, which added the column to existing rows (SearchTextMaintenance fills them).
        builder.Property(c => c.OrganisationSearchText).HasMaxLength(1000).HasDefaultValue("");
        // Its organisation's name, same type as organisations.name, so the order and its cursors are the same as by
        // the join; the index is the contacts list's default order (ContactOrganisationNameMigration).
        builder.Property(c => c.OrganisationName).HasMaxLength(300).HasDefaultValue("");
        builder.HasIndex(c => new { c.OrganisationName, c.FullName, c.Id });
        builder.Property(c => c.Version).IsConcurrencyToken();
        builder.HasOne(c => c.Organisation).WithMany(o => o.Contacts).HasForeignKey(c => c.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(c => c.Response).WithMany(r => r.Contacts).HasForeignKey(c => c.ResponseId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Department).WithMany().HasForeignKey(c => c.DepartmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(c => c.Manager).WithMany().HasForeignKey(c => c.ManagerId).OnDelete(DeleteBehavior.Restrict);
    }
}
