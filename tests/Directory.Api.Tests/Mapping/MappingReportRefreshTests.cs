using System.Text;
using System.Text.Json;
using Directory.Api.Tests.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Mapping;

/// <summary>
/// After an audited change the service reads again only the organisations the change names (issue 18 §5), and the
/// report it then gives is the one a full recomputation gives.
/// </summary>
public sealed class MappingReportRefreshTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Report = """
        {
          mappingReport {
            coverage { rows { organisationType completed additionalContact notReceived } outOfScopeResponses responses }
            responseCount departmentBreakdown { category count percent }
            focus { answered rows { option count percent } } seniority { answered rows { option count percent } }
            staffing { total { staff fte estimatedFte } reportingOrganisations unknownCommissioningOrganisations }
            ftePerHead(limit: 3) { highest { organisation { code } ftePer100k } }
            servicesCommissioned { serviceType { name } sole joint womenOnly }
            jobTitles { category jobTitles { jobTitle count } }
          }
        }
        """;

    private async Task<string> ReportAsync() => (await api.DataAsync(Report, token: api.OfficeToken)).GetRawText();

    /// <summary>A commissioner named in a response (not <paramref name="otherThan"/>'s organisation): key, version, organisation id.</summary>
    private async Task<(string Key, int Version, long OrganisationId)> CommissionerAsync(long? otherThan = null)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """
            SELECT c.key, c.version, c.organisation_id FROM contacts c JOIN survey_responses r ON r.id = c.response_id
            WHERE c.role = 'COMMISSIONER' AND c.job_title IS NOT NULL AND c.organisation_id <> $other ORDER BY c.id LIMIT 1
            """;
        command.Parameters.AddWithValue("$other", otherThan ?? -1);
        await using var reader = await command.ExecuteReaderAsync();
        (await reader.ReadAsync()).ShouldBeTrue();
        return (reader.GetString(0), reader.GetInt32(1), reader.GetInt64(2));
    }

    private async Task RetitleAsync((string Key, int Version, long _) contact, string jobTitle)
    {
        var id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Contact:{contact.Key}"));
        var result = await api.DataAsync(
            "mutation ($input: UpdateContactInput!) { updateContact(input: $input) { errors { code message } } }",
            new { input = new { id, version = contact.Version, jobTitle } }, api.OfficeToken);
        result.GetProperty("updateContact").GetProperty("errors").GetArrayLength().ShouldBe(0, result.GetRawText());
    }

    private async Task ExecuteAsync(string sql)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        (await command.ExecuteNonQueryAsync()).ShouldBeGreaterThan(0);
    }

    /// <summary>An audit entry no organisation can be read from: the next report reads every organisation again.</summary>
    private Task RecomputeEverythingAsync() => ExecuteAsync(
        "INSERT INTO audit_log (occurred_at, actor, action, entity_type, entity_key) VALUES ('2026-12-07 11:00:00', 'test', 'update', 'Unknown', 'test')");

    [Fact]
    public async Task After_a_change_to_one_organisation_the_report_equals_a_full_recomputation()
    {
        var before = await ReportAsync();

        await RetitleAsync(await CommissionerAsync(), "Refreshed Commissioning Lead");
        var refreshed = await ReportAsync();
        await RecomputeEverythingAsync();
        var recomputed = await ReportAsync();

        refreshed.ShouldContain("Refreshed Commissioning Lead");
        refreshed.ShouldNotBe(before);
        refreshed.ShouldBe(recomputed);
    }

    [Fact]
    public async Task After_changes_to_several_organisations_the_report_equals_a_full_recomputation()
    {
        await ReportAsync();
        var first = await CommissionerAsync();
        var second = await CommissionerAsync(otherThan: first.OrganisationId);

        // Both audited before the next report, which reads the two organisations again in one refresh.
        await RetitleAsync(first, "First Refreshed Lead");
        await RetitleAsync(second, "Second Refreshed Lead");
        var refreshed = await ReportAsync();
        await RecomputeEverythingAsync();
        var recomputed = await ReportAsync();

        refreshed.ShouldContain("First Refreshed Lead");
        refreshed.ShouldContain("Second Refreshed Lead");
        refreshed.ShouldBe(recomputed);
    }

    [Fact]
    public async Task Only_the_organisations_an_audited_change_names_are_read_again()
    {
        const string focus = "{ mappingReport { focus { answered } } }";
        async Task<int> AnsweredAsync() =>
            (await api.DataAsync(focus, token: api.OfficeToken)).GetProperty("mappingReport").GetProperty("focus").GetProperty("answered").GetInt32();
        var answered = await AnsweredAsync();
        var commissioner = await CommissionerAsync();

        // By hand and unaudited, at another organisation: invisible until everything is read again.
        await ExecuteAsync($"""
            UPDATE survey_responses SET focus = NULL WHERE id = (SELECT MIN(id) FROM survey_responses
            WHERE focus IS NOT NULL AND organisation_id <> {commissioner.OrganisationId})
            """);
        await RetitleAsync(commissioner, "Another Commissioning Lead");
        (await AnsweredAsync()).ShouldBe(answered);

        await RecomputeEverythingAsync();
        (await AnsweredAsync()).ShouldBe(answered - 1);
    }
}
