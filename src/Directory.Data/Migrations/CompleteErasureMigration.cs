using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Complete erasure: <c>erasure_tombstones</c> (what imports and subject access consult after an erasure) and
/// <c>export_details</c> (exports' purposes and filters, moved out of the append-only audit log so that an erasure
/// can redact them; existing export entries are moved too), with triggers that let a row of the latter change only
/// by taking the erasure marker in. Each provider's script is in Sqlite/ and Postgres/; the classes there name their context.
/// </summary>
public abstract class CompleteErasureMigration : Migration
{
    public const string Id = "20261205100000_CompleteErasure";

    /// <summary>The tables this migration creates, for its Down.</summary>
    public static readonly string[] Tables = ["erasure_tombstones", "export_details"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(MigrationScripts.Read(MigrationScripts.IsPostgres(migrationBuilder) ? $"Postgres.{Id}.sql" : $"Sqlite.{Id}.sql"));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var table in Tables)
        {
            migrationBuilder.DropTable(table);
        }
        if (MigrationScripts.IsPostgres(migrationBuilder))
        {
            migrationBuilder.Sql("DROP FUNCTION export_details_redact_only();");
        }
    }
}
