using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.Api.Tests.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// Hostile and broken requests against the service as deployed (Production): each gets a 4xx with a clear error and no
/// internals, and the database files are byte-for-byte what they were before.
/// </summary>
public sealed class BadInputTests(ProductionDirectoryApiFactory api) : IClassFixture<ProductionDirectoryApiFactory>
{
    public sealed record BadRequest(string Name, string Method, string ContentType, string Body, HttpStatusCode Status, string Message);

    private static string Deep(int depth) =>
        "{ organisation(code: \"E07000009\") { " + string.Concat(Enumerable.Repeat("county { ", depth)) + "name" + new string('}', depth) + " } }";

    private static string Json(object body) => JsonSerializer.Serialize(body);

    private static readonly BadRequest[] Cases =
    [
        new("malformed JSON", "POST", "application/json", "{\"query\": \"{ __typename }\"", HttpStatusCode.BadRequest, "JSON"),
        new("no query", "POST", "application/json", Json(new { variables = new { } }), HttpStatusCode.BadRequest, "query"),
        new("wrong content type", "POST", "text/plain", "{ __typename }", HttpStatusCode.UnsupportedMediaType, "application/json"),
        new("huge body", "POST", "application/json", Json(new { query = "{ __typename }", padding = new string('x', 600 * 1024) }), HttpStatusCode.RequestEntityTooLarge, "bytes"),
        new("syntax error", "POST", "application/json", Json(new { query = "{ organisations { " }), HttpStatusCode.BadRequest, "Syntax Error"),
        new("too deep", "POST", "application/json", Json(new { query = Deep(30) }), HttpStatusCode.BadRequest, "depth"),
        new("alias bomb", "POST", "application/json",
            Json(new { query = "{ " + string.Join(' ', Enumerable.Range(0, 200).Select(i => $"a{i}: organisations(first: 100) {{ totalCount }}")) + " }" }),
            HttpStatusCode.BadRequest, "alias"),
        new("invalid variables", "POST", "application/json",
            Json(new { query = "query ($n: Int) { organisations(first: $n) { totalCount } }", variables = new { n = "many" } }), HttpStatusCode.BadRequest, "$n"),
        new("invalid mutation input", "POST", "application/json",
            Json(new { query = "mutation { addContact(input: { fullName: 42 }) { __typename } }" }), HttpStatusCode.BadRequest, ""),
        new("mutation over GET", "GET", "", "query=" + Uri.EscapeDataString("mutation { eraseContact(input: { id: \"x\" }) { removedId } }"), HttpStatusCode.MethodNotAllowed, "POST"),
        new("invalid mutation enum", "POST", "application/json",
            Json(new { query = "mutation ($i: AddContactInput!) { addContact(input: $i) { errors { code } } }", variables = new { i = new { organisationId = "x", fullName = "A", role = "KING" } } }),
            HttpStatusCode.BadRequest, "KING"),
        new("unknown field over GET", "GET", "", "query=" + Uri.EscapeDataString("{ secrets }"), HttpStatusCode.BadRequest, "Cannot query field \"secrets\""),
    ];

    public static TheoryData<string> CaseNames() => [.. Cases.Select(c => c.Name)];

    private async Task<string> FingerprintAsync()
    {
        var hash = new StringBuilder();
        foreach (var suffix in new[] { "", "-wal" })
        {
            var path = api.DatabasePath + suffix;
            // An empty write-ahead log and none at all are the same state (SQLite deletes it when the last connection closes).
            if (File.Exists(path) && new FileInfo(path).Length > 0)
            {
                await using var file = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
                hash.Append(suffix).Append(':').Append(Convert.ToHexString(await SHA256.HashDataAsync(file))).Append(' ');
            }
        }
        return hash.ToString();
    }

    [Theory]
    [MemberData(nameof(CaseNames))]
    public async Task Bad_input_gets_a_clear_4xx_without_internals_and_changes_nothing(string name)
    {
        var bad = Cases.Single(c => c.Name == name);
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using (var connection = new SqliteConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var checkpoint = connection.CreateCommand();
            checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
            await checkpoint.ExecuteNonQueryAsync();
        }
        var before = await FingerprintAsync();

        using var client = api.CreateClient();
        using var request = bad.Method == "GET"
            ? new HttpRequestMessage(HttpMethod.Get, "/graphql?" + bad.Body)
            : new HttpRequestMessage(HttpMethod.Post, "/graphql") { Content = new StringContent(bad.Body, Encoding.UTF8) };
        if (request.Content is not null)
        {
            request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(bad.ContentType);
        }
        request.Headers.Accept.ParseAdd("application/graphql-response+json");
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();

        response.StatusCode.ShouldBe(bad.Status, text);
        var error = JsonDocument.Parse(text).RootElement.GetProperty("errors")[0];
        error.GetProperty("message").GetString()!.ShouldContain(bad.Message, Case.Insensitive);
        error.GetProperty("message").GetString()!.Length.ShouldBeGreaterThan(10);
        text.ShouldNotContain("   at ");
        text.ShouldNotContain("Exception");
        (await FingerprintAsync()).ShouldBe(before);
    }
}
