namespace Directory.Api.Hosting;

/// <summary>
/// Brings the database to the current schema (and, when empty and configured so, loads the sample data) before the
/// service does any work with it. The first attempt runs before the server listens, so on a healthy machine no request
/// ever sees a half-initialised database. If the database cannot be reached then, the service still starts — so that
/// <c>/health</c> can answer 503 and orchestrators can see why — and keeps retrying in the background.
/// </summary>
internal sealed class DatabaseStartup(IServiceProvider services, IConfiguration configuration, ILogger<DatabaseStartup> logger)
    : BackgroundService
{
    private static readonly TimeSpan[] RetryDelays = [TimeSpan.FromSeconds(1), TimeSpan.FromSeconds(2), TimeSpan.FromSeconds(5), TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(30)];

    private volatile bool _ready;

    /// <summary>Whether migrations (and the sample load) have completed.</summary>
    public bool IsReady => _ready;

    private bool LoadSampleData => configuration.GetValue("Directory:SampleData", defaultValue: true);

    /// <summary>The first attempt, awaited by Program before the server starts listening.</summary>
    public async Task TryInitializeAsync(CancellationToken cancellationToken)
    {
        try
        {
            await DatabaseInitializer.InitializeAsync(services, LoadSampleData, logger, cancellationToken);
            // From here on every write checks that it goes to this database (see DatabaseIdentity).
            await using (var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync(cancellationToken))
            {
                await services.GetRequiredService<DatabaseIdentity>().RememberAsync(db, cancellationToken);
            }
            _ready = true;
        }
        catch (Exception e) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError("The database could not be initialised ({Reason}); the service starts anyway, reports 503 on /health and retries.", e.Message);
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        for (var attempt = 0; !_ready && !stoppingToken.IsCancellationRequested; attempt++)
        {
            await Task.Delay(RetryDelays[Math.Min(attempt, RetryDelays.Length - 1)], stoppingToken);
            await TryInitializeAsync(stoppingToken);
            if (_ready)
            {
                logger.LogInformation("The database is now initialised.");
            }
        }
    }
}
