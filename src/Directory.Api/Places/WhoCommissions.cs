using Directory.Api.Contacts;
using Directory.Api.Partnerships;
using Directory.Api.Reads;

namespace Directory.Api.Places;

/// <summary>Why an organisation is in the answer to "who commissions this for this place", in answer order.</summary>
public enum PlaceRelation
{
    THE_PLACE,
    COUNTY,
    DISTRICT,
    POLICE_AND_CRIME_COMMISSIONER,
    HEALTH,
    INTEGRATED_CARE_BOARD,
    IN_AREA,
}

/// <summary>A row of <c>Query.whoCommissions</c>: an organisation with a commissioning role for the place.</summary>
public sealed class PlaceCommissioner
{
    public required Organisation Organisation { get; init; }

    public PlaceRelation Relation { get; init; }

    public required ServiceCommissioned[] Services { get; init; }

    public required Contract[] Contracts { get; init; }

    public string? CentralEmail => Organisation.CentralEmail;

    /// <summary>The survey the row's services and contacts come from.</summary>
    public required string Survey { get; init; }
}

/// <summary>
/// <c>Query.whoCommissions(place, serviceType, survey, asOf)</c>: every organisation with a commissioning role for a
/// place (issue 16, "Who commissions what, for a place"), with what it commissions of the service type and whom to
/// contact. The rows, their services and their live contracts are a fixed number of queries whatever the place; the
/// contacts of every row are one batched query.
/// </summary>
internal static class WhoCommissions
{
    public static SchemaBuilder BindWhoCommissions(this SchemaBuilder schema) => schema
        .Resolve("Query", "whoCommissions", async ctx =>
        {
            var survey = ctx.GetArgument<string>("survey")!;
            var serviceType = ctx.GetArgument<string>("serviceType");
            var asOf = ctx.GetArgument<DateOnly?>("asOf") ?? ContractRenewal.Today();
            var contexts = ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
            if (!await NationalContactList.SurveyExistsAsync(contexts, survey, ctx.CancellationToken))
            {
                throw new GraphQLError(NationalContactList.UnknownSurvey(survey), code: ErrorCodes.BadUserInput);
            }
            await using var db = await contexts.CreateDbContextAsync(ctx.CancellationToken);
            int? serviceTypeId = null;
            if (serviceType is not null)
            {
                serviceTypeId = await db.ServiceTypes.Where(s => s.Code == serviceType).Select(s => (int?)s.Id).FirstOrDefaultAsync(ctx.CancellationToken)
                    ?? throw new GraphQLError($"There is no service type \"{serviceType}\".", code: ErrorCodes.BadUserInput,
                        extensions: new Dictionary<string, object?> { ["suggestions"] = await db.ServiceTypes.OrderBy(s => s.Code).Select(s => s.Code).ToListAsync(ctx.CancellationToken) });
            }
            var place = await PlaceMatcher.MatchAsync(db, ctx.GetArgument<string>("place")!, ctx.CancellationToken);
            return await RowsAsync(db, place, survey, serviceTypeId, asOf, ctx.CancellationToken);
        })
        .BindType<PlaceCommissioner>("PlaceCommissioner")
        .ResolveFrom("PlaceCommissioner", "centralEmail", (PlaceCommissioner row) => row.Organisation.CentralEmail, (_, email) => email)
        .ResolveFrom("PlaceCommissioner", "contacts", (PlaceCommissioner row) => new { row.Organisation.Id, row.Survey },
            (ctx, row) => NationalContactList.CommissionersAsync(ctx, row.Id, row.Survey));

    /// <summary>The place's organisations with their relation, services and live contracts, those that commission first.</summary>
    private static async Task<List<PlaceCommissioner>> RowsAsync(
        DirectoryDbContext db, Place place, string survey, int? serviceTypeId, DateOnly asOf, CancellationToken cancellationToken)
    {
        var relations = await RelationsAsync(db, place, cancellationToken);
        var ids = relations.Keys.ToList();
        var organisations = await db.Organisations.AsNoTracking().Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, cancellationToken);

        var services = (await db.ServicesCommissioned.AsNoTracking()
                .Where(s => ids.Contains(s.Response.OrganisationId) && s.Response.SurveyRound.Code == survey
                    && (serviceTypeId == null || s.ServiceTypeId == serviceTypeId))
                .OrderBy(s => s.ResponseId).ThenBy(s => s.Id)
                .Select(s => new { s.Response.OrganisationId, Service = s })
                .ToListAsync(cancellationToken))
            .ToLookup(p => p.OrganisationId, p => p.Service);

        var contracts = (await db.Contracts.AsNoTracking()
                .Where(c => (ids.Contains(c.LeadCommissionerId) || c.CoCommissioners.Any(cc => ids.Contains(cc.OrganisationId)))
                    && (serviceTypeId == null || c.ServiceTypes.Any(t => t.ServiceTypeId == serviceTypeId)))
                .Include(c => c.CoCommissioners)
                .OrderBy(c => c.Key)
                .ToListAsync(cancellationToken))
            .Where(c => ContractRenewal.IsLive(c, asOf))
            .SelectMany(c => c.CoCommissioners.Select(cc => cc.OrganisationId).Append(c.LeadCommissionerId).Distinct().Select(id => (Id: id, Contract: c)))
            .ToLookup(p => p.Id, p => p.Contract);

        return [.. relations
            .Where(r => organisations.ContainsKey(r.Key))
            .Select(r => new PlaceCommissioner
            {
                Organisation = organisations[r.Key],
                Relation = r.Value,
                Services = [.. services[r.Key]],
                Contracts = [.. contracts[r.Key]],
                Survey = survey,
            })
            .OrderBy(row => row.Services.Length > 0 || row.Contracts.Length > 0 ? 0 : 1)
            .ThenBy(row => row.Relation)
            .ThenBy(row => row.Organisation.Name, StringComparer.Ordinal)];
    }

    /// <summary>
    /// The organisations with a commissioning role for the place, each with its closest relation: a council, its county
    /// or districts, its police and crime commissioner, the in-scope CCGs whose area covers it (a CCG merged in 2020
    /// counts as the CCG it merged into) and the ICBs that took those areas over; for a force area or region, its
    /// commissioner(s) and every council in it.
    /// </summary>
    private static async Task<Dictionary<int, PlaceRelation>> RelationsAsync(DirectoryDbContext db, Place place, CancellationToken cancellationToken)
    {
        var relations = new Dictionary<int, PlaceRelation>();
        void Add(int? id, PlaceRelation relation)
        {
            if (id is { } value && (!relations.TryGetValue(value, out var existing) || relation < existing))
            {
                relations[value] = relation;
            }
        }

        if (place.Kind != PlaceKind.Council)
        {
            var forceAreaId = place.Organisation?.Id;
            var region = place.Name;
            var inArea = await db.Organisations.AsNoTracking()
                .Where(o => (o.Type == OrganisationType.LOCAL_AUTHORITY || o.Type == OrganisationType.PCC)
                    && (forceAreaId != null ? o.PoliceForceAreaId == forceAreaId || o.Id == forceAreaId : o.Region == region))
                .Select(o => new { o.Id, o.Type }).ToListAsync(cancellationToken);
            foreach (var o in inArea)
            {
                Add(o.Id, o.Type == OrganisationType.PCC ? PlaceRelation.POLICE_AND_CRIME_COMMISSIONER : PlaceRelation.IN_AREA);
            }
            return relations;
        }

        var council = place.Organisation!;
        Add(council.Id, PlaceRelation.THE_PLACE);
        Add(council.CountyId, PlaceRelation.COUNTY);
        Add(council.PoliceForceAreaId, PlaceRelation.POLICE_AND_CRIME_COMMISSIONER);
        var districts = await db.Organisations.Where(o => o.CountyId == council.Id).Select(o => o.Id).ToListAsync(cancellationToken);
        foreach (var district in districts)
        {
            Add(district, PlaceRelation.DISTRICT);
        }

        var areas = districts.Append(council.Id).ToList();
        var covering = await db.CcgCoverage.Where(c => areas.Contains(c.CouncilId))
            .Select(c => new
            {
                c.CcgId,
                c.Ccg.InScope,
                c.Ccg.SuccessorId,
                SuccessorInScope = c.Ccg.Successor != null && c.Ccg.Successor.InScope && c.Ccg.Successor.Type == OrganisationType.CCG,
                Icb = db.CcgHealthLinks.Where(l => l.CcgId == c.CcgId).Select(l => l.IntegratedCareBoardId).FirstOrDefault(),
            })
            .Distinct().ToListAsync(cancellationToken);
        foreach (var ccg in covering)
        {
            Add(ccg.InScope ? ccg.CcgId : ccg.SuccessorInScope ? ccg.SuccessorId : null, PlaceRelation.HEALTH);
            Add(ccg.Icb, PlaceRelation.INTEGRATED_CARE_BOARD);
        }
        return relations;
    }
}
