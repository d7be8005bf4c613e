using System.Text;
using System.Text.Json;
using Directory.Api.Tests.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// Keyset cursors (sort key values and id): a client paging with <c>after</c> while others add and remove rows
/// neither skips nor repeats a row that was there throughout. With offset cursors a row added before the cursor
/// shifted the next page back by one (a repeat), a row removed shifted it forward (a skip).
/// </summary>
public sealed class KeysetPagingTests(KeysetPagingTests.PagingApi api) : IClassFixture<KeysetPagingTests.PagingApi>
{
    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    private async Task<(List<string> Codes, string? EndCursor, bool HasNext)> PageAsync(string field, string arguments, string? after, int first = 5)
    {
        var page = (await api.DataAsync(
            $"query ($after: String) {{ {field}(first: {first}, after: $after{arguments}) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ code }} }} }}",
            new { after }, api.OfficeToken)).GetProperty(field);
        return ([.. page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!)],
            page.GetProperty("pageInfo").GetProperty("endCursor").GetString(), page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
    }

    private async Task<List<string>> AllAsync(string field, string arguments)
    {
        var all = new List<string>();
        string? after = null;
        bool hasNext;
        do
        {
            (var codes, after, hasNext) = await PageAsync(field, arguments, after, 100);
            all.AddRange(codes);
        }
        while (hasNext);
        return all;
    }

    private async Task<JsonElement> MutateAsync(string mutation, object input)
    {
        var data = await api.DataAsync(mutation, new { input }, api.OfficeToken);
        var payload = data.EnumerateObject().Single().Value;
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, payload.GetRawText());
        return payload;
    }

    [Fact]
    public async Task Contacts_added_and_removed_between_pages_shift_nothing()
    {
        var before = await AllAsync("contacts", "");
        var first = await PageAsync("contacts", "", null);
        // The first page's organisation (the list is by organisation name, then full name): new people sorting first
        // land before the cursor, where an offset would count them.
        var organisation = (await api.DataAsync($"{{ node(id: \"{Id("Contact", first.Codes[0])}\") {{ ... on Contact {{ organisation {{ id }} }} }} }}", token: api.OfficeToken))
            .GetProperty("node").GetProperty("organisation").GetProperty("id").GetString();
        foreach (var name in new[] { "Aaron Aardvark", "Abigail Aardvark" })
        {
            await MutateAsync("mutation ($input: AddContactInput!) { addContact(input: $input) { errors { message } } }",
                new { organisationId = organisation, fullName = name });
        }

        var seen = new List<string>(first.Codes);
        var (codes, after, hasNext) = await PageAsync("contacts", "", first.EndCursor);
        seen.AddRange(codes);
        // One already seen removed: an offset would now skip the row after the cursor.
        var removed = first.Codes[1];
        var version = (await api.DataAsync($"{{ node(id: \"{Id("Contact", removed)}\") {{ ... on Contact {{ version }} }} }}", token: api.OfficeToken))
            .GetProperty("node").GetProperty("version").GetInt32();
        await MutateAsync("mutation ($input: VersionedInput!) { removeContact(input: $input) { errors { message } } }", new { id = Id("Contact", removed), version });
        while (hasNext)
        {
            (codes, after, hasNext) = await PageAsync("contacts", "", after);
            seen.AddRange(codes);
        }

        seen.ShouldBeUnique("no contact repeated");
        before.Except(seen).ShouldBeEmpty("no contact that was there throughout skipped");
    }

    [Fact]
    public async Task Organisations_and_audit_entries_added_between_pages_shift_nothing()
    {
        var organisations = await PageAsync("organisations", "", null);
        await MutateAsync("mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { errors { message } } }",
            new { code = "X-KEYSET-1", name = "AAA Keyset Test Organisation", type = "OTHER" });
        var next = await PageAsync("organisations", "", organisations.EndCursor);
        next.Codes.Intersect(organisations.Codes).ShouldBeEmpty("no organisation repeated");
        next.Codes.ShouldNotContain("X-KEYSET-1");

        // The audit log is newest first: every write adds a row before any cursor.
        const string Entry = "nodes { occurredAt action entityType entityKey }";
        static List<string> Entries(JsonElement page) => [.. page.GetProperty("nodes").EnumerateArray().Select(n => n.GetRawText())];
        var audit = (await api.DataAsync($"{{ auditLog(first: 5) {{ pageInfo {{ endCursor }} {Entry} }} }}", token: api.OfficeToken)).GetProperty("auditLog");
        var firstEntries = Entries(audit);
        await MutateAsync("mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { errors { message } } }",
            new { code = "X-KEYSET-2", name = "AAB Keyset Test Organisation", type = "OTHER" });
        var nextAudit = (await api.DataAsync($"query ($after: String) {{ auditLog(first: 5, after: $after) {{ {Entry} }} }}",
            new { after = audit.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, api.OfficeToken)).GetProperty("auditLog");
        Entries(nextAudit).Intersect(firstEntries).ShouldBeEmpty("no audit entry repeated");
    }

    [Fact]
    public async Task National_contact_list_rows_added_and_removed_between_pages_shift_nothing()
    {
        // The list's rows are the in-scope organisations, by name then id; its nodes carry the code one level down.
        async Task<(List<string> Codes, string? EndCursor, bool HasNext)> NationalPageAsync(string? after, int first = 5)
        {
            var page = (await api.DataAsync(
                $"query ($after: String) {{ nationalContactList(survey: \"STADV-2020\", first: {first}, after: $after) {{ pageInfo {{ hasNextPage endCursor }} nodes {{ organisation {{ code }} }} }} }}",
                new { after }, api.OfficeToken)).GetProperty("nationalContactList");
            return ([.. page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("organisation").GetProperty("code").GetString()!)],
                page.GetProperty("pageInfo").GetProperty("endCursor").GetString(), page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean());
        }

        var before = new List<string>();
        string? cursor = null;
        bool more;
        do
        {
            (var codes, cursor, more) = await NationalPageAsync(cursor, 100);
            before.AddRange(codes);
        }
        while (more);

        var first = await NationalPageAsync(null);
        // Two in-scope organisations sorting first land before the cursor, where an offset would count them.
        foreach (var (code, name) in new[] { ("X-NCL-1", "AAA National Keyset One"), ("X-NCL-2", "AAB National Keyset Two") })
        {
            await MutateAsync("mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { errors { message } } }",
                new { code, name, type = "LOCAL_AUTHORITY", inScope = true });
        }
        var seen = new List<string>(first.Codes);
        var (page, after, hasNext) = await NationalPageAsync(first.EndCursor);
        seen.AddRange(page);
        // One already seen leaves the scope (the list): an offset would now skip the row after the cursor.
        await using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE organisations SET in_scope = 0 WHERE code = $code";
            command.Parameters.AddWithValue("$code", first.Codes[1]);
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }
        while (hasNext)
        {
            (page, after, hasNext) = await NationalPageAsync(after);
            seen.AddRange(page);
        }

        seen.ShouldBeUnique("no row repeated");
        before.Except(seen).ShouldBeEmpty("no row that was there throughout skipped");
        seen.ShouldNotContain("X-NCL-1");
    }

    [Theory]
    [InlineData("organisations", "")]
    [InlineData("contacts", ", search: \"council\"")]
    [InlineData("contracts", "")]
    public async Task Paging_backward_gives_the_forward_pages_in_the_same_order(string field, string arguments)
    {
        var all = await AllAsync(field, arguments);
        all.Count.ShouldBeGreaterThan(10);

        var backward = new List<string>();
        string? before = null;
        while (true)
        {
            var page = (await api.DataAsync(
                $"query ($before: String) {{ {field}(last: 7, before: $before{arguments}) {{ pageInfo {{ hasPreviousPage startCursor }} nodes {{ code }} }} }}",
                new { before }, api.OfficeToken)).GetProperty(field);
            backward.InsertRange(0, page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            if (!page.GetProperty("pageInfo").GetProperty("hasPreviousPage").GetBoolean())
            {
                break;
            }
            before = page.GetProperty("pageInfo").GetProperty("startCursor").GetString();
        }

        backward.ShouldBe(all);
    }

    [Fact]
    public async Task An_offset_cursor_on_a_keyset_list_is_bad_user_input_and_a_keyset_cursor_works_only_on_its_own_list()
    {
        var offset = Convert.ToBase64String(Encoding.UTF8.GetBytes("cursor:3"));
        var refused = await api.QueryAsync("query ($after: String) { organisations(first: 2, after: $after) { nodes { code } } }", new { after = offset });
        refused.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT");

        var contactCursor = (await api.DataAsync("{ contacts(first: 1) { pageInfo { endCursor } } }", token: api.OfficeToken))
            .GetProperty("contacts").GetProperty("pageInfo").GetProperty("endCursor").GetString();
        var wrongList = await api.QueryAsync("query ($after: String) { auditLog(first: 2, after: $after) { nodes { action } } }", new { after = contactCursor }, token: api.OfficeToken);
        wrongList.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("BAD_USER_INPUT", wrongList.GetRawText());
    }

    /// <summary>
    /// These tests page through whole lists one small page at a time as one signed-in user: several hundred requests a
    /// minute, which the per-user rate limit (tested in Auth/RateLimitTests) would refuse part-way.
    /// </summary>
    public sealed class PagingApi : DirectoryApiFactory
    {
        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("RateLimiting:PermitsPerUser", "1000000");
            builder.UseSetting("RateLimiting:PermitsPerAddress", "1000000");
        }
    }
}
