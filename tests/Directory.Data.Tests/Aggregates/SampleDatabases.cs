using System.Data.Common;
using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Directory.Data.Tests.Aggregates;

/// <summary>
/// The bundled sample (data/stadv-2020 plus the reference lists, as the host loads them) imported once per test class
/// into a fresh SQLite file and, when <c>DIRECTORY_TEST_POSTGRES</c> is set, a fresh PostgreSQL database; both are
/// dropped afterwards.
/// </summary>
public sealed class SampleDatabases : IAsyncLifetime
{
    public const string PostgresVariable = TestDatabase.PostgresVariable;

    private readonly Dictionary<DatabaseProvider, TestDatabase> _databases = [];

    public static bool PostgresAvailable => !string.IsNullOrWhiteSpace(Environment.GetEnvironmentVariable(PostgresVariable));

    public async Task InitializeAsync()
    {
        _databases[DatabaseProvider.Sqlite] = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        if (PostgresAvailable)
        {
            _databases[DatabaseProvider.Postgres] = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Postgres);
        }

        foreach (var database in _databases.Values)
        {
            await using var db = database.NewContext();
            var result = await new SurveyImporter(db).ImportAsync(TestData.SampleFolder);
            result.Succeeded.ShouldBeTrue(string.Join(Environment.NewLine, result.Problems));
            await new ReferenceDataLoader(db).LoadAsync(TestData.ReferenceFolder);
        }
    }

    /// <summary>A new context on the sample database of <paramref name="provider"/>; skips the test when it is absent.</summary>
    public DirectoryDbContext CreateContext(DatabaseProvider provider, params IInterceptor[] interceptors)
    {
        Skip.If(provider == DatabaseProvider.Postgres && !PostgresAvailable, $"PostgreSQL tests need {PostgresVariable} (run .ci/postgres.sh).");
        return InterceptedContext.Create(provider, _databases[provider].ConnectionString, interceptors);
    }

    public async Task DisposeAsync()
    {
        foreach (var database in _databases.Values)
        {
            await database.DisposeAsync();
        }
    }
}

/// <summary>Contexts with interceptors (the shared <see cref="TestDatabase.NewContext"/> takes none).</summary>
public static class InterceptedContext
{
    public static DirectoryDbContext Create(DatabaseProvider provider, string connectionString, params IInterceptor[] interceptors)
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
}

/// <summary>Counts the SQL commands a context executes (readers, scalars and non-queries).</summary>
public sealed class CommandCounter : DbCommandInterceptor
{
    private int _count;

    public int Count => _count;

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
        _count = 0;
        lock (Texts)
        {
            Texts.Clear();
        }
    }

    private void Record(DbCommand command)
    {
        Interlocked.Increment(ref _count);
        lock (Texts)
        {
            Texts.Add(command.CommandText);
        }
    }
}
