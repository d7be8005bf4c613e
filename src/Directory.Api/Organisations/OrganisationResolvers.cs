using System.Linq.Expressions;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.GraphQL;
using Directory.Api.Mapping;
using Directory.Api.Paging;
using Directory.Api.Reads;

namespace Directory.Api.Organisations;

/// <summary>Resolvers of <c>Query.organisation</c>, <c>Query.organisations</c>, <c>Organisation</c> and <c>Department</c>.</summary>
internal static class OrganisationResolvers
{
    public static readonly FilterFields<ServiceType> ServiceTypeFilter = new FilterFields<ServiceType>()
        .String("code", s => s.Code)
        .String("name", s => s.Name)
        .String("category", s => s.Category);

    // Declared before Filter, which uses them (static fields initialise in order).
    /// <summary>What <c>Organisation.servicesCommissioned</c> shows every caller; never the response behind a service.</summary>
    public static readonly FilterFields<ServiceCommissioned> ServiceCommissionedFilter = new FilterFields<ServiceCommissioned>()
        .Nested("serviceType", s => s.ServiceType, ServiceTypeFilter)
        .Enum("commissioning", s => (CommissioningArrangement?)s.Commissioning)
        .Bool("womenOnly", s => (bool?)s.WomenOnly);

    public static readonly FilterFields<Organisation> Filter = CreateFilter();

    /// <summary>
    /// The fields of <see cref="Filter"/> that test another organisation's data (a district's county, the police force
    /// area), so that a write to that organisation changes which rows of others match.
    /// </summary>
    public static readonly IReadOnlySet<string> FilterFieldsOfOtherOrganisations = new HashSet<string>(StringComparer.Ordinal) { "county", "policeForceArea" };

    public static readonly SortFields<Organisation> Sort = new SortFields<Organisation>()
        .Key("code", o => o.Code)
        .Key("name", o => o.Name)
        .Key("type", o => o.Type)
        .Key("region", o => o.Region)
        .Key("population", o => o.Population);

    private static readonly Expression<Func<Organisation, int>> OrganisationId = o => o.Id;
    private static readonly Expression<Func<Organisation, int>> OrganisationCounty = o => o.CountyId ?? 0;
    private static readonly Expression<Func<Department, int>> DepartmentId = d => d.Id;
    private static readonly Expression<Func<Department, int>> DepartmentOrganisation = d => d.OrganisationId;
    private static readonly Expression<Func<Contract, int>> ContractProvider = c => c.ProviderId;
    private static readonly Expression<Func<PartnershipMember, int>> MemberOrganisation = m => m.OrganisationId;

    private static FilterFields<Organisation> CreateFilter()
    {
        var filter = new FilterFields<Organisation>()
            .String("code", o => o.Code)
            .String("name", o => o.Name)
            .Enum("type", o => (OrganisationType?)o.Type)
            .Enum("tier", o => o.CouncilTier)
            .String("region", o => o.Region)
            .Int("population", o => o.Population)
            .Bool("inScope", o => (bool?)o.InScope)
            .Many("servicesCommissioned", o => o.Responses.SelectMany(r => r.Services), ServiceCommissionedFilter);
        return filter
            .Nested("county", o => o.County, filter)
            .Nested("policeForceArea", o => o.PoliceForceArea, filter);
    }

    private static readonly SearchIndex<Organisation> SearchColumns = new("organisations_search", o => o.Id, [o => o.SearchText]);

    /// <summary>
    /// Organisation search (type-ahead, the place lookup): every word must be a substring of the organisation's code,
    /// name or alternative names, through the search index (<see cref="TextSearch"/>).
    /// </summary>
    public static IQueryable<Organisation> Search(DirectoryDbContext db, IQueryable<Organisation> organisations, IReadOnlyList<string> words) =>
        TextSearch.Apply(db, organisations, SearchColumns, words);

    /// <summary>
    /// <c>Query.organisations</c> as SQL: searched, filtered and sorted (by default by name; when searching, first by
    /// how many words start a word of the organisation's names, so "york" puts York before North Yorkshire).
    /// </summary>
    public static IQueryable<Organisation> Query(DirectoryDbContext db, string? search, IReadOnlyDictionary<string, object?>? where, IReadOnlyList<object?>? order)
    {
        var words = InputLimits.SearchWords(search);
        List<(LambdaExpression Key, bool Descending)> defaults = [SortClause.Ascending<Organisation, string>(o => o.Name)];
        if (words.Length > 0)
        {
            defaults.Insert(0, (TextSearch.WordStarts<Organisation>(o => o.SearchText, words), true));
        }
        return Sort.Apply(Filter.Apply(Search(db, db.Organisations, words), where), order, defaults, o => o.Id);
    }

    /// <summary>The organisation with this primary key, batched across a level.</summary>
    public static Task<Organisation?> ByIdAsync(ResolverContext context, int? id) =>
        Load.OneAsync(context, "organisation-by-id", id, db => db.Organisations, OrganisationId);

    /// <summary>
    /// The organisation with this primary key as the field's value: only what the field's selection reads of it is
    /// loaded (<see cref="Projection.OfField{T}"/>), so never use it for an organisation a resolver reads itself.
    /// </summary>
    public static Task<Organisation?> SelectedByIdAsync(ResolverContext context, int? id) =>
        Load.OneAsync(context, "organisation-by-id", id, db => db.Organisations, OrganisationId, Projection.OfField<Organisation>(context));

    public static SchemaBuilder BindOrganisations(this SchemaBuilder schema) => schema
        .Resolve("Query", "organisation", async ctx =>
        {
            var code = ctx.GetArgument<string>("code")!;
            var contexts = ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(ctx.CancellationToken);
            return await db.Organisations.AsNoTracking().FirstOrDefaultAsync(o => o.Code == code, ctx.CancellationToken);
        })
        .FilteredBy("Query", "organisations", Filter, Sort)
        .Resolve("Query", "organisations", ctx =>
        {
            var search = ctx.GetArgument<string>("search");
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            var order = ctx.GetArgument<IReadOnlyList<object?>>("order");
            return new Connection<Organisation>(
                ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(),
                db => Query(db, search, where, order),
                PageRequest.From(ctx),
                Projection.OfConnectionNodes(ctx));
        })
        .BindConnection<Organisation>("Organisation")
        .BindType<Organisation>("Organisation")
        .ResolveFrom("Organisation", "id", (Organisation o) => o.Code, (_, code) => GlobalId.Of("Organisation", code))
        .ResolveFrom("Organisation", "tier", (Organisation o) => o.CouncilTier, (_, tier) => tier)
        .ResolveReference("Organisation", "county", (Organisation o) => o.County, o => o.CountyId, SelectedByIdAsync)
        .ResolveReference("Organisation", "policeForceArea", (Organisation o) => o.PoliceForceArea, o => o.PoliceForceAreaId, SelectedByIdAsync)
        .ResolveReference("Organisation", "commissioningDelegatedTo", (Organisation o) => o.CommissioningDelegatedTo, o => o.CommissioningDelegatedToId, SelectedByIdAsync)
        .ResolveReference("Organisation", "successor", (Organisation o) => o.Successor, o => o.SuccessorId, SelectedByIdAsync)
        .ResolveFrom("Organisation", "districts", (Organisation o) => o.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "districts-by-county", id, db => db.Organisations.Where(o => o.CountyId != null).OrderBy(o => o.Name), OrganisationCounty))
        .ResolveFrom("Organisation", "departments", (Organisation o) => o.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "departments-by-organisation", id, db => db.Departments.OrderBy(d => d.Name), DepartmentOrganisation))
        .ResolveFrom("Organisation", "contacts", (Organisation o) => o.Id, (ctx, id) => ContactResolvers.ByOrganisationAsync(ctx, id))
        .ResolveFrom("Organisation", "responses", (Organisation o) => o.Id, (ctx, id) =>
        {
            var survey = ctx.GetArgument<string>("survey");
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            return Load.PairsAsync<SurveyResponse>(ctx, Load.Named("responses-by-organisation", survey), id, async (db, ids, ct) =>
                (await ResponseVisibility.Visible(db, viewer).AsNoTracking()
                    .Where(r => ids.Contains(r.OrganisationId) && (survey == null || r.SurveyRound.Code == survey))
                    .Include(r => r.LeadAnswers).Include(r => r.Activities)
                    .OrderBy(r => r.Key)
                    .ToListAsync(ct)).Select(r => (r.OrganisationId, r)).ToList());
        })
        .ResolveFrom("Organisation", "staffLines", (Organisation o) => o.Id, (ctx, id) =>
        {
            var survey = ctx.GetArgument<string>("survey");
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            return Load.PairsAsync<StaffLine>(ctx, Load.Named("staff-by-organisation", survey), id, async (db, ids, ct) =>
                (await ResponseVisibility.VisibleStaffLines(db, viewer).AsNoTracking()
                    .Where(s => ids.Contains(s.Response.OrganisationId) && (survey == null || s.Response.SurveyRound.Code == survey))
                    .OrderBy(s => s.ResponseId).ThenBy(s => s.LineNo)
                    .Select(s => new { s.Response.OrganisationId, Line = s })
                    .ToListAsync(ct)).Select(p => (p.OrganisationId, p.Line)).ToList());
        })
        .ResolveFrom("Organisation", "servicesCommissioned", (Organisation o) => o.Id, (ctx, id) =>
        {
            var survey = ctx.GetArgument<string>("survey");
            return Load.PairsAsync<ServiceCommissioned>(ctx, Load.Named("services-by-organisation", survey), id, async (db, ids, ct) =>
                (await db.ServicesCommissioned.AsNoTracking()
                    .Where(s => ids.Contains(s.Response.OrganisationId) && (survey == null || s.Response.SurveyRound.Code == survey))
                    .OrderBy(s => s.ResponseId).ThenBy(s => s.Id)
                    .Select(s => new { s.Response.OrganisationId, Service = s })
                    .ToListAsync(ct)).Select(p => (p.OrganisationId, p.Service)).ToList());
        })
        .ResolveFrom("Organisation", "contractsAsProvider", (Organisation o) => o.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "contracts-by-provider", id, db => db.Contracts.OrderBy(c => c.Key), ContractProvider))
        .ResolveFrom("Organisation", "contractsAsCommissioner", (Organisation o) => o.Id, (ctx, id) =>
            Load.PairsAsync<Contract>(ctx, "contracts-by-commissioner", id, async (db, ids, ct) =>
            {
                var lead = await db.Contracts.AsNoTracking().Where(c => ids.Contains(c.LeadCommissionerId))
                    .Select(c => new { OrganisationId = c.LeadCommissionerId, Contract = c }).ToListAsync(ct);
                var co = await db.ContractCoCommissioners.AsNoTracking().Where(cc => ids.Contains(cc.OrganisationId))
                    .Join(db.Contracts, cc => cc.ContractId, c => c.Id, (cc, c) => new { cc.OrganisationId, Contract = c }).ToListAsync(ct);
                return [.. lead.Concat(co).OrderBy(p => p.Contract.Key).Select(p => (p.OrganisationId, p.Contract))];
            }))
        .ResolveFrom("Organisation", "partnerships", (Organisation o) => o.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "memberships-by-organisation", id, db => db.PartnershipMembers.OrderBy(m => m.PartnershipId), MemberOrganisation))
        .ResolveFrom("Organisation", "surveyStatus", (Organisation o) => o.Id, (ctx, id) => SurveyStatuses.OfAsync(ctx, id, ctx.GetArgument<string>("survey")!))
        .BindType<Department>("Department")
        .ResolveFrom("Department", "id", (Department d) => d.Id, (_, id) => GlobalId.Of("Department", id.ToString(System.Globalization.CultureInfo.InvariantCulture)))
        .ResolveFrom("Department", "organisation", (Department d) => d.OrganisationId, (ctx, id) => ByIdAsync(ctx, id));

    /// <summary>The department with this primary key, batched across a level.</summary>
    public static Task<Department?> DepartmentByIdAsync(ResolverContext context, int? id) =>
        Load.OneAsync(context, "department-by-id", id, db => db.Departments, DepartmentId);

}
