using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// The pages after and before keyset cursors hold the same rows in the same order on SQLite and PostgreSQL, whatever
/// the page size: the condition of a page after a cursor leads with a bound on the first sort key (so the database can
/// seek an index to it), which must select exactly the rows the cursor's full condition does. Both test databases
/// compare text by code point (SQLite's BINARY, PostgreSQL's C.UTF-8), so the two lists are the same list.
/// </summary>
public sealed class KeysetPagesOnBothProvidersTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableTheory]
    [InlineData("organisations", "code name", null)]
    [InlineData("partnerships", "code name", null)]
    [InlineData("nationalContactList", "organisation { code name }", "organisation")]
    public async Task Small_pages_forward_and_backward_give_the_rows_of_large_pages_in_name_order_on_both_providers(string field, string selection, string? nested)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();

        var onSqlite = await WholeListAsync(sqlite, field, selection, nested);
        var onPostgres = await WholeListAsync(postgres, field, selection, nested);

        onSqlite.Count.ShouldBeGreaterThan(100, "more than one large page");
        onSqlite.Select(row => row.Name).ShouldBe(onSqlite.Select(row => row.Name).Order(StringComparer.Ordinal), "by name");
        onPostgres.ShouldBe(onSqlite);
    }

    /// <summary>
    /// The list read three ways — pages of 100 forward, of 25 forward, of 25 backward from the end — which must agree,
    /// with no row repeated and as many rows as <c>totalCount</c>.
    /// </summary>
    private static async Task<List<(string Code, string Name)>> WholeListAsync(DirectoryApiFactory api, string field, string selection, string? nested)
    {
        var large = await WalkAsync(api, field, selection, nested, "first: 100", forward: true);
        var small = await WalkAsync(api, field, selection, nested, "first: 25", forward: true);
        var backward = await WalkAsync(api, field, selection, nested, "last: 25", forward: false);
        var total = (await api.DataAsync($"{{ {field} {{ totalCount }} }}", token: api.OfficeToken)).GetProperty(field).GetProperty("totalCount").GetInt32();

        small.ShouldBe(large);
        backward.ShouldBe(large);
        large.ShouldBeUnique();
        large.Count.ShouldBe(total);
        return large;
    }

    private static async Task<List<(string Code, string Name)>> WalkAsync(DirectoryApiFactory api, string field, string selection, string? nested, string size, bool forward)
    {
        var (cursorArgument, cursorField, moreField) = forward ? ("after", "endCursor", "hasNextPage") : ("before", "startCursor", "hasPreviousPage");
        var rows = new List<(string Code, string Name)>();
        string? cursor = null;
        do
        {
            var page = (await api.DataAsync(
                $"query ($cursor: String) {{ {field}({size}, {cursorArgument}: $cursor) {{ pageInfo {{ {moreField} {cursorField} }} nodes {{ {selection} }} }} }}",
                new { cursor }, api.OfficeToken)).GetProperty(field);
            var nodes = page.GetProperty("nodes").EnumerateArray().Select(node => nested is null ? node : node.GetProperty(nested))
                .Select(node => (node.GetProperty("code").GetString()!, node.GetProperty("name").GetString()!)).ToList();
            rows.InsertRange(forward ? rows.Count : 0, nodes);
            var info = page.GetProperty("pageInfo");
            cursor = info.GetProperty(moreField).GetBoolean() ? info.GetProperty(cursorField).GetString() : null;
        }
        while (cursor is not null);
        return rows;
    }
}
