using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.Paging;
using Directory.Api.Tests.Paging;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// A search whose matches are dense reads its first rows by walking the default order's index (the top relevance
/// among the first rows of that order) instead of ranking every match the FTS5 index finds; a walk that finds too few
/// gives way to the ranking. Either way every page must be the page of the ranked matches: here each page of a search
/// through the service against the whole list of today's plan (<see cref="ContactResolvers.Query"/> with no
/// shortcut: FTS5 candidates, ranked by relevance, then organisation, name and id), for the visibility of each role.
/// (PostgreSQL: <see cref="PostgresSearchWalkTests"/>.)
/// </summary>
public sealed class SearchWalkTests(PagePlanTests.CommandLogApi api) : IClassFixture<PagePlanTests.CommandLogApi>
{
    // In the sample's 685 contacts: "council" is in 474 people's own text (the walk fills its pages), "borough" in 211
    // contacts but only 9 people's own text (the walk looks dense by the trigram counts, finds too few and gives way),
    // "council example" two words at the top relevance, "council jo" a short word (never walked).
    internal static readonly string[] Searches = ["council", "council example", "borough", "council jo"];

    // The FTS5 index as a page's command reads it (WHERE contacts_search = @query, FTS5's MATCH): the ranking's pages do, the walk's not.
    private const string Fts5Index = "FROM \"contacts_search\"";

    [Theory]
    [InlineData(Roles.CommissionerOffice, null)]
    [InlineData(Roles.Partner, "E10000024")]
    [InlineData(Roles.Government, null)]
    public async Task Every_page_of_a_search_is_the_page_of_the_ranked_matches_whichever_plan_reads_it(string role, string? organisation)
    {
        api.Commands.Clear();
        foreach (var search in Searches)
        {
            await PagesAreTheRankedMatchesAsync(api, search, role, organisation);
        }

        // Both plans answered some pages, or the comparison says nothing about the walk.
        var pages = api.Commands.Where(c => c.Contains("LIMIT @", StringComparison.Ordinal) && c.Contains("instr(", StringComparison.Ordinal)).ToList();
        pages.ShouldContain(c => !c.Contains(Fts5Index, StringComparison.Ordinal), "no page was read by the walk");
        pages.ShouldContain(c => c.Contains(Fts5Index, StringComparison.Ordinal), "no page was read by the ranking");
    }

    /// <summary>
    /// Every page of <paramref name="search"/> through the service, as <paramref name="role"/>, against the whole list
    /// of the ranked plan read directly, with the total on every page.
    /// </summary>
    internal static async Task PagesAreTheRankedMatchesAsync(DirectoryApiFactory api, string search, string role, string? organisation)
    {
        var viewer = new Viewer(Enum.Parse<ViewerRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true), "tester", organisation);
        List<string> ranked;
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            ranked = await ContactResolvers.Query(db, viewer, search, null, null).Select(c => c.Key).ToListAsync();
        }

        var paged = new List<string>();
        string? after = null;
        do
        {
            var page = (await api.DataAsync(
                "query ($s: String, $after: String) { contacts(search: $s, first: 25, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }",
                new { s = search, after }, api.Token(role, organisation))).GetProperty("contacts");
            page.GetProperty("totalCount").GetInt32().ShouldBe(ranked.Count, search);
            paged.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            after = page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? page.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);

        ranked.Count.ShouldBeGreaterThan(25, $"\"{search}\" has too few matches for this test");
        paged.ShouldBe(ranked, $"\"{search}\" as {role}");
    }
}

/// <summary>
/// The same on PostgreSQL, where the walk is chosen by the planner's sample of the contacts' own text
/// (<see cref="ColumnSample"/>, read from <c>pg_stats</c> once the table is analysed): every page
/// of each search, for each role, is the page of the ranked matches, and the walk is offered for the dense searches
/// and not for the one no sampled person's own text holds.
/// </summary>
public sealed class PostgresSearchWalkTests(PostgresDirectoryApiFactory api) : IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableTheory]
    [InlineData(Roles.CommissionerOffice, null)]
    [InlineData(Roles.Partner, "E10000024")]
    [InlineData(Roles.Government, null)]
    public async Task Every_page_of_a_search_is_the_page_of_the_ranked_matches_whichever_plan_reads_it(string role, string? organisation)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        await using (var scope = api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            await db.Database.ExecuteSqlRawAsync("ANALYZE contacts");
            var index = ContactResolvers.SearchColumns;
            TextSearch.RowsToWalk(db, index, ["council"], 26).ShouldNotBeNull("\"council\" is dense: the walk is offered");
            TextSearch.RowsToWalk(db, index, ["council", "example"], 26).ShouldNotBeNull("\"council example\" is dense");
            TextSearch.RowsToWalk(db, index, ["qwertyuiop"], 26).ShouldBeNull("no sampled text holds it: no walk");
            TextSearch.RowsToWalk(db, index, ["council", "jo"], 26).ShouldBeNull("a short word: no walk");
        }
        foreach (var search in SearchWalkTests.Searches)
        {
            await SearchWalkTests.PagesAreTheRankedMatchesAsync(api, search, role, organisation);
        }
    }
}
