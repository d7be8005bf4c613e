using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

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

    /// <summary>
    /// A PostgreSQL connection string whose connections prepare the statements they run again and again (Npgsql's
    /// automatic preparation: a text run twice on a physical connection becomes a prepared statement, never parsed
    /// again there, and PostgreSQL plans it once when its generic plan costs no more than a custom one), unless the
    /// operator's string sets <c>Max Auto Prepare</c> itself (0 turns it off). A search's page at the sample ×100 was
    /// ≈ 0.3–0.9 ms faster with it (docs/benchmarks.md, "One command per search"). Each connection's reset then sends
    /// six statements instead of <c>DISCARD ALL</c>, which keeps the prepared ones: it paid once a request's commands
    /// shared one opened connection, not before.
    /// </summary>
    public static string WithAutomaticPreparation(string connectionString)
    {
        var given = new System.Data.Common.DbConnectionStringBuilder { ConnectionString = connectionString };
        if (given.Keys.Cast<string>().Any(k => k.Replace(" ", "", StringComparison.Ordinal).Equals("MaxAutoPrepare", StringComparison.OrdinalIgnoreCase)))
        {
            return connectionString; // set explicitly by the operator: theirs wins
        }
        // Per connection: the searches' shapes (words, roles, filters) and the rest of the service's queries fit; the
        // least used are unprepared first.
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString) { MaxAutoPrepare = 128, AutoPrepareMinUsages = 2 };
        return builder.ConnectionString;
    }

    /// <summary>
    /// A PostgreSQL connection string whose sessions give <paramref name="name"/> the value <paramref name="value"/>
    /// (a <c>-c</c> option, sent when a connection opens; a pooled connection's reset returns to it), unless the
    /// operator's string already sets it: theirs wins.
    /// </summary>
    public static string WithSessionSetting(string connectionString, string name, string value)
    {
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (builder.Options?.Contains(name, StringComparison.Ordinal) == true)
        {
            return connectionString;
        }
        var setting = $"-c {name}={value}";
        builder.Options = string.IsNullOrWhiteSpace(builder.Options) ? setting : builder.Options + " " + setting;
        return builder.ConnectionString;
    }

    /// <summary>
    /// The most new entries, in kB, that a pg_trgm GIN search index keeps in its pending list for the service's writes
    /// (PostgreSQL's least; its default is 4 MB). Every search through the index reads the whole list, unsorted, until
    /// a vacuum or a full list moves it into the index proper, and autovacuum comes only after a fifth of a table has
    /// changed: with the default, after ≈ 5,000 job-title writes at the sample ×100 each scan read 134–225 pages of it
    /// instead of 7–8 (docs/benchmarks.md, "One command per search"). A session setting, not the indexes' storage
    /// parameter, so that an import can raise it for its own transaction (<c>ImportWriter</c>): a bulk write with a
    /// 64 kB list moves it into the index every few rows (the ×100 contacts' search columns ≈ 3× slower).
    /// </summary>
    public const int SearchPendingListKilobytes = 64;

    /// <summary>A PostgreSQL connection string whose sessions keep the search indexes' pending lists small (<see cref="SearchPendingListKilobytes"/>).</summary>
    public static string WithSmallSearchPendingLists(string connectionString) =>
        WithSessionSetting(connectionString, "gin_pending_list_limit", SearchPendingListKilobytes.ToString(System.Globalization.CultureInfo.InvariantCulture));

    /// <summary>Options for <see cref="PostgresDirectoryDbContext"/>.</summary>
    public static void ConfigurePostgres(DbContextOptionsBuilder options, string connectionString)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.UseNpgsql(connectionString, npgsql => npgsql
            .MigrationsAssembly(typeof(DirectoryDatabase).Assembly.GetName().Name)
            .UseParameterizedCollectionMode(CollectionParameters));
        ConfigureCommon(options);
    }

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
