using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>
/// A partial index of in-scope organisations by (name, id), the national contact list's order, so its pages are read
/// from the index instead of computing and sorting every organisation's survey status per page.
/// </summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration("20261122180000_InScopeOrganisationsByName")]
public sealed class InScopeOrganisationsByName : Migration
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
