using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Indexes in the default order of two connections, so their pages are read from an index in order instead of sorting
/// the whole table per request (a cost that grew with the data): every organisation by (name, id) — the partial
/// <c>IX_organisations_name_id</c> holds in-scope ones only, so the organisations page could not use it — and every
/// partnership by (name, id). Written once through EF's provider-neutral operations; each provider's migration
/// (Sqlite/, Postgres/) only names its context.
/// </summary>
public abstract class PageOrderIndexesMigration : Migration
{
    public const string Id = "20261206183000_PageOrderIndexes";

    /// <summary>The index of every organisation by (name, id); its name differs from the partial one's on the same columns.</summary>
    public const string OrganisationsByName = "IX_organisations_name_id_all";

    private const string PartnershipsByName = "IX_partnerships_name_id";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateIndex(name: OrganisationsByName, table: "organisations", columns: ["name", "id"]);
        migrationBuilder.CreateIndex(name: PartnershipsByName, table: "partnerships", columns: ["name", "id"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: PartnershipsByName, table: "partnerships");
        migrationBuilder.DropIndex(name: OrganisationsByName, table: "organisations");
    }
}
