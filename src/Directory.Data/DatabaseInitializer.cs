using Directory.Data.Import;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Directory.Data;

/// <summary>
/// Brings the database up to date before the service starts: applies the provider's migrations and, when the
/// database has no organisations yet and sample data is wanted (<c>Directory:SampleData</c>), loads the bundled
/// sample: the survey folder data/stadv-2020, then the reference lists (ICBs and any organisation the survey lacks),
/// then the sample funding awards data/funding/funding_awards.csv.
/// </summary>
public static class DatabaseInitializer
{
    /// <summary>Where the bundled data is: data/ beside the application (copied there from this project).</summary>
    public static string DataFolder => Path.Combine(AppContext.BaseDirectory, "data");

    /// <summary>The bundled sample survey folder.</summary>
    public static string SampleSurveyFolder => Path.Combine(DataFolder, "stadv-2020");

    /// <summary>The bundled sample funding awards (mostly invented: see data/funding/README.md).</summary>
    public static string SampleFundingFile => Path.Combine(DataFolder, "funding", "funding_awards.csv");

    /// <summary>The bundled reference lists.</summary>
    public static string ReferenceFolder => Path.Combine(DataFolder, "reference");

    public static Task InitializeAsync(IServiceProvider services, bool loadSampleData, ILogger log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        return InitializeAsync(services, loadSampleData, message => log.LogInformation("{Message}", message), cancellationToken);
    }

    public static Task InitializeAsync(IServiceProvider services, bool loadSampleData, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        return InitializeAsync(services, loadSampleData, log.WriteLine, cancellationToken);
    }

    public static async Task InitializeAsync(DirectoryDbContext db, bool loadSampleData, TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        await InitializeAsync(db, loadSampleData, log.WriteLine, cancellationToken);
    }

    private static async Task InitializeAsync(IServiceProvider services, bool loadSampleData, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(services);
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        await InitializeAsync(db, loadSampleData, log, cancellationToken);
    }

    private static async Task InitializeAsync(DirectoryDbContext db, bool loadSampleData, Action<string> log, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (db.Provider != DatabaseProvider.Postgres)
        {
            // SQLite: one machine, one file; migrations and the sample import each hold the file's write lock.
            await MigrateAndSeedAsync(db, loadSampleData, log, cancellationToken);
            return;
        }

        // Several instances may start together on one empty database: without a lock each would find no organisations
        // and load the sample, and all but one would fail on a unique key (and retry). A session advisory lock makes
        // them take turns; the later ones find the migrations applied and the data there. The lock is the
        // connection's, so the context keeps one connection open until it is released.
        var creator = db.GetService<IRelationalDatabaseCreator>();
        if (!await creator.ExistsAsync(cancellationToken))
        {
            await creator.CreateAsync(cancellationToken);
        }
        await db.Database.OpenConnectionAsync(cancellationToken);
        try
        {
            // Waiting for the lock takes as long as another instance's sample load: longer than the command timeout
            // allows a statement on a busy machine, so this one wait is unbounded (the start-up can still be cancelled).
            // The server's statement_timeout (Database:CommandTimeoutSeconds) would end the wait too: it is lifted for
            // this statement and RESET to the connection's own setting afterwards.
            var commandTimeout = db.Database.GetCommandTimeout();
            db.Database.SetCommandTimeout(0);
            await db.Database.ExecuteSqlRawAsync("SET statement_timeout = 0", cancellationToken);
            await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_lock({DirectoryDatabase.InitializationLockKey})", cancellationToken);
            await db.Database.ExecuteSqlRawAsync("RESET statement_timeout", cancellationToken);
            db.Database.SetCommandTimeout(commandTimeout);
            try
            {
                await MigrateAndSeedAsync(db, loadSampleData, log, cancellationToken);
            }
            finally
            {
                await db.Database.ExecuteSqlAsync($"SELECT pg_advisory_unlock({DirectoryDatabase.InitializationLockKey})", CancellationToken.None);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static async Task MigrateAndSeedAsync(DirectoryDbContext db, bool loadSampleData, Action<string> log, CancellationToken cancellationToken)
    {
        var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
        await db.Database.MigrateAsync(cancellationToken);
        await Text.SearchTextMaintenance.FillEmptyAsync(db, cancellationToken);
        if (pending.Count > 0)
        {
            log($"Database ({db.Provider}): applied migrations {string.Join(", ", pending)}.");
        }

        if (!loadSampleData || await db.Organisations.AnyAsync(cancellationToken))
        {
            return;
        }

        log($"Database is empty: loading the bundled sample data from {DataFolder}.");
        var result = await new SurveyImporter(db).ImportAsync(SampleSurveyFolder, SurveyImporter.DefaultSurveyCode, cancellationToken);
        if (!result.Succeeded)
        {
            throw new InvalidOperationException(
                $"The bundled sample data does not import: {string.Join(Environment.NewLine, result.Problems)}");
        }

        foreach (var count in result.Counts)
        {
            log($"  {count}");
        }

        var references = await new ReferenceDataLoader(db).LoadAsync(ReferenceFolder, cancellationToken);
        log($"  Organisations from the reference lists: {references} inserted.");

        var funding = await new SurveyImporter(db).ImportFundingAsync(SampleFundingFile, cancellationToken);
        if (!funding.Succeeded)
        {
            throw new InvalidOperationException(
                $"The bundled funding awards do not import: {string.Join(Environment.NewLine, funding.Problems)}");
        }

        log($"  {funding.Counts[0]}");
    }

    /// <summary>Whether the configured database answers (for health checks).</summary>
    public static async Task<bool> CanConnectAsync(IServiceProvider services, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(services);
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        return await db.Database.CanConnectAsync(cancellationToken);
    }
}
