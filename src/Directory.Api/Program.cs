using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.Cli;
using Directory.Api.Exports;
using Directory.Api.GraphQL;
using Directory.Api.Health;
using Directory.Api.Hosting;
using Directory.Api.Web;
using Directory.Data;
using Microsoft.Data.Sqlite;

// One executable, two uses: with a subcommand (import, token, export-schema, backup) it runs that and exits;
// otherwise it is the web service. Both read the same configuration, so a subcommand acts on the database the
// service uses.
if (CommandLine.IsCommand(args))
{
    using var cancel = new CancellationTokenSource();
    Console.CancelKeyPress += (_, e) => { e.Cancel = true; cancel.Cancel(); };
    if (ImportProcess.WithoutTieredPgo(args, Environment.ProcessPath, Environment.GetCommandLineArgs()[0], Environment.GetEnvironmentVariable) is { } restart)
    {
        return await ImportProcess.RunAsync(restart, cancel.Token);
    }
    return await CommandLine.RunAsync(args, Console.Out, Console.Error, cancel.Token);
}

var builder = WebApplication.CreateBuilder(ContentRoot.Options(args));
builder.AddDirectoryObservability();
builder.Services.AddDirectoryData(builder.Configuration);
builder.Services.AddDirectoryWeb(builder.Configuration);
builder.Services.AddSingleton<DatabaseStartup>();
builder.Services.AddHostedService(services => services.GetRequiredService<DatabaseStartup>());
builder.Services.AddDirectoryHealth();
builder.Services.AddDirectoryAuthentication(builder.Configuration, builder.Environment);
builder.Services.AddDirectoryRateLimits(builder.Configuration);
builder.Services.AddDirectoryAudit(builder.Configuration);
builder.Services.AddDirectoryGraphQL(builder.Configuration, builder.Environment);

var app = builder.Build();

// Migrations (and, on an empty database, the bundled sample) run before the server listens, so the first request
// never sees a half-initialised database; if the database is unreachable, DatabaseStartup retries in the background.
await app.Services.GetRequiredService<DatabaseStartup>().TryInitializeAsync(app.Lifetime.ApplicationStopping);

if (!app.Environment.IsDevelopment())
{
    // An unexpected failure outside GraphQL (e.g. during an export) answers 500 in the API's error shape, with no
    // exception message or stack trace; the details go to the log only.
    app.UseExceptionHandler(failure => failure.Run(context =>
        Directory.GraphQL.Http.GraphQLErrorResponse.WriteAsync(context, "Unexpected error.", "INTERNAL_SERVER_ERROR")));
}

// Who is asking is settled first (a bad token ends the request with 401); the rate limiter then counts per user.
app.UseDirectoryAuthentication();
app.UseRateLimiter();

app.MapHealth();
app.MapDirectoryMetrics();
app.MapDirectoryWeb();
app.MapDirectoryGraphQL();
app.MapDirectoryExports();

app.Lifetime.ApplicationStarted.Register(() =>
{
    foreach (var url in app.Urls)
    {
        app.Logger.LogInformation("Commissioning Directory: dashboard {Url}/, GraphQL {Url}/graphql, health {Url}/health", url, url, url);
    }
});

// Pooled SQLite connections keep the database file open (and its -wal/-shm files present); closing them on shutdown
// checkpoints the write-ahead log so Ctrl+C leaves one consistent file behind.
app.Lifetime.ApplicationStopped.Register(SqliteConnection.ClearAllPools);

await app.RunAsync();
return CommandLine.Success;

/// <summary>The entry point; public so that tests can host the service with WebApplicationFactory.</summary>
public partial class Program;
