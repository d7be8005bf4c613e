using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Funding awards (issue 16 §4): who funds domestic abuse work where. One new table; amounts are pence in an
/// integer column, like contracts' annual values, so sums in SQL stay exact on both providers. Written once through
/// EF's provider-neutral operations; each provider's class only names its context.
/// </summary>
public abstract class FundingAwardsMigration : Migration
{
    public const string Id = "20261205130000_FundingAwards";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.CreateTable(
            name: "funding_awards",
            columns: table => new
            {
                // Each provider reads its own annotation and ignores the other's.
                id = table.Column<int>(nullable: false)
                    .Annotation("Sqlite:Autoincrement", true)
                    .Annotation("Npgsql:ValueGenerationStrategy", Npgsql.EntityFrameworkCore.PostgreSQL.Metadata.NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                key = table.Column<string>(maxLength: 20, nullable: false),
                programme = table.Column<string>(maxLength: 40, nullable: false),
                funder = table.Column<string>(maxLength: 200, nullable: false),
                recipient_id = table.Column<int>(nullable: false),
                financial_year = table.Column<string>(maxLength: 7, nullable: false),
                amount_pence = table.Column<long>(nullable: false),
                purpose = table.Column<string>(maxLength: 500, nullable: true),
                source = table.Column<string>(maxLength: 40, nullable: true),
            },
            constraints: table =>
            {
                table.PrimaryKey("PK_funding_awards", x => x.id);
                table.ForeignKey("FK_funding_awards_organisations_recipient_id", x => x.recipient_id, "organisations", "id", onDelete: ReferentialAction.Restrict);
            });
        migrationBuilder.CreateIndex(name: "IX_funding_awards_key", table: "funding_awards", column: "key", unique: true);
        migrationBuilder.CreateIndex(name: "IX_funding_awards_recipient_id_financial_year", table: "funding_awards", columns: ["recipient_id", "financial_year"]);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropTable(name: "funding_awards");
    }
}
