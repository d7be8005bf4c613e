using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;
using Npgsql;

namespace Directory.Data;

/// <summary>How a <see cref="DirectoryDbContext"/> is configured for each provider, shared by the host and tools.</summary>
public static partial class DirectoryDatabase
{
    /// <summary>The SQLite connection string used when none is configured.</summary>
    public const string DefaultSqliteConnectionString = "Data Source=directory.db";

    /// <summary>Reads <c>Database:Provider</c> (case-insensitive; <c>Sqlite</c> when absent).</summary>
    public static DatabaseProvider ParseProvider(string? name) => name?.Trim().ToUpperInvariant() switch
    {
        null or "" or "SQLITE" => DatabaseProvider.Sqlite,
        "POSTGRES" or "POSTGRESQL" or "NPGSQL" => DatabaseProvider.Postgres,
        _ => throw new InvalidOperationException($"Unknown Database:Provider '{name}': expected Sqlite or Postgres."),
    };

    // A list in a query (a DataLoader batch's ids: `ids.Contains(x.Id)`) goes to the database as one parameter —
    // json_each(@ids) on SQLite, = ANY(@ids) on PostgreSQL — instead of EF Core 10's default of one parameter per
    // element. With one parameter per element the SQL depends on the list's length, so EF Core generated it again for
    // every batch (≈ 4 % of a national contact list request's CPU); with one it is generated once per query shape.
    private const ParameterTranslationMode CollectionParameters = ParameterTranslationMode.Parameter;

    /// <summary>Options for <see cref="SqliteDirectoryDbContext"/>.</summary>
    public static void ConfigureSqlite(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseSqlite(connectionString, sqlite => sqlite
            .MigrationsAssembly(typeof(DirectoryDatabase).Assembly.GetName().Name)
            .UseParameterizedCollectionMode(CollectionParameters));
        options.AddInterceptors(SqliteConnectionSettings.Instance);
        ConfigureCommon(options);
    }

    /// <summary>Options for <see cref="PostgresDirectoryDbContext"/>.</summary>
    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(WithAutoPrepare(connectionString), npgsql => npgsql
            .MigrationsAssembly(typeof(DirectoryDatabase).Assembly.GetName().Name)
            .UseParameterizedCollectionMode(CollectionParameters));
        ConfigureCommon(options);
    }

    /// <summary>
    /// <paramref name="connectionString"/> with Npgsql's automatic preparation on, unless it sets
    /// <c>Max Auto Prepare</c> itself: a command text a pooled connection has run <see cref="AutoPrepareMinUsages"/> times
    /// becomes a server-side prepared statement, which PostgreSQL no longer parses and, once its generic plan costs
    /// no more than the plans it made for the values, no longer plans. EF Core sends a few dozen texts, each with
    /// parameters; a search's page spent about as long in the planner (≈ 0.8 ms) as in its execution, the data-version
    /// read five times its execution (docs/benchmarks.md, "Search", PostgreSQL round trips). Npgsql's reset of a pooled
    /// connection then keeps prepared statements (it runs <c>RESET ALL</c>, <c>pg_advisory_unlock_all()</c>,
    /// <c>DISCARD TEMP</c> … instead of <c>DISCARD ALL</c>), so session settings, session advisory locks and temporary
    /// tables still do not outlive a connection's use; <c>COPY</c> (the import) is never prepared.
    /// </summary>
    internal static string WithAutoPrepare(string connectionString)
    {
        var builder = new NpgsqlConnectionStringBuilder(connectionString);
        if (builder.MaxAutoPrepare > 0)
        {
            return connectionString; // set explicitly by the operator: theirs wins
        }
        builder.MaxAutoPrepare = MaxAutoPrepared;
        builder.AutoPrepareMinUsages = AutoPrepareMinUsages;
        return builder.ConnectionString;
    }

    // Per connection: more than the texts EF Core sends on the hot paths (a search's page is one of a few shapes per
    // list), few enough that a pooled connection's prepared statements stay a small share of a backend's memory. The
    // least recently used is replaced when a connection has prepared this many.
    private const int MaxAutoPrepared = 256;

    // A text run twice on a connection is one the service repeats; once-only texts (migrations, start-up) stay unprepared.
    private const int AutoPrepareMinUsages = 2;

    private static void ConfigureCommon(DbContextOptionsBuilder options) =>
        // The migrations are hand-written (EF Core Design is not available to generate them or a model snapshot),
        // so EF cannot compare them with the model itself; MigrationsMatchModelTests does that instead.
        options.ConfigureWarnings(warnings => warnings.Ignore(RelationalEventId.PendingModelChangesWarning));

    // PostgreSQL advisory lock keys (any bigint the application reserves): one for writers, one for start-up.
    private const long WriteLockKey = 0x4469_7265_6301; // "Direc", 1
    internal const long InitializationLockKey = 0x4469_7265_6302;

    /// <summary>
    /// Begins the transaction a write runs in — its reads included — so that concurrent writers queue rather than
    /// collide: a key read and then inserted (the next survey response number, a new department named in a response, a
    /// name checked for uniqueness) stays valid until the commit. On SQLite the transaction begins IMMEDIATE (what
    /// Microsoft.Data.Sqlite does for every explicit transaction; WriteTransactionTests pins it): it takes the write lock
    /// at once, and a writer that finds it taken waits (Microsoft.Data.Sqlite retries a busy database for the command
    /// timeout, 30 s) instead of failing with SQLITE_BUSY when it later tries to write. On PostgreSQL, whose READ
    /// COMMITTED transactions would let two writers read the same highest key, the transaction first takes an
    /// advisory lock that every writer, on every instance, takes: writes are serialised, reads are not affected.
    /// Disposing the transaction without committing rolls everything back.
    /// </summary>
    public static async Task<IDbContextTransaction> BeginWriteTransactionAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var transaction = await db.Database.BeginTransactionAsync(cancellationToken);
        if (db.Provider == DatabaseProvider.Postgres)
        {
            try
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_xact_lock({WriteLockKey})", cancellationToken);
            }
            catch
            {
                await transaction.DisposeAsync();
                throw;
            }
        }
        db.HoldsWriteLockIn(transaction);
        return transaction;
    }

    /// <summary>A new context on the given database, outside dependency injection (tools, tests, the CLI).</summary>
    public static DirectoryDbContext CreateContext(DatabaseProvider provider, string connectionString) => provider switch
    {
        DatabaseProvider.Postgres => new PostgresDirectoryDbContext(Build<PostgresDirectoryDbContext>(o => ConfigurePostgres(o, connectionString))),
        _ => new SqliteDirectoryDbContext(Build<SqliteDirectoryDbContext>(o => ConfigureSqlite(o, connectionString))),
    };

    private static DbContextOptions<TContext> Build<TContext>(Action<DbContextOptionsBuilder> configure)
        where TContext : DbContext
    {
        var builder = new DbContextOptionsBuilder<TContext>();
        configure(builder);
        return builder.Options;
    }
}
