using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.AspNetCore.Hosting;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// Every input that grows a predicate, a sort, an IN list or a batch has a limit, checked before anything executes:
/// each dimension is sent 10 and 100 times over its default limit, anonymously, and must be refused as a request
/// error (400, BAD_USER_INPUT, the setting named, no data) well under a second, the service still healthy after.
/// The defaults are written out here (not read from the code) so that the tests also run against code without them.
/// Payloads are kept compact (empty branches, repeated small values) so that 100 times over still fits the default
/// 512 KB body limit, which would otherwise answer first.
/// </summary>
public sealed class InputLimitTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Contacts = "query($search: String, $where: ContactFilterInput) { contacts(search: $search, where: $where) { totalCount } }";
    private const string Organisations =
        "query($where: OrganisationFilterInput, $order: [OrganisationSortInput!]) { organisations(where: $where, order: $order, first: 1) { totalCount } }";

    public static TheoryData<int> Multiples => new() { 10, 100 };

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Search_words(int multiple) =>
        RefusedAsync(Contacts, new { search = string.Join(' ', Enumerable.Range(0, 32 * multiple).Select(i => "w" + i)) }, "GraphQL:MaxSearchWords");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Search_length(int multiple) =>
        RefusedAsync(Contacts, new { search = new string('a', 500 * multiple) }, "GraphQL:MaxSearchLength");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Or_branches(int multiple) =>
        RefusedAsync(Organisations, new { where = new { or = Enumerable.Repeat(new { }, 1000 * multiple) } }, "GraphQL:MaxListItems");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task And_branches_in_a_contact_filter(int multiple) =>
        RefusedAsync(Contacts, new { where = new { and = Enumerable.Repeat(new { }, 1000 * multiple) } }, "GraphQL:MaxListItems");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Filter_nodes(int multiple)
    {
        // Groups of 1000 empty or-branches (one node each), so that no list is over its own limit and the total gives.
        var where = new { and = Enumerable.Range(0, multiple + 1).Select(_ => new { or = Enumerable.Repeat(new { }, 1000) }) };
        return RefusedAsync(Organisations, new { where }, "GraphQL:MaxFilterNodes");
    }

    [Fact]
    public Task Filter_depth_ten_times_over_in_a_literal() =>
        RefusedAsync($"{{ organisations(where: {Nested(100, "county", "{ name: { eq: \"x\" } }")}) {{ totalCount }} }}", null, "GraphQL:MaxFilterDepth");

    [Fact]
    public Task Filter_depth_as_a_variable() =>
        RefusedAsync(Organisations, new { where = JsonSerializer.Deserialize<JsonElement>(Nested(60, "\"county\"", """{"name":{"eq":"x"}}""")) }, "GraphQL:MaxFilterDepth");

    [Fact]
    public async Task Filter_depth_a_hundred_times_over_is_stopped_by_the_parser_before_it()
    {
        using var client = api.CreateClient();
        var (status, body, elapsed) = await PostAsync(client, $"{{ organisations(where: {Nested(1000, "county", "{}")}) {{ totalCount }} }}", null);

        status.ShouldBe(HttpStatusCode.BadRequest, body.GetRawText());
        body.TryGetProperty("data", out _).ShouldBeFalse();
        body.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("maximum nesting depth");
        await ShouldBeQuickAsync(elapsed, client);
        await HealthyAsync(client);
    }

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task In_list(int multiple) =>
        RefusedAsync(Organisations, new { where = new { population = new { @in = Enumerable.Repeat(1, 1000 * multiple) } } }, "GraphQL:MaxListItems");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Nin_list(int multiple) =>
        RefusedAsync(Organisations, new { where = new { code = new { nin = Enumerable.Repeat("E", 1000 * multiple) } } }, "GraphQL:MaxListItems");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Order_entries(int multiple) =>
        RefusedAsync(Organisations, new { order = Enumerable.Range(0, 10 * multiple).Select(_ => new { name = "ASC" }) }, "GraphQL:MaxOrderFields");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Node_ids(int multiple) =>
        RefusedAsync("query($ids: [ID!]!) { nodes(ids: $ids) { id } }", new { ids = Enumerable.Range(0, 100 * multiple).Select(i => OrganisationId(i)) }, "GraphQL:MaxNodeIds");

    [Fact]
    public Task Mutation_input_lists() =>
        RefusedAsync(SubmitSurveyResponse, SurveyResponseWithActivities(10_000), "GraphQL:MaxListItems");

    [Fact]
    public async Task Mutation_input_lists_a_hundred_times_over_do_not_fit_in_a_request_body()
    {
        using var client = api.CreateClient();
        var (status, _, elapsed) = await PostAsync(client, SubmitSurveyResponse, SurveyResponseWithActivities(100_000));

        status.ShouldBe(HttpStatusCode.RequestEntityTooLarge);
        await ShouldBeQuickAsync(elapsed, client);
        await HealthyAsync(client);
    }

    private const string SubmitSurveyResponse =
        "mutation($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { errors { message } } }";

    private static object SurveyResponseWithActivities(int count) => new
    {
        input = new { organisationId = OrganisationId(1), activities = Enumerable.Repeat("MARACS", count), consent = new { partners = true } },
    };

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Export_search(int multiple) =>
        ExportRefusedAsync(("search", string.Join(' ', Enumerable.Range(0, 32 * multiple).Select(i => "w" + i))), "GraphQL:MaxSearchWords");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Export_where(int multiple) =>
        // Empty branches keep the URL short: a 5 MB query string spends seconds in URI handling before any of our code
        // runs (and Kestrel refuses a request line over 8 KB with 414 anyway).
        ExportRefusedAsync(("where", JsonSerializer.Serialize(new { or = Enumerable.Repeat(new { }, 1000 * multiple) })), "GraphQL:MaxListItems");

    [Theory]
    [MemberData(nameof(Multiples))]
    public Task Export_order(int multiple) =>
        ExportRefusedAsync(("order", JsonSerializer.Serialize(Enumerable.Range(0, 10 * multiple).Select(_ => new { fullName = "ASC" }))), "GraphQL:MaxOrderFields");

    [Fact]
    public async Task A_request_at_every_limit_is_answered()
    {
        var search = string.Join(' ', Enumerable.Repeat("a", 32));
        var filter = new
        {
            and = new object[]
            {
                new { or = Branches(198) }, // and, this branch, or, 198 × 5: 993 nodes
                new { population = new { @in = Enumerable.Range(0, 1000) } }, // 3 more: 996 in all; the list holds 1000 items
            },
        };
        var data = await api.DataAsync(
            """
            query($search: String, $where: OrganisationFilterInput, $order: [OrganisationSortInput!], $ids: [ID!]!, $deep: ContactFilterInput) {
              contacts(search: $search, where: $deep) { totalCount }
              organisations(where: $where, order: $order) { totalCount }
              nodes(ids: $ids) { id }
            }
            """,
            new
            {
                search,
                where = filter,
                order = Enumerable.Range(0, 2).SelectMany(_ => new object[] { new { name = "ASC" }, new { code = "DESC" }, new { type = "ASC" }, new { region = "ASC" }, new { population = "DESC" } }),
                ids = Enumerable.Range(1, 100).Select(i => OrganisationId(i)),
                // 10 levels: the contact filter, organisation, then 7 counties, then the name's operations.
                deep = JsonSerializer.Deserialize<JsonElement>("{\"organisation\":" + Nested(7, "\"county\"", """{"name":{"neq":"x"}}""") + "}"),
            },
            api.OfficeToken);

        data.GetProperty("organisations").GetProperty("totalCount").GetInt32().ShouldBe(0);
        data.GetProperty("nodes").GetArrayLength().ShouldBe(100);
        data.GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public async Task A_long_legal_or_is_answered_with_the_rows_it_matches()
    {
        // 333 branches of 3 nodes and the or itself: 1000 nodes, the most allowed, joined as a balanced tree.
        var data = await api.DataAsync(
            "query($where: OrganisationFilterInput) { organisations(where: $where) { totalCount } }",
            new { where = new { or = Enumerable.Range(0, 332).Select(i => new { code = new { eq = "X" + i } }).Append(new { code = new { eq = "E06000001" } }) } });

        data.GetProperty("organisations").GetProperty("totalCount").GetInt32().ShouldBe(1);
    }

    /// <summary>The first crash of issue 15: 2,000 search words, anonymously, to the real service process.</summary>
    [Fact]
    public async Task Two_thousand_search_words_do_not_kill_the_service_process()
    {
        await using var service = await StartServiceAsync();
        var search = string.Join(' ', Enumerable.Range(0, 2000).Select(i => "w" + i));

        var (status, body, _) = await PostAsync(service.Client, Contacts, new { search });

        service.Process.HasExited.ShouldBeFalse(service.Process.Output);
        status.ShouldBe(HttpStatusCode.BadRequest, body.GetRawText());
        Code(body).ShouldBe("BAD_USER_INPUT");
        await HealthyAsync(service.Client);
    }

    /// <summary>The second: a 15,000-branch <c>or</c> (≈ 435 KB, under the body limit) sent as a variable.</summary>
    [Fact]
    public async Task A_fifteen_thousand_branch_or_as_a_variable_does_not_kill_the_service_process()
    {
        await using var service = await StartServiceAsync();
        var where = new { or = Enumerable.Range(0, 15000).Select(i => new { fullName = new { contains = "x" + i } }) };

        var (status, body, _) = await PostAsync(service.Client, Contacts, new { where });

        service.Process.HasExited.ShouldBeFalse(service.Process.Output);
        status.ShouldBe(HttpStatusCode.BadRequest, body.GetRawText());
        Code(body).ShouldBe("BAD_USER_INPUT");
        await HealthyAsync(service.Client);
    }

    private async Task RefusedAsync(string query, object? variables, string setting)
    {
        using var client = api.CreateClient();
        // Timed the second time: the first pays for compiling the code paths (JIT), once per process.
        await PostAsync(client, query, variables);
        var (status, body, elapsed) = await PostAsync(client, query, variables);

        status.ShouldBe(HttpStatusCode.BadRequest, body.GetRawText());
        body.TryGetProperty("data", out _).ShouldBeFalse("a refused request has no data");
        Code(body).ShouldBe("BAD_USER_INPUT", body.GetRawText());
        body.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain(setting + " = ");
        await ShouldBeQuickAsync(elapsed, client);
        await HealthyAsync(client);
    }

    private async Task ExportRefusedAsync((string Name, string Value) parameter, string setting)
    {
        using var client = api.CreateClient();
        var url = "/exports/contacts.csv?purpose=" + Uri.EscapeDataString("Checking the export limits") + "&" + parameter.Name + "=" + Uri.EscapeDataString(parameter.Value);
        HttpRequestMessage Request()
        {
            var request = new HttpRequestMessage(HttpMethod.Get, url);
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.Token(Roles.Government));
            return request;
        }
        using (var first = Request())
        {
            (await client.SendAsync(first)).Dispose(); // as above: the second request is timed
        }
        using var request = Request();
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        stopwatch.Stop();

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest, text);
        text.ShouldContain(setting + " = ");
        await ShouldBeQuickAsync(stopwatch.Elapsed, client);
        await HealthyAsync(client);
    }

    private static async Task<(HttpStatusCode Status, JsonElement Body, TimeSpan Elapsed)> PostAsync(HttpClient client, string query, object? variables)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        var stopwatch = Stopwatch.StartNew();
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        stopwatch.Stop();
        return (response.StatusCode, JsonDocument.Parse(text).RootElement.Clone(), stopwatch.Elapsed);
    }

    /// <summary>
    /// "Well under a second": a refusal does no work, so it must take no longer than a second, or, on a machine so
    /// loaded that a trivial request itself takes a fair part of one, no longer than four trivial requests. The
    /// baseline keeps the bound meaningful (an expression tree built per item takes seconds at 100x) without failing
    /// on a shared CI machine's scheduling delays.
    /// </summary>
    private static async Task ShouldBeQuickAsync(TimeSpan elapsed, HttpClient client)
    {
        var (_, _, trivial) = await PostAsync(client, "{ __typename }", null);
        var bound = TimeSpan.FromTicks(Math.Max(TimeSpan.FromSeconds(1).Ticks, 4 * trivial.Ticks));
        elapsed.ShouldBeLessThan(bound, $"a trivial request took {trivial.TotalMilliseconds:F0} ms");
    }

    private static async Task HealthyAsync(HttpClient client)
    {
        using var health = await client.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }

    private static string? Code(JsonElement body) =>
        body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString();

    private static IEnumerable<object> Branches(int count) =>
        Enumerable.Range(0, count).Select(i => new { name = new { eq = "x" + i }, code = new { neq = "y" } });

    // {field: {field: ... inner ...}} nested `levels` times.
    private static string Nested(int levels, string field, string inner)
    {
        var text = new StringBuilder();
        for (var i = 0; i < levels; i++)
        {
            text.Append("{ ").Append(field).Append(": ");
        }
        text.Append(inner);
        text.Append(string.Concat(Enumerable.Repeat(" }", levels)));
        return text.ToString();
    }

    private static string OrganisationId(int id) => Convert.ToBase64String(Encoding.UTF8.GetBytes("Organisation:" + id));

    private static async Task<RunningService> StartServiceAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "directory-limits-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        var process = ApiProcess.Start("--urls", url, $"--ConnectionStrings:Directory=Data Source={Path.Combine(folder, "directory.db")}");
        var client = new HttpClient { BaseAddress = new Uri(url), Timeout = TimeSpan.FromSeconds(60) };
        using var health = await process.WaitForResponseAsync(client, url + "/health", TimeSpan.FromSeconds(90));
        health.StatusCode.ShouldBe(HttpStatusCode.OK, process.Output);
        return new RunningService(process, client, folder);
    }

    private sealed record RunningService(ApiProcess Process, HttpClient Client, string Folder) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            Client.Dispose();
            await Process.DisposeAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            System.IO.Directory.Delete(Folder, recursive: true);
        }
    }
}
