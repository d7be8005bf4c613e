using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Writes;

/// <summary>
/// The SQLite file deleted or replaced under the running service: the pooled connections still have the old file open,
/// so before writes checked which database they reach, a mutation was acknowledged and an export sent with its audit
/// entry — into a file gone at the next start. Now /health, writes and exports answer 503 and nothing is written,
/// neither into the old file nor into whatever took its place.
/// </summary>
public sealed class DatabaseReplacedTests
{
    private const string AddContact = """
        mutation ($input: AddContactInput!) { addContact(input: $input) { contact { code } errors { code message field } } }
        """;

    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    [Fact]
    public async Task With_the_database_file_deleted_writes_and_exports_answer_503_and_nothing_is_written()
    {
        await using var api = new DirectoryApiFactory();
        await StartedAsync(api);
        // A connection opened before the deletion keeps the unlinked file readable, to show nothing reaches it.
        await using var oldFile = await OpenAsync(api.DatabasePath);
        var before = await CountsAsync(oldFile);

        File.Delete(api.DatabasePath);

        await AssertRefusedAsync(api);
        (await CountsAsync(oldFile)).ShouldBe(before);
        File.Exists(api.DatabasePath).ShouldBeFalse("a refused write must not create an empty database in its place");
    }

    [Fact]
    public async Task With_the_database_file_replaced_by_another_directory_database_writes_and_exports_answer_503_and_nothing_is_written()
    {
        await using var api = new DirectoryApiFactory();
        await StartedAsync(api);
        await using var oldFile = await OpenAsync(api.DatabasePath);
        var before = await CountsAsync(oldFile);

        // Another directory database: the same schema and rows, but not the one this service started on.
        var other = api.DatabasePath + ".other";
        await using (var command = oldFile.CreateCommand())
        {
            // Checkpointed first, so the old file's write-ahead log (still beside the path) holds no pages to replay.
            command.CommandText = $"PRAGMA wal_checkpoint(TRUNCATE); VACUUM INTO '{other}'";
            await command.ExecuteNonQueryAsync();
        }
        await using (var copy = await OpenAsync(other))
        await using (var command = copy.CreateCommand())
        {
            command.CommandText = "PRAGMA application_id = 424242";
            await command.ExecuteNonQueryAsync();
        }
        File.Move(other, api.DatabasePath, overwrite: true);

        await AssertRefusedAsync(api);
        (await CountsAsync(oldFile)).ShouldBe(before);
        await using var replacement = await OpenAsync(api.DatabasePath);
        (await CountsAsync(replacement)).ShouldBe(before);
    }

    private static async Task StartedAsync(DirectoryApiFactory api)
    {
        await api.DataAsync("{ __typename }");
        using var client = api.CreateClient();
        using var health = await client.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
        // A write before the file goes, so the pool holds connections to it as a running service's would.
        var added = (await api.QueryAsync(AddContact, new { input = new { organisationId = Id("Organisation", "E06000001"), fullName = "Before Deletion" } }, token: api.OfficeToken))
            .GetProperty("data").GetProperty("addContact");
        added.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    private static async Task AssertRefusedAsync(DirectoryApiFactory api)
    {
        using var client = api.CreateClient();
        // Several writes, so that more than one pooled connection (and a newly opened one) is tried.
        for (var i = 0; i < 3; i++)
        {
            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new
                {
                    query = AddContact,
                    variables = new { input = new { organisationId = Id("Organisation", "E06000001"), fullName = "Lost Person" } },
                }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("SERVICE_UNAVAILABLE");
            // A refusable mutation field is nullable: its error nulls the field, not the whole answer.
            body.GetProperty("data").GetProperty("addContact").ValueKind.ShouldBe(JsonValueKind.Null);
            response.Headers.RetryAfter.ShouldNotBeNull();
        }

        using var export = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.csv?purpose=Checking%20the%20database%20is%20there");
        export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
        using var exported = await client.SendAsync(export);
        exported.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        exported.Headers.Contains("X-Export-Key").ShouldBeFalse();
        JsonDocument.Parse(await exported.Content.ReadAsStringAsync()).RootElement
            .GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("SERVICE_UNAVAILABLE");

        using var health = await client.GetAsync("/health");
        health.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
        JsonDocument.Parse(await health.Content.ReadAsStringAsync()).RootElement.GetProperty("database").GetProperty("unchanged").GetBoolean().ShouldBeFalse();
    }

    private static async Task<SqliteConnection> OpenAsync(string path)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false }.ConnectionString);
        await connection.OpenAsync();
        return connection;
    }

    private static async Task<string> CountsAsync(SqliteConnection connection)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT count(*) FROM contacts) || '/' || (SELECT count(*) FROM audit_log) || '/' || (SELECT max(id) FROM audit_log)";
        return (string)(await command.ExecuteScalarAsync())!;
    }
}
