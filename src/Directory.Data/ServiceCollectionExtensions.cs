using Directory.Data.Changes;
using Directory.Data.Import;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Logging;

namespace Directory.Data;

public static class ServiceCollectionExtensions
{
    /// <summary>
    /// Registers the directory's database from configuration: <c>Database:Provider</c> (<c>Sqlite</c>, the
    /// default, or <c>Postgres</c>) and <c>ConnectionStrings:Directory</c> (SQLite default
    /// <c>Data Source=directory.db</c>). Provides a pooled <see cref="IDbContextFactory{DirectoryDbContext}"/> for
    /// short-lived concurrent contexts (resolvers, DataLoaders), a scoped <see cref="DirectoryDbContext"/> drawn
    /// from the same pool, a scoped <see cref="SurveyImporter"/>, the <see cref="DatabaseIdentity"/> writes check, and
    /// the email digest keys <c>Audit:PseudonymKey</c> and <c>Audit:PreviousPseudonymKeys</c> that erasure tombstones
    /// are matched with. <c>Database:CommandTimeoutSeconds</c> bounds the work of each command
    /// (<see cref="CommandBudget"/>).
    /// </summary>
    public static IServiceCollection AddDirectoryData(this IServiceCollection services, IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var provider = DirectoryDatabase.ParseProvider(configuration["Database:Provider"]);
        var connectionString = configuration.GetConnectionString("Directory");
        if (string.IsNullOrWhiteSpace(connectionString))
        {
            connectionString = provider == DatabaseProvider.Sqlite
                ? DirectoryDatabase.DefaultSqliteConnectionString
                : throw new InvalidOperationException("Database:Provider is Postgres but ConnectionStrings:Directory is not set.");
        }

        services.AddSingleton(Erasure.PseudonymKeys.FromConfiguration(configuration));
        return services.AddDirectoryData(provider, connectionString, CommandBudget.From(configuration["Database:CommandTimeoutSeconds"]));
    }

    /// <summary>
    /// As <see cref="AddDirectoryData(IServiceCollection, IConfiguration)"/>, with explicit settings; every command is
    /// bounded by <paramref name="commandBudget"/> (<see cref="CommandBudget.Default"/> when null).
    /// </summary>
    public static IServiceCollection AddDirectoryData(
        this IServiceCollection services, DatabaseProvider provider, string connectionString, TimeSpan? commandBudget = null)
    {
        var budget = commandBudget ?? CommandBudget.Default;
        services.AddSingleton<DirectoryChangeFeed>();
        services.AddSingleton<ChangeCapture>();
        if (provider == DatabaseProvider.Postgres)
        {
            var listenerConnectionString = connectionString;
            services.AddSingleton(sp => new PostgresChangeListener(
                listenerConnectionString, sp.GetRequiredService<DirectoryChangeFeed>(), sp.GetRequiredService<ILogger<PostgresChangeListener>>()));
            connectionString = DirectoryDatabase.WithAutomaticPreparation(
                DirectoryDatabase.WithSmallSearchPendingLists(CommandBudget.WithStatementTimeout(connectionString, budget)));
            services.AddPooledDbContextFactory<PostgresDirectoryDbContext>((sp, o) =>
            {
                DirectoryDatabase.ConfigurePostgres(o, connectionString);
                o.AddInterceptors(sp.GetRequiredService<ChangeCapture>());
            });
            services.AddSingleton<IDbContextFactory<DirectoryDbContext>, DirectoryDbContextFactory<PostgresDirectoryDbContext>>();
        }
        else
        {
            services.AddPooledDbContextFactory<SqliteDirectoryDbContext>((sp, o) =>
            {
                DirectoryDatabase.ConfigureSqlite(o, connectionString);
                CommandBudget.InterruptSqlite(o, budget);
                o.AddInterceptors(sp.GetRequiredService<ChangeCapture>());
            });
            services.AddSingleton<IDbContextFactory<DirectoryDbContext>, DirectoryDbContextFactory<SqliteDirectoryDbContext>>();
        }

        services.TryAddSingleton(Erasure.PseudonymKeys.Default);
        services.AddScoped(sp => sp.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContext());
        services.AddSingleton<DatabaseIdentity>();
        services.AddScoped<SurveyImporter>();
        return services;
    }

    /// <summary>Hands out the provider's context type as the provider-neutral <see cref="DirectoryDbContext"/>.</summary>
    private sealed class DirectoryDbContextFactory<TContext>(IDbContextFactory<TContext> inner) : IDbContextFactory<DirectoryDbContext>
        where TContext : DirectoryDbContext
    {
        public DirectoryDbContext CreateDbContext() => inner.CreateDbContext();

        public async Task<DirectoryDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
            await inner.CreateDbContextAsync(cancellationToken);
    }
}
