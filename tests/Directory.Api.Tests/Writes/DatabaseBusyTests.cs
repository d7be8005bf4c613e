using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Writes;

/// <summary>
/// A writer that cannot get the write lock in time (another process holds it past the busy timeout) is refused with
/// 503, <c>Retry-After</c> and <c>SERVICE_UNAVAILABLE</c>, nothing written; found by the soak, where an export waiting
/// behind a queue of writes answered 500 with an unhandled "database is locked".
/// </summary>
public sealed class DatabaseBusyTests
{
    private const string AddContact = """
        mutation ($input: AddContactInput!) { addContact(input: $input) { contact { code } errors { code message field } } }
        """;

    /// <summary>The service with a one-second busy timeout, so that the test waits one second rather than thirty.</summary>
    private sealed class ShortWaitApi : DirectoryApiFactory
    {
        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("ConnectionStrings:Directory", ConnectionString + ";Default Timeout=1");
        }
    }

    [Fact]
    public async Task A_write_that_cannot_get_the_lock_in_time_answers_503_with_retry_after_and_writes_nothing()
    {
        await using var api = new ShortWaitApi();
        var organisationId = Convert.ToBase64String(Encoding.UTF8.GetBytes("Organisation:E06000001"));
        (await api.DataAsync(AddContact, new { input = new { organisationId, fullName = "Before The Lock" } }, api.OfficeToken))
            .GetProperty("addContact").GetProperty("errors").GetArrayLength().ShouldBe(0);
        using var client = api.CreateClient();

        int contactsBefore;
        await using (var holder = new SqliteConnection($"Data Source={api.DatabasePath};Pooling=False"))
        {
            await holder.OpenAsync();
            await using (var begin = holder.CreateCommand())
            {
                begin.CommandText = "BEGIN IMMEDIATE; SELECT count(*) FROM contacts;";
                contactsBefore = Convert.ToInt32(await begin.ExecuteScalarAsync(), System.Globalization.CultureInfo.InvariantCulture);
            }

            using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
            {
                Content = new StringContent(JsonSerializer.Serialize(new { query = AddContact, variables = new { input = new { organisationId, fullName = "Behind The Lock" } } }), Encoding.UTF8, "application/json"),
            };
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
            using var refused = await client.SendAsync(request);
            refused.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            refused.Headers.RetryAfter.ShouldNotBeNull();
            var body = JsonDocument.Parse(await refused.Content.ReadAsStringAsync()).RootElement;
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("SERVICE_UNAVAILABLE");
            body.GetProperty("data").GetProperty("addContact").ValueKind.ShouldBe(JsonValueKind.Null);

            using var export = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.csv?purpose=Checking%20a%20busy%20database");
            export.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
            using var exported = await client.SendAsync(export);
            exported.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable);
            exported.Headers.RetryAfter.ShouldNotBeNull();
            exported.Headers.Contains("X-Export-Key").ShouldBeFalse();

            await using var rollback = holder.CreateCommand();
            rollback.CommandText = "ROLLBACK";
            await rollback.ExecuteNonQueryAsync();
        }

        // Once the lock is free the same write goes through, and the refused one left nothing behind.
        (await api.DataAsync(AddContact, new { input = new { organisationId, fullName = "After The Lock" } }, api.OfficeToken))
            .GetProperty("addContact").GetProperty("errors").GetArrayLength().ShouldBe(0);
        var names = await api.DataAsync("""{ contacts(search: "the lock", first: 10) { nodes { fullName } } }""", token: api.OfficeToken);
        names.GetProperty("contacts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("fullName").GetString())
            .Order().ShouldBe(["After The Lock", "Before The Lock"]);
        contactsBefore.ShouldBeGreaterThan(0);
    }
}
