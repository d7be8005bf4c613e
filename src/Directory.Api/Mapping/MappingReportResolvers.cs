using Directory.Api.GraphQL;
using Directory.Api.Places;
using Directory.Data;
using Directory.Data.Aggregates;
using Directory.Data.Model;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Mapping;

/// <summary>
/// <c>Query.mappingReport</c>: the STADV report's aggregates (<see cref="MappingReportAggregates"/>, each bound to the
/// field it names), summed from the organisations' contributions (<see cref="MappingReportContributions"/>, read once
/// per data version and, after a change, only for the organisations it touched); <see cref="MappingReportQueries"/>
/// is their definition in SQL. Only the aggregates a query selects are computed.
/// </summary>
internal static class MappingReportResolvers
{
    /// <summary>The parent of the report's fields: which survey, restricted to which region, read at which data version.</summary>
    internal sealed record MappingReport(SurveyRound Survey, string? Region, long DataVersion);

    /// <summary>The most councils <c>ftePerHead</c> lists at each end: a page's worth.</summary>
    public const int MaxFtePerHeadLimit = Paging.PageRequest.MaxPageSize;

    // Compiled: asked on every report, where EF Core's cache look-up of the LINQ query costs as much as the command.
    private static readonly CompiledQuery<Func<DirectoryDbContext, string, CancellationToken, Task<SurveyRound?>>> SurveyByCode = new(_ => EF.CompileAsyncQuery(
        (DirectoryDbContext db, string code, CancellationToken _) => db.SurveyRounds.AsNoTracking().FirstOrDefault(s => s.Code == code)));

    public static SchemaBuilder BindMappingReport(this SchemaBuilder schema)
    {
        schema
            .Resolve("Query", "mappingReport", async ctx =>
            {
                var code = ctx.GetArgument<string>("survey")!;
                await using var db = await Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken);
                var survey = await SurveyByCode.For(db)(db, code, ctx.CancellationToken);
                if (survey is null)
                {
                    return null;
                }
                // A misspelt region would otherwise report zeros, indistinguishable from a region with no returns.
                var region = ctx.GetArgument<string>("region") is { } named ? await PlaceMatcher.RegionAsync(db, named, ctx.CancellationToken) : null;
                var version = await ctx.Services.GetRequiredService<MappingReportCache>().DataVersionAsync(ctx.CancellationToken);
                return new MappingReport(survey, region, version);
            })
            .BindType<MappingReport>("MappingReport");
        // Each aggregate answers the field it names; a field of the contract without one has no resolver, and
        // MappingReport has no property of that name, so building the schema fails naming it.
        foreach (var aggregate in MappingReportAggregates.All)
        {
            schema.Resolve("MappingReport", aggregate.Field, ctx => Run(ctx, aggregate));
        }
        // The results' records carry the names of the GraphQL types they mirror.
        foreach (var record in typeof(Coverage).Assembly.GetExportedTypes()
            .Where(t => t.Namespace == typeof(Coverage).Namespace && t.IsDefined(typeof(MappingReportResultAttribute), inherit: false)))
        {
            schema.BindType(record, record.Name);
        }
        return schema;
    }

    /// <summary>
    /// One aggregate of the report, from the cache when the data has not changed since it was computed; the key is the
    /// field with its arguments, the survey and the region.
    /// </summary>
    private static Task<object?> Run(ResolverContext context, MappingReportAggregate aggregate)
    {
        var report = (MappingReport)context.Parent!;
        var arguments = new MappingReportArguments(report.Region, OrgType(context),
            // Checked before the cache is asked, so a refused limit is never computed nor cached.
            NumericArguments.InRange(context.GetArgument<int?>("limit"), "limit", 1, MaxFtePerHeadLimit));
        // JSON, not string interpolation: a null and an empty region (or argument) must not share a cached answer.
        var key = System.Text.Json.JsonSerializer.Serialize(new
        {
            field = context.Field!.Name,
            arguments = context.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new[] { a.Key, a.Value }),
            survey = report.Survey.Code,
            region = report.Region,
        });
        var cache = context.Services.GetRequiredService<MappingReportCache>();
        return cache.GetAsync(key, report.DataVersion, async run =>
        {
            var contributions = await cache.ContributionsAsync(report.Survey.Code, report.DataVersion, run.CancellationToken);
            await using var db = await run.Contexts.CreateDbContextAsync(run.CancellationToken);
            return await contributions.ComputeObjectAsync(aggregate, db, arguments, run.CancellationToken);
        }, context.CancellationToken);
    }

    private static OrganisationType? OrgType(ResolverContext context) =>
        context.GetArgument<string>("orgType") is { } name ? Enum.Parse<OrganisationType>(name) : null;

    private static IDbContextFactory<DirectoryDbContext> Contexts(ResolverContext context) =>
        context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
}
