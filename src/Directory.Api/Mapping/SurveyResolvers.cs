using System.Linq.Expressions;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.GraphQL;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Data;
using Directory.Data.Model;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Mapping;

/// <summary>Resolvers of survey rounds, their responses, staff lines, services commissioned and service types.</summary>
internal static class SurveyResolvers
{
    private static readonly Expression<Func<SurveyRound, int>> SurveyId = s => s.Id;
    private static readonly Expression<Func<SurveyResponse, int>> ResponseId = r => r.Id;
    private static readonly Expression<Func<StaffLine, int>> StaffResponse = s => s.ResponseId;
    private static readonly Expression<Func<ServiceCommissioned, int>> ServiceResponse = s => s.ResponseId;
    private static readonly Expression<Func<ServiceType, int>> ServiceTypeId = s => s.Id;

    /// <summary>A response's organisation-level answers, which every signed-in caller reads (never comments or consent).</summary>
    public static readonly FilterFields<SurveyResponse> ResponseFilter = new FilterFields<SurveyResponse>()
        .Date("submittedOn", r => r.SubmittedOn)
        .Enum("focus", r => r.Focus)
        .Enum("jointCommissioningGroup", r => r.JointCommissioningGroup)
        // The organisation's latest response in the same survey: none submitted later (a tie goes to the later row).
        .Bool("latest", r => (bool?)!r.Organisation.Responses.Any(o => o.SurveyRoundId == r.SurveyRoundId
            && (o.SubmittedOn > r.SubmittedOn || (o.SubmittedOn == r.SubmittedOn && o.Id > r.Id))))
        .EnumSet("leadStatus", r => r.LeadAnswers.Select(a => a.Answer))
        .EnumSet("activities", r => r.Activities.Select(a => a.Activity))
        .Nested("organisation", r => r.Organisation, OrganisationResolvers.Filter);

    public static readonly SortFields<SurveyResponse> ResponseSort = new SortFields<SurveyResponse>()
        .Key("code", r => r.Key)
        .Key("submittedOn", r => r.SubmittedOn)
        .Nested("organisation", r => r.Organisation, OrganisationResolvers.Sort);

    /// <summary>Responses always come with their multi-select answers: every field of the type can then be served.</summary>
    public static IQueryable<SurveyResponse> Responses(DirectoryDbContext db) => WithAnswers(db.SurveyResponses);

    /// <summary>The responses the request's caller may see (<see cref="ResponseVisibility"/>), with their answers.</summary>
    public static Func<DirectoryDbContext, IQueryable<SurveyResponse>> VisibleTo(ResolverContext context)
    {
        var viewer = context.Services.GetRequiredService<Viewer>();
        return db => WithAnswers(ResponseVisibility.Visible(db, viewer));
    }

    private static IQueryable<SurveyResponse> WithAnswers(IQueryable<SurveyResponse> responses) =>
        responses.Include(r => r.LeadAnswers).Include(r => r.Activities);

    public static Task<SurveyResponse?> ResponseByIdAsync(ResolverContext context, int? id) =>
        Load.OneAsync(context, "response-by-id", id, VisibleTo(context), ResponseId);

    public static Task<ServiceType?> ServiceTypeByIdAsync(ResolverContext context, int id) =>
        Load.OneAsync(context, "service-type-by-id", id, db => db.ServiceTypes, ServiceTypeId);

    public static Task<SurveyRound?> SurveyByIdAsync(ResolverContext context, int id) =>
        Load.OneAsync(context, "survey-by-id", id, db => db.SurveyRounds, SurveyId);

    public static SchemaBuilder BindSurveys(this SchemaBuilder schema) => schema
        .Resolve("Query", "responses", ctx =>
        {
            // Rows through ResponseVisibility (anonymous callers get an empty connection, as from every list of
            // responses); the filter names only organisation-level answers, which every caller of a row may read.
            var survey = ctx.GetArgument<string>("survey")!;
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            var order = ctx.GetArgument<IReadOnlyList<object?>>("order");
            var visible = VisibleTo(ctx);
            return new Connection<SurveyResponse>(
                Contexts(ctx),
                db => ResponseSort.Apply(
                    ResponseFilter.Apply(visible(db).Where(r => r.SurveyRound.Code == survey), where),
                    order,
                    [SortClause.Ascending<SurveyResponse, string>(r => r.Organisation.Name), SortClause.Ascending<SurveyResponse, string>(r => r.Key)],
                    r => r.Id),
                PageRequest.From(ctx),
                null);
        })
        .BindConnection<SurveyResponse>("SurveyResponse")
        .Resolve("Query", "surveys", async ctx =>
        {
            await using var db = await Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken);
            return await db.SurveyRounds.AsNoTracking().OrderByDescending(s => s.OpensOn).ThenByDescending(s => s.Code).ToListAsync(ctx.CancellationToken);
        })
        .Resolve("Query", "serviceTypes", async ctx =>
        {
            await using var db = await Contexts(ctx).CreateDbContextAsync(ctx.CancellationToken);
            return await db.ServiceTypes.AsNoTracking().OrderBy(s => s.Category).ThenBy(s => s.Name).ToListAsync(ctx.CancellationToken);
        })
        .BindType<SurveyRound>("Survey")
        .Resolve("Survey", "id", ctx => GlobalId.Of("Survey", ((SurveyRound)ctx.Parent!).Code))
        .Resolve("Survey", "responseCount", ctx =>
        {
            var contexts = Contexts(ctx);
            return ctx.BatchLoader<int, int>("response-count-by-survey", async (ids, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var counts = await db.SurveyResponses.Where(r => ids.Contains(r.SurveyRoundId))
                    .GroupBy(r => r.SurveyRoundId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                return counts.ToDictionary(c => c.Key, c => c.Count);
            }).LoadAsync(((SurveyRound)ctx.Parent!).Id);
        })
        .BindType<SurveyResponse>("SurveyResponse")
        .Resolve("SurveyResponse", "id", ctx => GlobalId.Of("SurveyResponse", Response(ctx).Key))
        .Resolve("SurveyResponse", "code", ctx => Response(ctx).Key)
        .Resolve("SurveyResponse", "survey", ctx => SurveyByIdAsync(ctx, Response(ctx).SurveyRoundId))
        .Resolve("SurveyResponse", "organisation", ctx => OrganisationResolvers.ByIdAsync(ctx, Response(ctx).OrganisationId))
        .Resolve("SurveyResponse", "leadStatus", ctx => Response(ctx).LeadAnswers.Select(a => a.Answer).Order().ToList())
        .Resolve("SurveyResponse", "leadDepartment", async ctx =>
            (await OrganisationResolvers.DepartmentByIdAsync(ctx, Response(ctx).LeadDepartmentId))?.Name)
        .Resolve("SurveyResponse", "activities", ctx => Response(ctx).Activities.Select(a => a.Activity).Order().ToList())
        .Resolve("SurveyResponse", "comments", ctx => ResponseVisibility.PrivateAnswerAsync(ctx, Response(ctx), r => r.Comments))
        .Resolve("SurveyResponse", "consent", ctx => ResponseVisibility.PrivateAnswerAsync(ctx, Response(ctx), r => new Consent(r.ConsentPartners, r.ConsentGovernment, r.ConsentVoluntarySector)))
        .Resolve("SurveyResponse", "contacts", ctx => ContactResolvers.ByResponseAsync(ctx, Response(ctx).Id))
        .Resolve("SurveyResponse", "staffLines", ctx =>
        {
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            return Load.ManyAsync(ctx, "staff-by-response", Response(ctx).Id, db => ResponseVisibility.VisibleStaffLines(db, viewer).OrderBy(s => s.LineNo), StaffResponse);
        })
        .Resolve("SurveyResponse", "services", ctx =>
            Load.ManyAsync(ctx, "services-by-response", Response(ctx).Id, db => db.ServicesCommissioned.OrderBy(s => s.Id), ServiceResponse))
        .BindType<Consent>("Consent")
        .BindType<StaffLine>("StaffLine")
        .Resolve("StaffLine", "lineNumber", ctx => ((StaffLine)ctx.Parent!).LineNo)
        .Resolve("StaffLine", "response", ctx => ResponseByIdAsync(ctx, ((StaffLine)ctx.Parent!).ResponseId))
        .BindType<ServiceCommissioned>("ServiceCommissioned")
        .Resolve("ServiceCommissioned", "serviceType", ctx => ServiceTypeByIdAsync(ctx, ((ServiceCommissioned)ctx.Parent!).ServiceTypeId))
        .Resolve("ServiceCommissioned", "response", ctx => ResponseByIdAsync(ctx, ((ServiceCommissioned)ctx.Parent!).ResponseId))
        .BindType<ServiceType>("ServiceType")
        .Resolve("ServiceType", "id", ctx => GlobalId.Of("ServiceType", ((ServiceType)ctx.Parent!).Code));

    private static SurveyResponse Response(ResolverContext context) => (SurveyResponse)context.Parent!;

    private static IDbContextFactory<DirectoryDbContext> Contexts(ResolverContext context) =>
        context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

    /// <summary>The <c>Consent</c> type: with whom a response's data may be shared (null = not answered).</summary>
    internal sealed record Consent(bool? Partners, bool? Government, bool? VoluntarySector);
}
