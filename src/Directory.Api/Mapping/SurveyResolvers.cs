using System.Linq.Expressions;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.GraphQL;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Reads;

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
        .FilteredBy("Query", "responses", ResponseFilter, ResponseSort)
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
        .ResolveFrom("Survey", "id", (SurveyRound s) => s.Code, (_, code) => GlobalId.Of("Survey", code))
        .ResolveFrom("Survey", "responseCount", (SurveyRound s) => s.Id, (ctx, surveyId) =>
        {
            var contexts = Contexts(ctx);
            return ctx.BatchLoader<int, int>("response-count-by-survey", async (ids, ct) =>
            {
                await using var db = await contexts.CreateDbContextAsync(ct);
                var counts = await db.SurveyResponses.Where(r => ids.Contains(r.SurveyRoundId))
                    .GroupBy(r => r.SurveyRoundId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync(ct);
                return counts.ToDictionary(c => c.Key, c => c.Count);
            }).LoadAsync(surveyId);
        })
        .BindType<SurveyResponse>("SurveyResponse")
        .ResolveFrom("SurveyResponse", "id", (SurveyResponse r) => r.Key, (_, key) => GlobalId.Of("SurveyResponse", key))
        .ResolveFrom("SurveyResponse", "code", (SurveyResponse r) => r.Key, (_, key) => key)
        .ResolveFrom("SurveyResponse", "survey", (SurveyResponse r) => r.SurveyRoundId, SurveyByIdAsync)
        .ResolveFrom("SurveyResponse", "organisation", (SurveyResponse r) => r.OrganisationId, (ctx, id) => OrganisationResolvers.ByIdAsync(ctx, id))
        .ResolveFrom("SurveyResponse", "leadStatus", (SurveyResponse r) => r.LeadAnswers, (_, answers) => answers.Select(a => a.Answer).Order().ToList())
        .ResolveFrom("SurveyResponse", "leadDepartment", (SurveyResponse r) => r.LeadDepartmentId, async (ctx, id) =>
            (await OrganisationResolvers.DepartmentByIdAsync(ctx, id))?.Name)
        .ResolveFrom("SurveyResponse", "activities", (SurveyResponse r) => r.Activities, (_, activities) => activities.Select(a => a.Activity).Order().ToList())
        .ResolveWhole("SurveyResponse", "comments", PrivateAnswer, (ResolverContext ctx, SurveyResponse response) => ResponseVisibility.PrivateAnswerAsync(ctx, response, r => r.Comments))
        .ResolveWhole("SurveyResponse", "consent", PrivateAnswer, (ResolverContext ctx, SurveyResponse response) =>
            ResponseVisibility.PrivateAnswerAsync(ctx, response, r => new Consent(r.ConsentPartners, r.ConsentGovernment, r.ConsentVoluntarySector)))
        .ResolveFrom("SurveyResponse", "contacts", (SurveyResponse r) => r.Id, ContactResolvers.ByResponseAsync)
        .ResolveFrom("SurveyResponse", "staffLines", (SurveyResponse r) => r.Id, (ctx, id) =>
        {
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            return Load.ManyAsync(ctx, "staff-by-response", id, db => ResponseVisibility.VisibleStaffLines(db, viewer).OrderBy(s => s.LineNo), StaffResponse);
        })
        .ResolveFrom("SurveyResponse", "services", (SurveyResponse r) => r.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "services-by-response", id, db => db.ServicesCommissioned.OrderBy(s => s.Id), ServiceResponse))
        .BindType<Consent>("Consent")
        .BindType<StaffLine>("StaffLine")
        .ResolveFrom("StaffLine", "lineNumber", (StaffLine s) => s.LineNo, (_, lineNo) => lineNo)
        .ResolveFrom("StaffLine", "response", (StaffLine s) => s.ResponseId, (ctx, id) => ResponseByIdAsync(ctx, id))
        .BindType<ServiceCommissioned>("ServiceCommissioned")
        .ResolveFrom("ServiceCommissioned", "serviceType", (ServiceCommissioned s) => s.ServiceTypeId, ServiceTypeByIdAsync)
        .ResolveFrom("ServiceCommissioned", "response", (ServiceCommissioned s) => s.ResponseId, (ctx, id) => ResponseByIdAsync(ctx, id))
        .BindType<ServiceType>("ServiceType")
        .ResolveFrom("ServiceType", "id", (ServiceType s) => s.Code, (_, code) => GlobalId.Of("ServiceType", code));

    // Whether a caller may read a private answer depends on the response's organisation and consent, so the
    // visibility check takes the response whole.
    private const string PrivateAnswer = "the visibility of a private answer depends on the whole response";

    private static IDbContextFactory<DirectoryDbContext> Contexts(ResolverContext context) =>
        context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

    /// <summary>The <c>Consent</c> type: with whom a response's data may be shared (null = not answered).</summary>
    internal sealed record Consent(bool? Partners, bool? Government, bool? VoluntarySector);
}
