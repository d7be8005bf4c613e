using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Mapping;

/// <summary>
/// The mapping report's aggregates are computed once per data version: a repeated report runs no aggregate SQL, and
/// an audited change to the data is in the very next report.
/// </summary>
public sealed class MappingReportCacheTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Report = """
        { mappingReport { coverage { rows { organisationType completed } } staffing(orgType: PCC) { total { fte } } activities { answered } } }
        """;

    private static readonly Dictionary<string, string> Diagnostics = new() { ["GraphQL-Diagnostics"] = "1" };

    private async Task<(JsonElement Data, int SqlCommands)> ReportAsync()
    {
        var body = await api.QueryAsync(Report, headers: Diagnostics);
        body.TryGetProperty("errors", out _).ShouldBeFalse(body.GetRawText());
        return (body.GetProperty("data").Clone(), body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32());
    }

    [Fact]
    public async Task A_repeated_report_reads_only_the_survey_and_the_data_version_and_an_audited_change_shows_at_once()
    {
        var (first, firstCommands) = await ReportAsync();
        var (second, secondCommands) = await ReportAsync();

        second.GetRawText().ShouldBe(first.GetRawText());
        // The first may run no aggregate SQL either: the organisations' contributions, which every aggregate is summed
        // from, are read once per data version, perhaps already by this class's other test.
        firstCommands.ShouldBeGreaterThanOrEqualTo(2);
        secondCommands.ShouldBe(2); // the survey and the data version

        // A change as every writer makes it: the data and its audit entry, in one transaction.
        await using (var connection = new SqliteConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var transaction = connection.BeginTransaction();
            await using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = """
                UPDATE staff_lines SET fte_ten_thousandths = fte_ten_thousandths - 1000, version = version + 1
                WHERE id = (SELECT s.id FROM staff_lines s JOIN survey_responses r ON r.id = s.response_id
                            JOIN organisations o ON o.id = r.organisation_id WHERE o.type = 'PCC' AND s.fte_ten_thousandths > 1000 ORDER BY s.id LIMIT 1);
                INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_key) VALUES ('2026-11-22 12:00:00', 'test', 'update', 'StaffLine', 'test');
                """;
            (await command.ExecuteNonQueryAsync()).ShouldBe(2);
            await transaction.CommitAsync();
        }
        var (third, thirdCommands) = await ReportAsync();

        thirdCommands.ShouldBeGreaterThan(2); // the aggregates ran again (besides the survey and the data version)
        var fteBefore = first.GetProperty("mappingReport").GetProperty("staffing").GetProperty("total").GetProperty("fte").GetDecimal();
        var fteAfter = third.GetProperty("mappingReport").GetProperty("staffing").GetProperty("total").GetProperty("fte").GetDecimal();
        fteAfter.ShouldBe(fteBefore - 0.1m);
    }

    [Fact]
    public async Task An_export_leaves_the_report_cached()
    {
        const string focus = "{ mappingReport { focus { answered } } }";
        async Task<(int Answered, int SqlCommands)> FocusAsync()
        {
            var body = await api.QueryAsync(focus, headers: Diagnostics);
            body.TryGetProperty("errors", out _).ShouldBeFalse(body.GetRawText());
            return (body.GetProperty("data").GetProperty("mappingReport").GetProperty("focus").GetProperty("answered").GetInt32(),
                body.GetProperty("extensions").GetProperty("diagnostics").GetProperty("sqlCommands").GetInt32());
        }

        var (answered, _) = await FocusAsync();

        // Changed by hand, with no audit entry: a report computed afresh would count one answer fewer.
        await using (var connection = new SqliteConnection(api.ConnectionString))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "UPDATE survey_responses SET focus = NULL WHERE id = (SELECT MIN(id) FROM survey_responses WHERE focus IS NOT NULL)";
            (await command.ExecuteNonQueryAsync()).ShouldBe(1);
        }

        using (var client = api.CreateClient())
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "/exports/contacts.csv?purpose=" + Uri.EscapeDataString("Checking the report cache"));
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", api.OfficeToken);
            using var response = await client.SendAsync(request);
            response.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        }

        var (afterExport, commandsAfterExport) = await FocusAsync();
        afterExport.ShouldBe(answered);
        commandsAfterExport.ShouldBe(2); // the survey, and the data version: the newest audit entry's id and whether the entries since changed anything, in one command
        var (again, commandsAgain) = await FocusAsync();
        again.ShouldBe(answered);
        commandsAgain.ShouldBe(2);
    }
}
