using System.Globalization;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Api.Writes;
using Directory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Writes;

/// <summary>
/// Writes that do not conflict all succeed, however many arrive at once: 50 simultaneous requests of each mutation that
/// creates rows, over HTTP with real tokens, on SQLite and on PostgreSQL — every one acknowledged, every row there
/// afterwards, every generated key distinct. (Before writes ran in one serialised transaction from their first read,
/// about half the survey responses drew the same next key and failed as DUPLICATE.)
/// </summary>
public sealed class ConcurrentWriteTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    private const int Writers = 50;

    public static TheoryData<string> Providers() => new() { "Sqlite", "Postgres" };

    private DirectoryApiFactory Api(string provider)
    {
        if (provider == "Postgres")
        {
            PostgresDirectoryApiFactory.SkipUnlessAvailable();
            return postgres;
        }
        return sqlite;
    }

    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    private static string Number(int i) => i.ToString("D2", CultureInfo.InvariantCulture);

    /// <summary>Sends all the requests at the same moment and returns each mutation's payload, checked to be a success.</summary>
    private static async Task<JsonElement[]> AllAtOnceAsync(DirectoryApiFactory api, string field, Func<int, (string Mutation, object Variables, string Token)> request)
    {
        await api.DataAsync("{ __typename }"); // the service has started and loaded its sample
        var start = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var requests = Enumerable.Range(0, Writers).Select(async i =>
        {
            var (mutation, variables, token) = request(i);
            await start.Task;
            return await api.QueryAsync(mutation, variables, token: token);
        }).ToList();
        start.SetResult();
        var bodies = await Task.WhenAll(requests);
        var payloads = bodies.Select(body =>
        {
            body.TryGetProperty("errors", out var errors).ShouldBeFalse(body.GetRawText());
            var payload = body.GetProperty("data").GetProperty(field);
            payload.GetProperty("errors").GetArrayLength().ShouldBe(0, payload.GetRawText());
            return payload;
        }).ToArray();
        return payloads;
    }

    private static async Task<T> WithDatabaseAsync<T>(DirectoryApiFactory api, Func<DirectoryDbContext, Task<T>> read)
    {
        await using var db = await api.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        return await read(db);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Fifty_survey_responses_submitted_at_once_are_all_saved_with_distinct_keys(string provider)
    {
        var api = Api(provider);
        // Two submissions per organisation, both naming the same new lead department: it is created once and both use it.
        var organisations = await WithDatabaseAsync(api, db => db.Organisations.OrderBy(o => o.Code).Select(o => o.Code).Take(Writers / 2).ToListAsync());
        var before = await WithDatabaseAsync(api, db => db.SurveyResponses.CountAsync());

        var payloads = await AllAtOnceAsync(api, "submitSurveyResponse", i => (
            """
            mutation ($input: SubmitSurveyResponseInput!) { submitSurveyResponse(input: $input) { response { code staffLines { lineNumber } } errors { code message field } } }
            """,
            new
            {
                input = new
                {
                    organisationId = Id("Organisation", organisations[i / 2]),
                    leadDepartment = "Concurrency lead team",
                    staffLines = new object[] { new { responsibility = "COMMISSIONING_ONLY", fte = 0.5 }, new { responsibility = "COORDINATOR", fte = 1 } },
                    consent = new { partners = true, government = true, voluntarySector = false },
                },
            },
            api.Token(Roles.Partner, organisations[i / 2])));

        var keys = payloads.Select(p => p.GetProperty("response").GetProperty("code").GetString()!).ToList();
        keys.Distinct().Count().ShouldBe(Writers);
        var saved = await WithDatabaseAsync(api, db => db.SurveyResponses.Where(r => keys.Contains(r.Key))
            .Select(r => new { r.Key, Lines = r.StaffLines.Count, Department = r.LeadDepartment!.Name, Organisation = r.Organisation.Code }).ToListAsync());
        saved.Count.ShouldBe(Writers);
        saved.ShouldAllBe(r => r.Lines == 2 && r.Department == "Concurrency lead team");
        (await WithDatabaseAsync(api, db => db.SurveyResponses.CountAsync())).ShouldBe(before + Writers);
        (await WithDatabaseAsync(api, db => db.Departments.CountAsync(d => d.Name == "Concurrency lead team"))).ShouldBe(organisations.Count);
        (await WithDatabaseAsync(api, db => db.AuditLog.CountAsync(e => e.EntityType == "SurveyResponse" && keys.Contains(e.EntityKey)))).ShouldBe(Writers);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Fifty_contacts_added_at_once_are_all_saved_with_distinct_keys(string provider)
    {
        var api = Api(provider);
        var organisation = await WithDatabaseAsync(api, db => db.Organisations.OrderBy(o => o.Code).Select(o => o.Code).FirstAsync());
        var token = api.OfficeToken;

        var payloads = await AllAtOnceAsync(api, "addContact", i => (
            """
            mutation ($input: AddContactInput!) { addContact(input: $input) { contact { code } errors { code message field } } }
            """,
            new { input = new { organisationId = Id("Organisation", organisation), fullName = $"Concurrent Person {Number(i)}", email = $"concurrent.{Number(i)}@example.org" } },
            token));

        var keys = payloads.Select(p => p.GetProperty("contact").GetProperty("code").GetString()!).ToList();
        keys.Distinct().Count().ShouldBe(Writers);
        var names = await WithDatabaseAsync(api, db => db.Contacts.Where(c => keys.Contains(c.Key)).Select(c => c.FullName).ToListAsync());
        names.Order().ShouldBe(Enumerable.Range(0, Writers).Select(i => $"Concurrent Person {Number(i)}"));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Fifty_departments_added_at_once_are_all_saved(string provider)
    {
        var api = Api(provider);
        var organisation = await WithDatabaseAsync(api, db => db.Organisations.OrderByDescending(o => o.Code).Select(o => o.Code).FirstAsync());
        var token = api.OfficeToken;

        var payloads = await AllAtOnceAsync(api, "addDepartment", i => (
            """
            mutation ($input: AddDepartmentInput!) { addDepartment(input: $input) { department { id name } errors { code message field } } }
            """,
            new { input = new { organisationId = Id("Organisation", organisation), name = $"Concurrency unit {Number(i)}" } },
            token));

        payloads.Select(p => p.GetProperty("department").GetProperty("id").GetString()).Distinct().Count().ShouldBe(Writers);
        var names = await WithDatabaseAsync(api, db => db.Departments.Where(d => d.Organisation.Code == organisation && d.Name.StartsWith("Concurrency unit ")).Select(d => d.Name).ToListAsync());
        names.Order().ShouldBe(Enumerable.Range(0, Writers).Select(i => $"Concurrency unit {Number(i)}"));
        (await WithDatabaseAsync(api, db => db.AuditLog.CountAsync(e => e.EntityType == "Department" && e.Action == "create"))).ShouldBeGreaterThanOrEqualTo(Writers);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers))]
    public async Task Fifty_organisations_created_at_once_are_all_saved(string provider)
    {
        var api = Api(provider);
        var token = api.OfficeToken;

        await AllAtOnceAsync(api, "createOrganisation", i => (
            """
            mutation ($input: CreateOrganisationInput!) { createOrganisation(input: $input) { organisation { code } errors { code message field } } }
            """,
            new { input = new { code = $"X-CONC-{Number(i)}", name = $"Concurrency Trust {Number(i)}", type = "LOCAL_AUTHORITY" } },
            token));

        var codes = await WithDatabaseAsync(api, db => db.Organisations.Where(o => o.Code.StartsWith("X-CONC-")).Select(o => o.Code).ToListAsync());
        codes.Order().ShouldBe(Enumerable.Range(0, Writers).Select(i => $"X-CONC-{Number(i)}"));
        (await WithDatabaseAsync(api, db => db.AuditLog.CountAsync(e => e.EntityType == "Organisation" && e.EntityKey.StartsWith("X-CONC-")))).ShouldBe(Writers);
    }
}
