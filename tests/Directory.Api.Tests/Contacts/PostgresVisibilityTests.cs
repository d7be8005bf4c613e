using System.Net.Http.Headers;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// The visibility rules and exports on PostgreSQL give the same people as on SQLite, for every role, over the same
/// sample: the predicate and the export queries are provider-neutral SQL, and this checks it on a real server.
/// </summary>
public sealed class PostgresVisibilityTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    public static TheoryData<string, string?> Audiences() => new()
    {
        { "anonymous", null },
        { Roles.CommissionerOffice, null },
        { Roles.Partner, "E10000003" },
        { Roles.Government, null },
        { Roles.VoluntarySector, null },
    };

    private static async Task<HashSet<string>> ContactCodesAsync(DirectoryApiFactory api, string? token)
    {
        var codes = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            var page = (await api.DataAsync("query ($after: String) { contacts(first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }",
                new { after }, token)).GetProperty("contacts");
            foreach (var node in page.GetProperty("nodes").EnumerateArray())
            {
                codes.Add(node.GetProperty("code").GetString()!);
            }
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                page.GetProperty("totalCount").GetInt32().ShouldBe(codes.Count);
                return codes;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }

    private static async Task<HashSet<string>> ExportedCodesAsync(DirectoryApiFactory api, string token)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/exports/national-contact-list.json?purpose=Provider%20comparison");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        var rows = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("rows");
        return [.. rows.EnumerateArray().Select(r => $"{r.GetProperty("organisationCode").GetString()}/{r.GetProperty("contactCode").GetString()}")];
    }

    [SkippableTheory]
    [MemberData(nameof(Audiences))]
    public async Task Each_role_sees_the_same_people_on_both_providers(string role, string? organisation)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        var sqliteToken = role == "anonymous" ? null : sqlite.Token(role, organisation);
        var postgresToken = role == "anonymous" ? null : postgres.Token(role, organisation);

        var onSqlite = await ContactCodesAsync(sqlite, sqliteToken);
        var onPostgres = await ContactCodesAsync(postgres, postgresToken);

        onPostgres.SetEquals(onSqlite).ShouldBeTrue($"{role}: PostgreSQL {onPostgres.Count}, SQLite {onSqlite.Count}");
        if (sqliteToken is not null && postgresToken is not null)
        {
            var exportedOnPostgres = await ExportedCodesAsync(postgres, postgresToken);
            exportedOnPostgres.SetEquals(await ExportedCodesAsync(sqlite, sqliteToken)).ShouldBeTrue();
            exportedOnPostgres.Count.ShouldBeGreaterThan(0);
        }
    }
}
