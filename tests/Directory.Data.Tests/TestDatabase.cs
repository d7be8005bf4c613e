using System.Text.Json;
using System.Text.Json.Serialization;
using Directory.Data.Model;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace Directory.Data.Tests;

/// <summary>
/// A real, empty database of its own for one test: a temporary SQLite file, or a fresh database on the PostgreSQL
/// server named by <c>DIRECTORY_TEST_POSTGRES</c> (started by .ci/postgres.sh). Without that variable a PostgreSQL
/// test is skipped, never passed. Dropped/deleted on dispose.
/// </summary>
public sealed class TestDatabase : IAsyncDisposable
{
    public const string PostgresVariable = "DIRECTORY_TEST_POSTGRES";

    private readonly string? _sqlitePath;
    private readonly string? _postgresDatabase;
    private readonly string? _postgresAdminConnection;

    private TestDatabase(DatabaseProvider provider, string connectionString, string? sqlitePath, string? postgresDatabase, string? postgresAdminConnection)
    {
        Provider = provider;
        ConnectionString = connectionString;
        _sqlitePath = sqlitePath;
        _postgresDatabase = postgresDatabase;
        _postgresAdminConnection = postgresAdminConnection;
    }

    public DatabaseProvider Provider { get; }

    public string ConnectionString { get; }

    /// <summary>Creates the database (not yet migrated). Skips the calling test when PostgreSQL is not available.</summary>
    public static async Task<TestDatabase> CreateAsync(DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            var path = Path.Combine(Path.GetTempPath(), $"directory-test-{Guid.NewGuid():N}.db");
            return new TestDatabase(provider, $"Data Source={path}", path, null, null);
        }

        var admin = Environment.GetEnvironmentVariable(PostgresVariable);
        Skip.If(string.IsNullOrWhiteSpace(admin), $"PostgreSQL tests need {PostgresVariable} (run .ci/postgres.sh).");
        var name = $"directory_test_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {name}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var builder = new NpgsqlConnectionStringBuilder(admin) { Database = name };
        return new TestDatabase(provider, builder.ConnectionString, null, name, admin);
    }

    /// <summary>Creates and migrates the database.</summary>
    public static async Task<TestDatabase> CreateMigratedAsync(DatabaseProvider provider)
    {
        var database = await CreateAsync(provider);
        await using var db = database.NewContext();
        await db.Database.MigrateAsync();
        return database;
    }

    public DirectoryDbContext NewContext() => DirectoryDatabase.CreateContext(Provider, ConnectionString);

    /// <summary>
    /// Every row of every table, ordered by key, as JSON: two equal dumps mean the database did not change
    /// (including versions and surrogate ids).
    /// </summary>
    public async Task<string> DumpAsync()
    {
        await using var db = NewContext();
        var options = new JsonSerializerOptions { ReferenceHandler = ReferenceHandler.IgnoreCycles, WriteIndented = false };
        var dump = new Dictionary<string, object>
        {
            ["organisations"] = await db.Organisations.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["departments"] = await db.Departments.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["contacts"] = await db.Contacts.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["rounds"] = await db.SurveyRounds.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["responses"] = await db.SurveyResponses.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["leadAnswers"] = (await db.SurveyResponseLeadAnswers.AsNoTracking().ToListAsync()).OrderBy(x => x.ResponseId).ThenBy(x => x.Answer).ToList(),
            ["activities"] = (await db.SurveyResponseActivities.AsNoTracking().ToListAsync()).OrderBy(x => x.ResponseId).ThenBy(x => x.Activity).ToList(),
            ["staff"] = await db.StaffLines.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["serviceTypes"] = await db.ServiceTypes.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["services"] = await db.ServicesCommissioned.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["contracts"] = await db.Contracts.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["coCommissioners"] = await db.ContractCoCommissioners.AsNoTracking().OrderBy(x => x.ContractId).ThenBy(x => x.OrganisationId).ToListAsync(),
            ["contractServiceTypes"] = await db.ContractServiceTypes.AsNoTracking().OrderBy(x => x.ContractId).ThenBy(x => x.ServiceTypeId).ToListAsync(),
            ["partnerships"] = await db.Partnerships.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["members"] = await db.PartnershipMembers.AsNoTracking().OrderBy(x => x.PartnershipId).ThenBy(x => x.OrganisationId).ToListAsync(),
            ["fundingAwards"] = await db.FundingAwards.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
            ["audit"] = await db.AuditLog.AsNoTracking().OrderBy(x => x.Id).ToListAsync(),
        };
        return JsonSerializer.Serialize(dump, options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_sqlitePath is not null)
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in new[] { "", "-wal", "-shm", "-journal" })
            {
                File.Delete(_sqlitePath + suffix);
            }
        }

        if (_postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await Directory.Testing.Retry.WhileAsync(
                async () =>
                {
                    await using var connection = new NpgsqlConnection(_postgresAdminConnection);
                    await connection.OpenAsync();
                    await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {_postgresDatabase} WITH (FORCE)", connection);
                    await drop.ExecuteNonQueryAsync();
                },
                e => e is PostgresException { SqlState: "42501" or "55006" });
        }
    }
}

/// <summary>Where the test data lives: the repository's data/ folder as copied into the test output.</summary>
public static class TestData
{
    public static string SampleFolder => Path.Combine(AppContext.BaseDirectory, "data", "stadv-2020");

    public static string ReferenceFolder => Path.Combine(AppContext.BaseDirectory, "data", "reference");

    public static string FundingFile => Path.Combine(AppContext.BaseDirectory, "data", "funding", "funding_awards.csv");

    /// <summary>Copies the sample survey folder to a new temporary folder, for tests that alter it.</summary>
    public static TemporaryFolder CopyOfSample()
    {
        var folder = new TemporaryFolder();
        foreach (var file in System.IO.Directory.GetFiles(SampleFolder, "*.csv"))
        {
            File.Copy(file, Path.Combine(folder.Path, Path.GetFileName(file)));
        }

        return folder;
    }

    /// <summary>Data rows of a CSV file (lines minus the header), counted by a plain line count: the sample has no multi-line cells.</summary>
    /// <summary>Saves <paramref name="db"/>'s changes in a write transaction, as every writer of audit entries must.</summary>
    public static async Task SaveInWriteTransactionAsync(DirectoryDbContext db)
    {
        await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    public static int RowCount(string file) => File.ReadLines(Path.Combine(SampleFolder, file)).Skip(1).Count(l => l.Length > 0);
}

public sealed class TemporaryFolder : IDisposable
{
    public string Path { get; } = System.IO.Path.Combine(System.IO.Path.GetTempPath(), $"directory-test-{Guid.NewGuid():N}");

    public TemporaryFolder() => System.IO.Directory.CreateDirectory(Path);

    public string File(string name) => System.IO.Path.Combine(Path, name);

    /// <summary>Replaces the first occurrence of <paramref name="from"/> on line <paramref name="line"/> (1-based) of a file.</summary>
    public void ReplaceOnLine(string file, int line, string from, string to)
    {
        var lines = System.IO.File.ReadAllLines(File(file));
        lines[line - 1].ShouldContain(from);
        var index = lines[line - 1].IndexOf(from, StringComparison.Ordinal);
        lines[line - 1] = string.Concat(lines[line - 1].AsSpan(0, index), to, lines[line - 1].AsSpan(index + from.Length));
        System.IO.File.WriteAllLines(File(file), lines);
    }

    /// <summary>Removes line <paramref name="line"/> (1-based) of a file.</summary>
    public void RemoveLine(string file, int line)
    {
        var lines = System.IO.File.ReadAllLines(File(file)).ToList();
        lines.RemoveAt(line - 1);
        System.IO.File.WriteAllLines(File(file), lines);
    }

    public void Dispose() => System.IO.Directory.Delete(Path, recursive: true);
}

/// <summary>The two providers, for [SkippableTheory] tests that must behave the same on both.</summary>
public static class Providers
{
    public static TheoryData<DatabaseProvider> Both => new() { DatabaseProvider.Sqlite, DatabaseProvider.Postgres };
}
