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
/// <c>Query.mappingReport</c>: the STADV report's aggregates, each computed by one GROUP BY query in
/// <see cref="MappingReportQueries"/>. Only the aggregates a query selects are computed, each in its own DbContext
/// so sibling aggregates run concurrently.
/// </summary>
internal static class MappingReportResolvers
{
    /// <summary>The parent of the report's fields: which survey, restricted to which region, read at which data version.</summary>
    internal sealed record MappingReport(SurveyRound Survey, string? Region, long DataVersion);

    /// <summary>The most councils <c>ftePerHead</c> lists at each end: a page's worth.</summary>
    public const int MaxFtePerHeadLimit = Paging.PageRequest.MaxPageSize;

    public static SchemaBuilder BindMappingReport(this SchemaBuilder schema) => schema
        .Resolve("Query", "mappingReport", async ctx =>
        {
            var code = ctx.GetArgument<string>("survey")!;
            await using var db = await Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken);
            var survey = await db.SurveyRounds.AsNoTracking().FirstOrDefaultAsync(s => s.Code == code, ctx.CancellationToken);
            if (survey is null)
            {
                return null;
            }
            // A misspelt region would otherwise report zeros, indistinguishable from a region with no returns.
            var region = ctx.GetArgument<string>("region") is { } named ? await PlaceMatcher.RegionAsync(db, named, ctx.CancellationToken) : null;
            var version = await ctx.Services.GetRequiredService<MappingReportCache>().DataVersionAsync(ctx.CancellationToken);
            return new MappingReport(survey, region, version);
        })
        .BindType<MappingReport>("MappingReport")
        .Resolve("MappingReport", "coverage", ctx => Run(ctx, (q, r, ct) => q.CoverageAsync(r.Survey.Code, r.Region, ct)))
        .Resolve("MappingReport", "responseCount", ctx => Run(ctx, (q, r, ct) => q.ResponseCountAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "departmentBreakdown", ctx => Run(ctx, (q, r, ct) => q.DepartmentBreakdownAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "activities", ctx => Run(ctx, (q, r, ct) => q.ActivitiesAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "leadStatus", ctx => Run(ctx, (q, r, ct) => q.LeadStatusAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "focus", ctx => Run(ctx, (q, r, ct) => q.FocusAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "seniority", ctx => Run(ctx, (q, r, ct) => q.SeniorityAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "jointCommissioningGroup", ctx => Run(ctx, (q, r, ct) => q.JointCommissioningGroupAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "staffing", ctx => Run(ctx, (q, r, ct) => q.StaffingAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "ftePerHead", ctx =>
        {
            // Checked before the cache is asked, so a refused limit is never computed nor cached.
            var limit = NumericArguments.InRange(ctx.GetArgument<int?>("limit"), "limit", 1, MaxFtePerHeadLimit) ?? 10;
            return Run(ctx, (q, r, ct) => q.FtePerHeadAsync(r.Survey.Code, r.Region, limit, ct));
        })
        .Resolve("MappingReport", "servicesCommissioned", ctx => Run(ctx, (q, r, ct) => q.ServicesCommissionedAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .Resolve("MappingReport", "jobTitles", ctx => Run(ctx, (q, r, ct) => q.JobTitlesAsync(r.Survey.Code, r.Region, OrgType(ctx), ct)))
        .BindType<Coverage>("Coverage")
        .BindType<CoverageRow>("CoverageRow")
        .BindType<DepartmentShare>("DepartmentShare")
        .BindType<QuestionBreakdown>("QuestionBreakdown")
        .BindType<OptionShare>("OptionShare")
        .BindType<Staffing>("Staffing")
        .BindType<StaffingRow>("StaffingRow")
        .BindType<TeamSize>("TeamSize")
        .BindType<FtePerHead>("FtePerHead")
        .BindType<FtePerHeadRow>("FtePerHeadRow")
        .BindType<ServiceCommissioningShare>("ServiceCommissioningShare")
        .BindType<JobTitleGroup>("JobTitleGroup")
        .BindType<JobTitleCount>("JobTitleCount");

    /// <summary>
    /// One aggregate of the report, from the cache when the data has not changed since it was computed; the key is the
    /// field with its arguments, the survey and the region.
    /// </summary>
    private static Task<T> Run<T>(ResolverContext context, Func<MappingReportQueries, MappingReport, CancellationToken, Task<T>> query)
    {
        var report = (MappingReport)context.Parent!;
        // JSON, not string interpolation: a null and an empty region (or argument) must not share a cached answer.
        var key = System.Text.Json.JsonSerializer.Serialize(new
        {
            field = context.Field!.Name,
            arguments = context.Arguments.OrderBy(a => a.Key, StringComparer.Ordinal).Select(a => new[] { a.Key, a.Value }),
            survey = report.Survey.Code,
            region = report.Region,
        });
        return context.Services.GetRequiredService<MappingReportCache>().GetAsync(key, report.DataVersion, async run =>
        {
            await using var db = await run.Contexts.CreateDbContextAsync(run.CancellationToken);
            return await query(new MappingReportQueries(db), report, run.CancellationToken);
        }, context.CancellationToken);
    }

    private static OrganisationType? OrgType(ResolverContext context) =>
        context.GetArgument<string>("orgType") is { } name ? Enum.Parse<OrganisationType>(name) : null;

    private static IDbContextFactory<DirectoryDbContext> Contexts(ResolverContext context) =>
        context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
}
