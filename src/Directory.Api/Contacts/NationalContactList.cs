using Directory.Api.Auth;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Reads;
using Directory.Data.Aggregates;

namespace Directory.Api.Contacts;

/// <summary>A row of the national contact list: an in-scope organisation with its status in the survey.</summary>
public sealed class NationalContactListEntry
{
    public Organisation Organisation { get; init; } = null!;

    public SurveyStatus Status { get; init; }

    public bool CommissionedByCounty { get; init; }

    public int? CountyId { get; init; }

    /// <summary>The survey the row is about, so the row's contacts come from that survey's responses.</summary>
    public string Survey { get; init; } = "";
}

/// <summary>
/// <c>Query.nationalContactList</c>: one row per in-scope organisation, its status, and the people to contact — the
/// COMMISSIONER contacts named in its responses to the survey, its county's for a district that delegates
/// commissioning, and the central mailbox where nothing was received or the caller may see none of those people.
/// Rows, status filter and paging are SQL.
/// </summary>
internal static class NationalContactList
{
    private static readonly FilterFields<NationalContactListEntry> Filter = new FilterFields<NationalContactListEntry>()
        .Nested("organisation", e => e.Organisation, OrganisationResolvers.Filter)
        .Enum("status", e => (SurveyStatus?)e.Status)
        .Bool("commissionedByCounty", e => (bool?)e.CommissionedByCounty);

    public static IQueryable<NationalContactListEntry> Rows(DirectoryDbContext db, string survey) =>
        from status in new OrganisationStatusQueries(db).Statuses(survey)
        where status.InScope
        select new NationalContactListEntry
        {
            Organisation = status.Organisation,
            Status = status.Status,
            CommissionedByCounty = status.CommissionedByCounty,
            CountyId = status.Organisation.CommissioningDelegatedToId,
            Survey = survey,
        };

    /// <summary>The rows of the list, filtered, in the list's order (organisation name, then id). Exports run it too.</summary>
    public static IQueryable<NationalContactListEntry> Query(DirectoryDbContext db, string survey, IReadOnlyDictionary<string, object?>? where) =>
        Filter.Apply(Rows(db, survey), where).OrderBy(e => e.Organisation.Name).ThenBy(e => e.Organisation.Id);

    /// <summary>
    /// The COMMISSIONER contacts named in the organisations' responses to the survey that the viewer may see, as
    /// (organisation, contact) pairs ordered by name: one query for any number of organisations. With
    /// <paramref name="columns"/>, only those members of each contact are read (its organisation's id always is).
    /// </summary>
    public static async Task<List<(int OrganisationId, Contact Contact)>> CommissionersAsync(
        DirectoryDbContext db, Viewer viewer, IReadOnlyList<int> organisationIds, string survey, CancellationToken cancellationToken,
        Projection? columns = null)
    {
        var ids = organisationIds as List<int> ?? [.. organisationIds];
        var query = ContactResolvers.Visible(db, viewer).AsNoTracking()
            .Where(c => ids.Contains(c.OrganisationId) && c.Role == ContactRole.COMMISSIONER
                && c.Response != null && c.Response.SurveyRound.Code == survey)
            .OrderBy(c => c.FullName).ThenBy(c => c.Id);
        var contacts = await Projection.Apply(query, columns?.With(ContactOrganisation)).ToListAsync(cancellationToken);
        return [.. contacts.Select(c => (c.OrganisationId, c))];
    }

    /// <summary>
    /// Whether the survey exists; the list of an unknown survey is an error, not an empty list. Survey rounds are only
    /// ever added (by import), never removed or renamed, so a survey once found is remembered per database (per
    /// context factory) and the list's requests skip the query and the context; an unknown code is asked every time,
    /// so a newly imported survey is found.
    /// </summary>
    public static async Task<bool> SurveyExistsAsync(IDbContextFactory<DirectoryDbContext> contexts, string survey, CancellationToken cancellationToken)
    {
        var known = KnownSurveys.GetOrCreateValue(contexts);
        if (known.ContainsKey(survey))
        {
            return true;
        }
        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        var exists = await db.SurveyRounds.AnyAsync(s => s.Code == survey, cancellationToken);
        if (exists)
        {
            known.TryAdd(survey, true);
        }
        return exists;
    }

    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<IDbContextFactory<DirectoryDbContext>, System.Collections.Concurrent.ConcurrentDictionary<string, bool>> KnownSurveys = new();

    public static string UnknownSurvey(string survey) => $"There is no survey \"{survey}\".";

    private static readonly System.Linq.Expressions.Expression<Func<Contact, int>> ContactOrganisation = c => c.OrganisationId;

    private static readonly Task<Contact[]> NoContacts = Task.FromResult<Contact[]>([]);

    /// <summary>An organisation's commissioners in the survey, batched per level, reading what the selection reads.</summary>
    internal static Task<Contact[]> CommissionersAsync(ResolverContext context, int organisationId, string survey) =>
        CommissionersAsync(context, organisationId, survey, Projection.OfField<Contact>(context));

    /// <summary>
    /// An organisation's commissioners in the survey, batched per level, reading <paramref name="columns"/> (null:
    /// whole contacts). The fields of a level share one batch, which reads what all of them read.
    /// </summary>
    private static Task<Contact[]> CommissionersAsync(ResolverContext context, int organisationId, string survey, Projection? columns)
    {
        var viewer = context.Services.GetRequiredService<Viewer>();
        return Load.PairsAsync<Contact>(context, Load.Named("survey-commissioners", survey), organisationId, columns,
            (db, ids, columns, ct) => CommissionersAsync(db, viewer, ids, survey, ct, columns));
    }

    /// <summary>
    /// No county's commissioners for a row that does not delegate; the columns the field reads still go into the
    /// level's batch, which would otherwise read the county contacts' organisation names (a join) only on pages that
    /// have a delegating row: two SQL shapes, and EF Core compiling the second on the first page without one.
    /// </summary>
    private static Task<Contact[]> NoCommissioners(ResolverContext context, string survey)
    {
        Load.Reserve(context, Load.Named("survey-commissioners", survey), Projection.OfField<Contact>(context));
        return NoContacts;
    }

    public static SchemaBuilder BindNationalContactList(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "nationalContactList", Filter)
        .Resolve("Query", "nationalContactList", async ctx =>
        {
            var survey = ctx.GetArgument<string>("survey")!;
            var contexts = ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
            if (!await SurveyExistsAsync(contexts, survey, ctx.CancellationToken))
            {
                throw new GraphQLError(UnknownSurvey(survey), code: ErrorCodes.BadUserInput);
            }
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            // Keyset cursors (organisation name, id): the hand-written floor it is benchmarked against
            // (bench/Directory.Api.Floor) writes and reads the same cursors.
            return new Connection<NationalContactListEntry>(
                contexts,
                db => Query(db, survey, where),
                PageRequest.From(ctx),
                Projection.OfConnectionNodes(ctx));
        })
        .BindConnection<NationalContactListEntry>("NationalContactList")
        .BindType<NationalContactListEntry>("NationalContactListEntry")
        .ResolveFrom<NationalContactListEntry, OrganisationType>("NationalContactListEntry", "organisationType", e => e.Organisation.Type, (_, type) => type)
        .ResolveFrom("NationalContactListEntry", "contacts", (NationalContactListEntry e) => new { e.Organisation.Id, e.Survey },
            (ctx, e) => CommissionersAsync(ctx, e.Id, e.Survey))
        .ResolveFrom("NationalContactListEntry", "countyContacts", (NationalContactListEntry e) => new { e.CommissionedByCounty, e.CountyId, e.Survey },
            (ctx, e) => e is { CommissionedByCounty: true, CountyId: { } county } ? CommissionersAsync(ctx, county, e.Survey) : NoCommissioners(ctx, e.Survey))
        .ResolveFrom("NationalContactListEntry", "centralEmail",
            (NationalContactListEntry e) => new { e.Status, e.Organisation.CentralEmail, e.Organisation.Id, e.Survey, e.CommissionedByCounty, e.CountyId },
            async (ctx, e) =>
            {
                // The people are looked up only when they decide the answer; the loaders are those of
                // contacts/countyContacts, so the check costs no command per row. Only counted, so no column is asked
                // for: the field's own selection (a String) would ask for whole contacts and widen the batch it shares
                // with contacts/countyContacts to every column, and lose their organisations' join (a third command).
                if (e.CentralEmail is null || e.Status == SurveyStatus.NOT_RECEIVED)
                {
                    return e.CentralEmail;
                }
                var people = (await CommissionersAsync(ctx, e.Id, e.Survey, Projection.Nothing<Contact>())).Length;
                if (people == 0 && e is { CommissionedByCounty: true, CountyId: { } countyId })
                {
                    people = (await CommissionersAsync(ctx, countyId, e.Survey, Projection.Nothing<Contact>())).Length;
                }
                return Mailbox(e.Status, e.CentralEmail, people > 0);
            });

    /// <summary>
    /// No dead ends: a row gives the organisation's central mailbox where nothing was received, and wherever the caller
    /// may see none of the row's people (its own commissioners and, for a delegating district, its county's).
    /// </summary>
    public static string? Mailbox(SurveyStatus status, string? centralEmail, bool callerSeesAPerson) =>
        status == SurveyStatus.NOT_RECEIVED || !callerSeesAPerson ? centralEmail : null;
}
