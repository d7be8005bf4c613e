using System.Diagnostics;
using Directory.Api.Audit;
using Directory.Api.Contacts;
using Directory.Api.Funding;
using Directory.Api.Hosting;
using Directory.Api.Live;
using Directory.Api.Mapping;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Partnerships;
using Directory.Api.Places;
using Directory.Api.Web;
using Directory.Api.Writes;
using Directory.GraphQL.Http;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;
using Directory.GraphQL.Validation;

namespace Directory.Api.GraphQL;

/// <summary>
/// The directory's GraphQL service: the contract <c>schema/directory.graphql</c> bound to the resolvers of the feature
/// folders, one executor for the process (its document and plan caches are shared by all requests), served at
/// <c>/graphql</c>. Building the schema fails at start-up, naming every field without a resolver and every filter or
/// sort input that disagrees with its C# declaration (<see cref="FilterSortInputs"/>).
/// </summary>
public static class DirectoryGraphQL
{
    public const string Path = "/graphql";

    public static Schema BuildSchema() => BuildSchema(ServedSchema.ContractSdl);

    /// <summary>The resolvers bound to a contract text: a test adds a field to see start-up fail naming it.</summary>
    internal static Schema BuildSchema(string contractSdl) => SchemaBuilder.FromSdl(contractSdl)
        .BindScalars()
        .BindType<PageInfo>("PageInfo")
        .BindNodes()
        .BindOrganisations()
        .BindHealthGeography()
        .BindRegions()
        .BindWhoCommissions()
        .BindContacts()
        .BindNationalContactList()
        .BindPartnerships()
        .BindContractSummary()
        .BindFunding()
        .BindSurveys()
        .BindMappingReport()
        .BindAudit()
        .BindOrganisationMutations()
        .BindContactMutations()
        .BindSurveyMutations()
        .BindContractMutations()
        .BindPartnershipMutations()
        .BindMutationTypes()
        .BindDirectoryChanges()
        .Build()
        .CheckFilterAndSortInputs();

    public static IServiceCollection AddDirectoryGraphQL(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var section = configuration.GetSection("GraphQL");
        var development = environment.IsDevelopment();
        // Before EF Core runs its first command: it caches for a while whether anyone listens to its diagnostics,
        // so a later subscription would miss the first requests' commands.
        SqlCommandCounter.Subscribe();
        var validation = new ValidationOptions
        {
            IncludeSuggestions = development,
            MaxDepth = section.GetValue("MaxDepth", 15),
            MaxAliases = section.GetValue("MaxAliases", 30),
            MaxDirectives = section.GetValue("MaxDirectives", 50),
            MaxCost = section.GetValue("MaxCost", 250_000),
            AllowIntrospection = section.GetValue("Introspection", true),
        };
        var limits = InputLimits.From(section);
        var schema = BuildSchema();
        services.AddSingleton(provider => new RequestExecutor(schema, new ExecutorOptions
        {
            CheckArguments = limits.Check,
            ExposeExceptionMessages = development,
            Timeout = TimeSpan.FromSeconds(section.GetValue("TimeoutSeconds", 30)),
            ParserOptions = new ParserOptions { MaxTokens = section.GetValue("MaxTokens", 15_000) },
            ValidationOptions = validation,
            Telemetry = provider.GetService<GraphQLTelemetry>(),
        }));
        services.AddSingleton(limits);
        services.AddSingleton<MappingReportCache>();
        services.AddSingleton<TotalCountCache>();
        services.AddSingleton(new GraphQLHttpOptions
        {
            MaxRequestBodyBytes = section.GetValue("MaxRequestBodyBytes", 512L * 1024),
            OnExecuted = development
                ? (Action<HttpContext, ExecutionResult>)RecordSqlCommands + AddDiagnostics + AnswerUnavailable
                : (Action<HttpContext, ExecutionResult>)RecordSqlCommands + AnswerUnavailable,
            PersistedOperations = TrustedDocuments.Create(section.GetSection("PersistedOperations"), new ClientAppFiles()),
            Subscriptions = LiveUpdates.Add(services, configuration),
        });
        return services;
    }

    public static IEndpointConventionBuilder MapDirectoryGraphQL(this WebApplication app)
    {
        var development = app.Environment.IsDevelopment();
        // Counting must begin in the request's own async flow, before the endpoint runs, so that every resolver
        // task started by the executor inherits the counter.
        app.Use(async (context, next) =>
        {
            if (context.Request.Path != Path)
            {
                await next(context);
                return;
            }
            using var counter = SqlCommandCounter.Start();
            context.Items[CounterKey] = counter;
            if (development && context.Request.Headers[DiagnosticsHeader] == "1")
            {
                context.Items[DiagnosticsKey] = Stopwatch.StartNew();
            }
            await next(context);
        });
        // Subscriptions over graphql-ws arrive as WebSocket upgrades of the same endpoint.
        app.UseWebSockets();
        return app.MapGraphQL(Path, app.Services.GetRequiredService<RequestExecutor>(), app.Services.GetRequiredService<GraphQLHttpOptions>());
    }

    /// <summary>The request header that asks for <c>extensions.diagnostics</c> (Development only).</summary>
    public const string DiagnosticsHeader = "GraphQL-Diagnostics";

    private const string DiagnosticsKey = "graphql.diagnostics";

    private const string CounterKey = "graphql.sql-commands";

    // A write refused because the database is not the one the service started on, or too busy to take it in time, is
    // the server's failure, not the request's: 503, like /health, so that clients and load balancers retry (later, or
    // elsewhere) rather than report success.
    private static void AnswerUnavailable(HttpContext context, ExecutionResult result)
    {
        if (result.Errors.Any(e => e.Code == WriteContexts.UnavailableCode))
        {
            WriteContexts.MarkUnavailable(context.Response);
        }
    }

    private static void RecordSqlCommands(HttpContext context, ExecutionResult result)
    {
        if (context.Items[CounterKey] is SqlCommandCounter.Scope counter)
        {
            context.RequestServices.GetService<Observability.SqlCommandMetrics>()?.Record(counter.Commands, result);
        }
    }

    private static void AddDiagnostics(HttpContext context, ExecutionResult result)
    {
        if (context.Items[DiagnosticsKey] is Stopwatch stopwatch && context.Items[CounterKey] is SqlCommandCounter.Scope counter)
        {
            result.Extensions["diagnostics"] = new Dictionary<string, object?>
            {
                ["sqlCommands"] = counter.Commands,
                ["elapsedMs"] = Math.Round(stopwatch.Elapsed.TotalMilliseconds, 3),
                ["sql"] = counter.CommandTexts,
            };
        }
    }
}
