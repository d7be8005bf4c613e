using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Hosting;

/// <summary>
/// A real failure inside the service as deployed — the contacts table gone from under it — reaches the caller as a
/// plain "Unexpected error." in the API's error shape: no exception type, message, SQL or stack trace.
/// </summary>
public sealed class ProductionErrorTests(ProductionDirectoryApiFactory api) : IClassFixture<ProductionDirectoryApiFactory>
{
    [Fact]
    public async Task Internal_failures_show_no_internals_in_graphql_or_exports()
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using (var connection = new SqliteConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA foreign_keys = OFF; DROP TABLE contacts;";
            await command.ExecuteNonQueryAsync();
        }
        var token = api.OfficeToken;

        var graphql = await api.QueryAsync("{ contacts { totalCount } }", token: token);
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.csv?purpose=Checking%20error%20handling");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var export = await client.SendAsync(request);
        var exportText = await export.Content.ReadAsStringAsync();

        graphql.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("Unexpected error.");
        graphql.GetRawText().ShouldNotContain("no such table");
        graphql.GetRawText().ShouldNotContain("Sqlite");
        export.StatusCode.ShouldBe(HttpStatusCode.InternalServerError);
        var error = JsonDocument.Parse(exportText).RootElement.GetProperty("errors")[0];
        error.GetProperty("message").GetString().ShouldBe("Unexpected error.");
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("INTERNAL_SERVER_ERROR");
        exportText.ShouldNotContain("Sqlite");
        exportText.ShouldNotContain("no such table");
        exportText.ShouldNotContain(" at ");
    }
}
