using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Issue 16 §2: <c>contracts.latest_possible_end_on</c>, the end date plus the extension pattern's optional years,
/// stored (and kept by <see cref="DirectoryDbContext"/> on every save) so that a filter, sort or summary on it is plain
/// SQL. Existing rows are filled here by splitting the pattern in SQL; each provider's class only names its context.
/// </summary>
public abstract class ContractLatestEndMigration : Migration
{
    public const string Id = "20261205140000_ContractLatestEnd";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<DateOnly>(name: "latest_possible_end_on", table: "contracts", nullable: true);
        migrationBuilder.CreateIndex(name: "IX_contracts_latest_possible_end_on", table: "contracts", column: "latest_possible_end_on");
        migrationBuilder.Sql(migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL" ? PostgresFill : SqliteFill);
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.DropIndex(name: "IX_contracts_latest_possible_end_on", table: "contracts");
        migrationBuilder.DropColumn(name: "latest_possible_end_on", table: "contracts");
    }

    // The pattern's numbers after the first, summed; the interval arithmetic keeps 29 February as .NET's AddYears does.
    private const string PostgresFill = """
        UPDATE contracts SET latest_possible_end_on = (end_on + make_interval(years => COALESCE((
            SELECT SUM(part::int) FROM unnest((string_to_array(extension_pattern, '+'))[2:]) AS part), 0)::int))::date
        WHERE end_on IS NOT NULL;
        """;

    // SQLite has no split: a recursive CTE peels one number per step. date() turns 29 February into 1 March where
    // .NET's AddYears gives 28 February, hence the correction.
    private const string SqliteFill = """
        CREATE TEMP TABLE contract_extension_years AS
        WITH RECURSIVE split(id, rest, part, total) AS (
            SELECT id, extension_pattern || '+', 0, 0 FROM contracts WHERE end_on IS NOT NULL
            UNION ALL
            SELECT id, substr(rest, instr(rest, '+') + 1), part + 1,
                   total + CASE WHEN part > 0 THEN CAST(substr(rest, 1, instr(rest, '+') - 1) AS INTEGER) ELSE 0 END
            FROM split WHERE rest <> '')
        SELECT id, total FROM split WHERE rest = '';
        UPDATE contracts SET latest_possible_end_on = (
            SELECT CASE WHEN strftime('%m-%d', contracts.end_on) = '02-29' AND strftime('%m-%d', date(contracts.end_on, y.years)) = '03-01'
                        THEN date(contracts.end_on, y.years, '-1 day') ELSE date(contracts.end_on, y.years) END
            FROM (SELECT '+' || COALESCE(MAX(total), 0) || ' years' AS years
                  FROM contract_extension_years WHERE contract_extension_years.id = contracts.id) AS y)
        WHERE end_on IS NOT NULL;
        DROP TABLE contract_extension_years;
        """;
}
