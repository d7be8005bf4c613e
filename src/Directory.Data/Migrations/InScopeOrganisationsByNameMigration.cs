using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// A partial index of in-scope organisations by (name, id), the national contact list's order, so its pages are read
/// from the index instead of computing and sorting every organisation's survey status per page. Written once through
/// EF's provider-neutral operations; each provider's migration (Sqlite/, Postgres/) only names its context.
/// </summary>
public abstract class InScopeOrganisationsByNameMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(
            name: "IX_organisations_name_id",
            table: "organisations",
            columns: ["name", "id"],
            filter: "in_scope");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_organisations_name_id", table: "organisations");
    }
}
