using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Issue 18: the contacts list's default order (organisation name, full name, id) from an index. The order was across
/// the join to organisations, which no index gives, so every page scanned every contact with its organisation and
/// sorted them all (≈ 40 ms at ×100 on SQLite). Adds <c>contacts.organisation_name</c>, the organisation's name as
/// it is (same type as <c>organisations.name</c>, so the order and its keyset cursors are unchanged), filled here
/// from the organisations (a copy needs no normalising, unlike the search text) and kept by
/// <see cref="Text.SearchTextMaintenance"/> with the search text; and the index on (organisation_name, full_name, id).
/// Provider-neutral; each provider's migration (Sqlite/, Postgres/) only names its context.
/// </summary>
public abstract class ContactOrganisationNameMigration : Migration
{
    public const string Id = "20261207100000_ContactOrganisationName";

    private const string Index = "IX_contacts_organisation_name_full_name_id";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "organisation_name", table: "contacts", maxLength: 300, nullable: false, defaultValue: "");
        migrationBuilder.Sql("UPDATE contacts SET organisation_name = (SELECT o.name FROM organisations o WHERE o.id = contacts.organisation_id)");
        migrationBuilder.CreateIndex(name: Index, table: "contacts", columns: ["organisation_name", "full_name", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: Index, table: "contacts");
        // Not DropColumn: on SQLite EF Core rebuilds the table for it, which would drop the search index's triggers.
        migrationBuilder.Sql("ALTER TABLE contacts DROP COLUMN organisation_name");
    }
}
