using System.Reflection;

namespace Directory.Data.Migrations;

/// <summary>
/// Reads a migration's DDL from the SQL files embedded beside the migration classes. The Initial scripts were the
/// output of <c>GenerateCreateScript()</c> for each provider when they were written
/// (<c>dotnet run --project bench/Directory.DataGen -- schema sqlite|postgres</c> prints the current model's); later
/// changes are migrations of their own, and a test compares a migrated database with one created from the model.
/// </summary>
internal static class MigrationScripts
{
    public const string InitialSqlite = "Sqlite.20261122000000_Initial.sql";
    public const string InitialPostgres = "Postgres.20261122000000_Initial.sql";

    /// <summary>Whether a migration is being applied to PostgreSQL (the migrations of both providers share their classes).</summary>
    public static bool IsPostgres(Microsoft.EntityFrameworkCore.Migrations.MigrationBuilder migrationBuilder) =>
        migrationBuilder.ActiveProvider == "Npgsql.EntityFrameworkCore.PostgreSQL";

    public static string Read(string name)
    {
        var resource = $"Directory.Data.Migrations.{name}";
        using var stream = typeof(MigrationScripts).Assembly.GetManifestResourceStream(resource)
            ?? throw new InvalidOperationException($"Migration script {resource} is not embedded in {typeof(MigrationScripts).Assembly.GetName().Name}.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    /// <summary>The tables of the Initial migration, dependants first, for its Down.</summary>
    public static readonly string[] InitialTables =
    [
        "audit_log", "partnership_members", "partnerships", "contract_service_types", "contract_co_commissioners",
        "contracts", "services_commissioned", "staff_lines", "contacts", "survey_response_activities",
        "survey_response_lead_answers", "survey_responses", "departments", "survey_rounds", "service_types",
        "organisations",
    ];
}
