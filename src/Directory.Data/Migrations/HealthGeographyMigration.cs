using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// The health geography of issue 16: which councils each 2020 CCG covered (<c>ccg_coverage</c>) and each CCG's NHS
/// England region and successor ICB (<c>ccg_health_links</c>). New tables rather than new organisation columns: SQLite
/// cannot add a foreign key to an existing table without rebuilding it, and CCG-only facts do not belong on every
/// organisation. Written once through EF's provider-neutral operations; each provider's class only names its context.
/// </summary>
public abstract class HealthGeographyMigration : Migration
{
    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "ccg_coverage",
            columns: table => new
            {
                ccg_id = table.Column<int>(nullable: false),
                council_id = table.Column<int>(nullable: false),
                lsoa_count = table.Column<int>(nullable: false),
                share_ten_thousandths = table.Column<int>(nullable: false),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ccg_coverage", x => new { x.ccg_id, x.council_id });
                table.ForeignKey("FK_ccg_coverage_organisations_ccg_id", x => x.ccg_id, "organisations", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ccg_coverage_organisations_council_id", x => x.council_id, "organisations", "id", onDelete: ReferentialAction.Cascade);
            });
        migrationBuilder.CreateIndex(name: "IX_ccg_coverage_council_id", table: "ccg_coverage", column: "council_id");

        migrationBuilder.CreateTable(
            name: "ccg_health_links",
            columns: table => new
            {
                ccg_id = table.Column<int>(nullable: false),
                nhs_region = table.Column<string>(maxLength: 100, nullable: true),
                integrated_care_board_id = table.Column<int>(nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_ccg_health_links", x => x.ccg_id);
                table.ForeignKey("FK_ccg_health_links_organisations_ccg_id", x => x.ccg_id, "organisations", "id", onDelete: ReferentialAction.Cascade);
                table.ForeignKey("FK_ccg_health_links_organisations_integrated_care_board_id", x => x.integrated_care_board_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_ccg_health_links_integrated_care_board_id", table: "ccg_health_links", column: "integrated_care_board_id");
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "ccg_health_links");
        migrationBuilder.DropTable(name: "ccg_coverage");
    }
}
