using System.Linq.Expressions;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Mapping;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Reads;
using Directory.Data.Text;

namespace Directory.Api.Contacts;

/// <summary>Resolvers of <c>Query.contacts</c> and <c>Contact</c>.</summary>
internal static class ContactResolvers
{
    public static readonly FilterFields<Contact> Filter = new FilterFields<Contact>()
        .String("fullName", c => c.FullName)
        .String("jobTitle", c => c.JobTitle)
        .String("email", c => c.Email)
        .Enum("role", c => (ContactRole?)c.Role)
        .Enum("seniority", c => c.Seniority)
        .Enum("departmentCategory", c => c.Department!.Category)
        .String("region", c => c.Organisation.Region)
        .Date("lastVerifiedOn", c => c.LastVerifiedOn)
        .Nested("organisation", c => c.Organisation, OrganisationResolvers.Filter)
        .Nested("response", c => c.Response, SurveyResolvers.ResponseFilter)
        .SignedInOnly("response", "survey responses");

    public static readonly SortFields<Contact> Sort = new SortFields<Contact>()
        .Key("fullName", c => c.FullName)
        .Key("jobTitle", c => c.JobTitle)
        .Key("email", c => c.Email)
        .Nested("organisation", c => c.Organisation, OrganisationResolvers.Sort);

    private static readonly Expression<Func<Contact, int>> ContactId = c => c.Id;
    private static readonly Expression<Func<Contact, int>> ContactOrganisation = c => c.OrganisationId;
    private static readonly Expression<Func<Contact, int>> ContactResponse = c => c.ResponseId ?? 0;

    /// <summary>
    /// Every contact query starts here: the one place where who may see which person is decided, so lists, search,
    /// the national contact list, node lookups and exports cannot disagree. The rule is a SQL predicate, so an
    /// invisible person is absent from every page and every count rather than hidden after loading.
    /// <list type="bullet">
    /// <item>the Commissioner's office sees everyone;</item>
    /// <item>partner staff see their own organisation's contacts, and others whose response consented to partners;</item>
    /// <item>government and voluntary-sector callers see contacts whose response consented to their audience;</item>
    /// <item>a contact with no consent answer (e.g. an additional contact) is seen only by the office and its own
    /// organisation; anonymous callers see no one.</item>
    /// </list>
    /// </summary>
    public static IQueryable<Contact> Visible(DirectoryDbContext db, Viewer viewer) => viewer.Role switch
    {
        ViewerRole.CommissionerOffice => db.Contacts,
        ViewerRole.Partner => db.Contacts.Where(c => c.Organisation.Code == viewer.OrganisationCode || c.Response!.ConsentPartners == true),
        ViewerRole.Government => db.Contacts.Where(c => c.Response!.ConsentGovernment == true),
        ViewerRole.VoluntarySector => db.Contacts.Where(c => c.Response!.ConsentVoluntarySector == true),
        _ => db.Contacts.Where(c => false),
    };

    /// <summary>The contacts the request's caller may see.</summary>
    public static Func<DirectoryDbContext, IQueryable<Contact>> VisibleTo(ResolverContext context)
    {
        var viewer = context.Services.GetRequiredService<Viewer>();
        return db => Visible(db, viewer);
    }

    public static Task<Contact[]> ByOrganisationAsync(ResolverContext context, int organisationId) =>
        Load.ManyAsync(context, "contacts-by-organisation", organisationId, db => VisibleTo(context)(db).OrderBy(c => c.FullName), ContactOrganisation);

    public static Task<Contact[]> ByResponseAsync(ResolverContext context, int responseId) =>
        Load.ManyAsync(context, "contacts-by-response", responseId, db => VisibleTo(context)(db).Where(c => c.ResponseId != null).OrderBy(c => c.Key), ContactResponse);

    public static Task<Contact?> ByIdAsync(ResolverContext context, int? id) =>
        Load.OneAsync(context, "contact-by-id", id, VisibleTo(context), ContactId);

    internal static readonly SearchIndex<Contact> SearchColumns = new("contacts_search", c => c.Id, [c => c.SearchText, c => c.OrganisationSearchText]);

    // The default order after relevance: the index IX_contacts_organisation_name_full_name_id's (with the id, below).
    private static readonly (LambdaExpression Key, bool Descending)[] NameOrder =
        [SortClause.Ascending<Contact, string>(c => c.OrganisationName), SortClause.Ascending<Contact, string>(c => c.FullName)];

    /// <summary>
    /// <c>Query.contacts</c> as SQL: the visible contacts, searched, filtered and sorted (by default by organisation
    /// name, then full name, after relevance when searching; the id breaks ties so pages never overlap). Exports run
    /// the same query. The organisation's name is the contact's own copy (<see cref="Contact.OrganisationName"/>), so
    /// the default order is an index's and a page reads its rows from the index instead of sorting every contact.
    /// </summary>
    public static IQueryable<Contact> Query(
        DirectoryDbContext db,
        Viewer viewer,
        string? search,
        IReadOnlyDictionary<string, object?>? where,
        IReadOnlyList<object?>? order)
    {
        var words = InputLimits.SearchWords(search);
        List<(LambdaExpression Key, bool Descending)> defaults = [.. NameOrder];
        if (words.Length > 0)
        {
            // Relevance: the words matching the person's own text (name, job title, email) rank them above people
            // matched only through their organisation or department.
            defaults.Insert(0, (TextSearch.Matches<Contact>(c => c.SearchText, words), true));
        }
        return Sort.Apply(Matching(db, Visible(db, viewer), viewer, words, where), order, defaults, c => c.Id);
    }

    /// <summary>
    /// The visible contacts matching a free-text search and the filter: every word must match the person's name, job
    /// title or email, their organisation's name or type, or their department (accents and case ignored, via the
    /// normalised search columns: <see cref="TextSearch"/>; through the search indexes unless
    /// <paramref name="throughIndex"/> is false, for a few organisations' contacts read through their own index).
    /// </summary>
    private static IQueryable<Contact> Matching(
        DirectoryDbContext db, IQueryable<Contact> visible, Viewer viewer, string[] words, IReadOnlyDictionary<string, object?>? where, bool throughIndex = true) =>
        Filter.Apply(TextSearch.Apply(db, visible, SearchColumns, words, throughIndex), where, viewer.IsAuthenticated ? FilterAccess.SignedIn : FilterAccess.Anonymous);

    /// <summary>
    /// A search's matches (<see cref="Query"/>'s rows) counted per organisation, in one command: of every
    /// organisation (through the search index, a GROUP BY), or of the organisations with the <paramref name="codes"/>
    /// only — those a write since a kept total changed (<see cref="TotalCountCache"/>) — one row for each organisation
    /// found, with its matches counted in a subquery that reads its contacts through the organisation's index, each
    /// checked for every word on its own (a few dozen rows each, against the thousands of matches the index finds).
    /// </summary>
    private static IQueryable<OrganisationCount> CountPerOrganisation(
        DirectoryDbContext db, Viewer viewer, string[] words, IReadOnlyDictionary<string, object?>? where, IReadOnlyCollection<string>? codes)
    {
        if (codes is null)
        {
            return Matching(db, Visible(db, viewer), viewer, words, where)
                .GroupBy(c => c.OrganisationId)
                .Select(g => new OrganisationCount { OrganisationId = g.Key, Count = g.Count() });
        }
        var matching = Matching(db, Visible(db, viewer), viewer, words, where, throughIndex: false);
        if (codes.Count == 1)
        {
            // One organisation (what a single write names): its code a scalar parameter. PostgreSQL then settles on a
            // generic plan of the prepared command after five custom ones, where an array parameter's generic plan is
            // costed for several organisations and never chosen, and every execution was planned again (≈ 0.3 ms, the
            // LIKE patterns' selectivities estimated each time).
            var code = codes.First();
            return db.Organisations.Where(o => o.Code == code)
                .Select(o => new OrganisationCount { OrganisationId = o.Id, Count = matching.Count(c => c.OrganisationId == o.Id) });
        }
        var named = codes.ToList();
        return db.Organisations.Where(o => named.Contains(o.Code))
            .Select(o => new OrganisationCount { OrganisationId = o.Id, Count = matching.Count(c => c.OrganisationId == o.Id) });
    }

    /// <summary>
    /// A search's first rows in its default order when its matches are dense (<see cref="TextSearch.RowsToWalk"/>):
    /// of the contacts the caller may see, read in the order by organisation and name from its index, the first
    /// rows, those with every word in the person's own text — the top relevance. Any contact of the top relevance
    /// further on in that order comes after these, and every other contact after all of the top relevance, so these
    /// are the search's first rows, in its order, however many there are. Null when the walk would not pay.
    /// </summary>
    private static IQueryable<Contact>? TopRelevanceWalk(DirectoryDbContext db, Viewer viewer, string[] words, int wanted)
    {
        if (TextSearch.RowsToWalk(db, SearchColumns, words, wanted) is not { } rowsToRead)
        {
            return null;
        }
        var relevance = TextSearch.Matches<Contact>(c => c.SearchText, words);
        var top = Expression.Lambda<Func<Contact, bool>>(
            Expression.Equal(relevance.Body, Expression.Constant(words.Distinct(StringComparer.Ordinal).Count())), relevance.Parameters);
        var read = Sort.Apply(Visible(db, viewer), null, NameOrder, ContactId).Take(rowsToRead);
        return Sort.Apply(TextSearch.Apply(db, read, SearchColumns, words, throughIndex: false).Where(top), null, NameOrder, ContactId);
    }

    /// <summary>
    /// What a <c>Query.contacts</c> search's connection may take shortcuts through: the walk of the default order
    /// (no <c>order</c>, no <c>where</c>) and its total kept for the data version under the caller's visibility, the
    /// normalised words (as a set: their order changes no count) and the filter, counted per organisation. Null
    /// without a search.
    /// </summary>
    private static ConnectionShortcuts<Contact>? SearchShortcuts(
        ResolverContext context, Viewer viewer, string? search, IReadOnlyDictionary<string, object?>? where, IReadOnlyList<object?>? order)
    {
        var words = InputLimits.SearchWords(search);
        if (words.Length == 0)
        {
            return null;
        }
        var key = string.Join('|', "contacts", viewer.Role, viewer.OrganisationCode,
            string.Join(' ', words.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)), JsonSerializer.Serialize(where));
        return new ConnectionShortcuts<Contact>(
            where is null && order is null or [] ? (db, wanted) => TopRelevanceWalk(db, viewer, words, wanted) : null,
            context.Services.GetRequiredService<TotalCountCache>(),
            key,
            (db, codes) => CountPerOrganisation(db, viewer, words, where, codes),
            // A filter on an organisation's county or police force area tests another organisation's data, so a write
            // naming that organisation changes which contacts of others match: such a filter counts everything again
            // after a write. Every other field tests the contact's own row, organisation, department or response (the
            // response is the contact's organisation's; a service type, shared by all, is written with no organisation
            // named, which counts everything again anyway).
            RecountsChangedOrganisations: !FilterFields<Contact>.Names(where, OrganisationResolvers.FilterFieldsOfOtherOrganisations));
    }

    public static SchemaBuilder BindContacts(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "contacts", Filter, Sort)
        .Resolve("Query", "contacts", ctx =>
        {
            var search = ctx.GetArgument<string>("search");
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            var order = ctx.GetArgument<IReadOnlyList<object?>>("order");
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            return new Connection<Contact>(
                ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(),
                db => Query(db, viewer, search, where, order),
                PageRequest.From(ctx),
                Projection.OfConnectionNodes(ctx),
                SearchShortcuts(ctx, viewer, search, where, order));
        })
        .BindConnection<Contact>("Contact")
        .BindType<Contact>("Contact")
        .ResolveFrom("Contact", "id", (Contact c) => c.Key, (_, key) => GlobalId.Of("Contact", key))
        .ResolveFrom("Contact", "code", (Contact c) => c.Key, (_, key) => key)
        .ResolveReference("Contact", "organisation", (Contact c) => c.Organisation, c => c.OrganisationId, OrganisationResolvers.SelectedByIdAsync)
        .ResolveReference("Contact", "department", (Contact c) => c.Department, c => c.DepartmentId, OrganisationResolvers.DepartmentByIdAsync)
        .ResolveFrom("Contact", "manager", (Contact c) => c.ManagerId, (ctx, id) => ByIdAsync(ctx, id))
        .ResolveFrom("Contact", "response", (Contact c) => c.ResponseId, (ctx, id) => SurveyResolvers.ResponseByIdAsync(ctx, id));
}
