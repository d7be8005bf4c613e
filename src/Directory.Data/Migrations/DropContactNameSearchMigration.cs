using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Drops <c>contacts.name_search</c> (the full name folded) and its index. Nothing has read them since contact search
/// moved to the search text and its trigram indexes (issue 18 §1): every contact written still folded the name again
/// and added a key to one more B-tree for no query, the import's 68,500 contacts at ×100 among them. Provider-neutral
/// SQL; each provider's migration (Sqlite/, Postgres/) only names its context.
/// </summary>
public abstract class DropContactNameSearchMigration : Migration
{
    public const string Id = "20261211100000_DropContactNameSearch";

    private const string Index = "IX_contacts_name_search";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        // Not DropColumn: EF Core's SQLite provider refuses it in a hand-written migration (it would rebuild the table,
        // which would also drop the search index's triggers). SQLite (3.35 and later) and PostgreSQL both drop an
        // unindexed column in place.
        migrationBuilder.Sql($"DROP INDEX \"{Index}\"");
        migrationBuilder.Sql("ALTER TABLE contacts DROP COLUMN name_search");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "name_search", table: "contacts", maxLength: 200, nullable: false, defaultValue: "");
        // Lower case only: SQL folds no accents the way SearchText.Normalize does; the code of before this migration
        // folds each contact's name again when it next saves it.
        migrationBuilder.Sql("UPDATE contacts SET name_search = lower(full_name)");
        migrationBuilder.CreateIndex(name: Index, table: "contacts", column: "name_search");
    }
}
