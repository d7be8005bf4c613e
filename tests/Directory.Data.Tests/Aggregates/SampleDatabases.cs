using System.Data.Common;
using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// The bundled sample (data/stadv-2020 plus the reference lists, as the host loads them) imported once per test class
/// into a fresh SQLite file and, when <c>DIRECTORY_TEST_POSTGRES</c> is set, a fresh PostgreSQL database; both are
/// dropped afterwards.
/// </summary>
public sealed class SampleDatabases : IAsyncLifetime
{
    public const string PostgresVariable = "DIRECTORY_TEST_POSTGRES";

    private readonly Dictionary<DatabaseProvider, string> connectionStrings = [];

    public async Task InitializeAsync()
    {
        connectionStrings[DatabaseProvider.Sqlite] = await TestDatabase.CreateAsync(DatabaseProvider.Sqlite);
        if (TestDatabase.PostgresAvailable)
        {
            connectionStrings[DatabaseProvider.Postgres] = await TestDatabase.CreateAsync(DatabaseProvider.Postgres);
        }

        foreach (var (provider, connectionString) in connectionStrings)
        {
            await using var db = TestDatabase.CreateContext(provider, connectionString);
            var result = await new SurveyImporter(db).ImportAsync(DatabaseInitializer.SampleSurveyFolder);
            result.Succeeded.ShouldBeTrue(string.Join(Environment.NewLine, result.Problems));
            await new ReferenceDataLoader(db).LoadAsync(DatabaseInitializer.ReferenceFolder);
        }
    }

    /// <summary>A new context on the sample database of <paramref name="provider"/>; skips the test when it is absent.</summary>
    public DirectoryDbContext CreateContext(DatabaseProvider provider, params IInterceptor[] interceptors)
    {
        Skip.If(provider == DatabaseProvider.Postgres && !TestDatabase.PostgresAvailable, $"{PostgresVariable} is not set");
        return TestDatabase.CreateContext(provider, connectionStrings[provider], interceptors);
    }

    public async Task DisposeAsync()
    {
        foreach (var (provider, connectionString) in connectionStrings)
        {
            await TestDatabase.DropAsync(provider, connectionString);
        }
    }
}

/// <summary>Creates and drops throwaway databases for the aggregate tests.</summary>
public static class TestDatabase
{
    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(SampleDatabases.PostgresVariable));

    /// <summary>Creates an empty, migrated database and returns its connection string.</summary>
    public static async Task<string> CreateAsync(DatabaseProvider provider)
    {
        var name = "mapping_" + Guid.NewGuid().ToString("N");
        string connectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            var admin = Environment.GetEnvironmentVariable(SampleDatabases.PostgresVariable)!;
            await using (var connection = new NpgsqlConnection(admin))
            {
                await connection.OpenAsync();
                await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
                await create.ExecuteNonQueryAsync();
            }

            connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        }
        else
        {
            connectionString = $"Data Source={Path.Combine(Path.GetTempPath(), name + ".db")}";
        }

        await using var db = CreateContext(provider, connectionString);
        await db.Database.MigrateAsync();
        return connectionString;
    }

    public static DirectoryDbContext CreateContext(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            var options = new DbContextOptionsBuilder<PostgresDirectoryDbContext>();
            DirectoryDatabase.ConfigurePostgres(options, connectionString);
            options.AddInterceptors(interceptors);
            return new PostgresDirectoryDbContext(options.Options);
        }

        var sqlite = new DbContextOptionsBuilder<SqliteDirectoryDbContext>();
        DirectoryDatabase.ConfigureSqlite(sqlite, connectionString);
        sqlite.AddInterceptors(interceptors);
        return new SqliteDirectoryDbContext(sqlite.Options);
    }

    public static async Task DropAsync(DatabaseProvider provider, string connectionString)
    {
        if (provider == DatabaseProvider.Postgres)
        {
            NpgsqlConnection.ClearAllPools();
            var name = new NpgsqlConnectionStringBuilder(connectionString).Database;
            await using var connection = new NpgsqlConnection(Environment.GetEnvironmentVariable(SampleDatabases.PostgresVariable));
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        var file = new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder(connectionString).DataSource;
        File.Delete(file);
    }
}

/// <summary>Counts the SQL commands a context executes (readers, scalars and non-queries).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int count;

    public int Count => count;

    public List<string> Texts { get; } = [];

    public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ReaderExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.ScalarExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
        DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        Record(command);
        return base.NonQueryExecutingAsync(command, eventData, result, cancellationToken);
    }

    public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
    {
        Record(command);
        return base.ReaderExecuting(command, eventData, result);
    }

    public void Reset()
    {
        count = 0;
        lock (Texts)
        {
            Texts.Clear();
        }
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref count);
        lock (Texts)
        {
            Texts.Add(command.CommandText);
        }
    }
}
