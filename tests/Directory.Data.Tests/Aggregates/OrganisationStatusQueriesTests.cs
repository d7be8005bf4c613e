using Directory.Data.Aggregates;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Aggregates;

/// <summary>The survey status query on the bundled sample: its values, and that it composes into one SQL command.</summary>
public sealed class OrganisationStatusQueriesTests(SampleDatabases databases) : IClassFixture<SampleDatabases>
{
    private const string Survey = "STADV-2020";

    private static readonly SampleSurveyOracle Oracle = new(TestData.SampleFolder);

    public static TheoryData<DatabaseProvider> ByProvider() => Providers.Both;

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Every_in_scope_organisation_has_the_status_the_definition_gives(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);
        var statuses = new OrganisationStatusQueries(db).Statuses(Survey);

        var actual = await (
                from s in statuses
                join o in db.Organisations on s.OrganisationId equals o.Id
                where s.InScope
                select new { o.Code, s.Status })
            .ToDictionaryAsync(s => s.Code, s => s.Status.ToString());

        var expected = Oracle.Population(null, null).ToDictionary(o => o["code"], o => Oracle.Status(o["code"]));
        actual.Count.ShouldBe(504);
        actual.ShouldBe(expected, ignoreOrder: true);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Filtering_and_paging_on_the_status_run_as_one_sql_command(DatabaseProvider provider)
    {
        var counter = new CommandCounter();
        await using var db = databases.CreateContext(provider, counter);
        var page = new OrganisationStatusQueries(db).Statuses(Survey)
            .Where(s => s.InScope && s.Status == SurveyStatus.NOT_RECEIVED && !s.CommissionedByCounty)
            .OrderBy(s => s.OrganisationId)
            .Skip(10)
            .Take(5);

        var sql = page.ToQueryString();
        var rows = await page.ToListAsync();

        counter.Count.ShouldBe(1);
        sql.ShouldContain("EXISTS");
        sql.ShouldContain("LIMIT", Case.Insensitive);
        rows.Count.ShouldBe(5);
        rows.ShouldAllBe(r => r.Status == SurveyStatus.NOT_RECEIVED && r.InScope && !r.CommissionedByCounty);
        rows.Select(r => r.OrganisationId).ShouldBeInOrder();
        var expectedCount = Oracle.Population(null, null)
            .Count(o => Oracle.Status(o["code"]) == "NOT_RECEIVED" && o["commissioning_delegated_to"].Length == 0);
        (await new OrganisationStatusQueries(db).Statuses(Survey)
            .CountAsync(s => s.InScope && s.Status == SurveyStatus.NOT_RECEIVED && !s.CommissionedByCounty))
            .ShouldBe(expectedCount);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Commissioned_by_county_marks_delegated_organisations(DatabaseProvider provider)
    {
        await using var db = databases.CreateContext(provider);

        var delegated = await new OrganisationStatusQueries(db).Statuses(Survey)
            .Where(s => s.CommissionedByCounty)
            .GroupBy(s => s.CouncilTier)
            .Select(g => new { Tier = g.Key, Count = g.Count() })
            .ToListAsync();

        // python3: organisations.csv rows with commissioning_delegated_to set are all districts, 70 of them.
        delegated.Single().Tier.ShouldBe(CouncilTier.DISTRICT);
        delegated.Single().Count.ShouldBe(70);
    }

    [SkippableTheory]
    [MemberData(nameof(ByProvider))]
    public async Task Statuses_of_several_organisations_load_in_one_command(DatabaseProvider provider)
    {
        var counter = new CommandCounter();
        await using var db = databases.CreateContext(provider, counter);
        var codes = new[] { "E06000001", "E23000016" };
        var ids = await db.Organisations.Where(o => codes.Contains(o.Code)).Select(o => o.Id).ToListAsync();
        var additional = await db.Contacts.Where(c => c.Role == ContactRole.ADDITIONAL_CONTACT
                && !db.SurveyResponses.Any(r => r.OrganisationId == c.OrganisationId))
            .Select(c => c.OrganisationId).FirstAsync();
        counter.Reset();

        var queries = new OrganisationStatusQueries(db);
        var statuses = await queries.GetStatusesAsync([.. ids, additional, -1], Survey);

        counter.Count.ShouldBe(1);
        statuses.Count.ShouldBe(3);
        statuses[ids[0]].ShouldBe(SurveyStatus.COMPLETED);
        statuses[additional].ShouldBe(SurveyStatus.ADDITIONAL_CONTACT);
        (await queries.GetStatusAsync(additional, "NO-SUCH-SURVEY")).ShouldBe(SurveyStatus.ADDITIONAL_CONTACT);
        (await queries.GetStatusAsync(-1, Survey)).ShouldBeNull();
        (await queries.GetStatusesAsync([], Survey)).ShouldBeEmpty();
    }
}
