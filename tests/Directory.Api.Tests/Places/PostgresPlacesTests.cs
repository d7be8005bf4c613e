
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Places;

/// <summary>
/// Regions, who commissions what for a place and the health geography answer the same on PostgreSQL as on SQLite:
/// the CCG shares are summed in SQL (stored as ten-thousandths) and the rows come from provider-neutral queries. So do
/// the contract summary and the filters of issue 16 §2 (dates, money stored as pence, the year of a date, the EXISTS
/// subqueries of some/none/all, the latest-response test).
/// </summary>
public sealed class PostgresPlacesTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableTheory]
    [InlineData("{ regions { name councils policeAndCrimeCommissioners clinicalCommissioningGroups } }")]
    [InlineData("""{ whoCommissions(place: "Ashfield", serviceType: "REFUGE", asOf: "2021-06-01") { relation organisation { code } services { commissioning } contracts { code latestPossibleEndDate } contacts { code } } }""")]
    [InlineData("""{ whoCommissions(place: "nottinghamshire", asOf: "2021-06-01") { relation organisation { code } services { commissioning } contracts { code } } }""")]
    [InlineData("""{ whoCommissions(place: "East Midlands", serviceType: "REFUGE", asOf: "2021-06-01") { relation organisation { code } contracts { code } } }""")]
    [InlineData("""{ organisation(code: "E38000020") { successors { code } integratedCareBoard { code } nhsRegion councilsCovered { code } } county: organisation(code: "E10000024") { healthCommissioners { code } } }""")]
    [InlineData("""{ mappingReport(region: "London") { coverage { rows { organisationType completed total } } } }""")]
    [InlineData("""{ contractSummary(where: { endDate: { gte: "2022-04-01", lte: "2023-03-31" } }, groupBy: LEAD_COMMISSIONER) { key label contracts annualValueGbp refugeUnits } }""")]
    [InlineData("""{ contractSummary(groupBy: END_YEAR) { key contracts annualValueGbp } t: contractSummary(groupBy: SERVICE_TYPE) { key contracts } r: contractSummary(groupBy: REGION) { key refugeUnits } }""")]
    [InlineData("""{ contractSummary(where: { refugeUnits: { gt: 0 } }, groupBy: POLICE_FORCE_AREA) { key label contracts refugeUnits } }""")]
    [InlineData("""{ contracts(first: 100, where: { latestPossibleEndDate: { gte: "2025-06-01" }, annualValueGbp: { ngt: 900000 }, commissioners: { none: { type: { eq: PCC } } } }) { totalCount nodes { code } } }""")]
    [InlineData("""{ responses(first: 100, where: { latest: { eq: true }, jointCommissioningGroup: { eq: NO } }) { totalCount nodes { code } } }""")]
    [InlineData("""{ contacts(first: 100, where: { or: [{ lastVerifiedOn: { lt: "2020-04-01" } }, { lastVerifiedOn: { eq: null } }], response: { activities: { some: { eq: MARACS } } } }) { totalCount nodes { code } } }""")]
    [InlineData("""{ organisations(first: 100, where: { servicesCommissioned: { some: { serviceType: { code: { eq: "REFUGE" } } } } }) { totalCount nodes { code } } }""")]
    public async Task Both_providers_give_the_same_answer(string query)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();

        var onSqlite = await sqlite.DataAsync(query, token: sqlite.OfficeToken);
        var onPostgres = await postgres.DataAsync(query, token: postgres.OfficeToken);

        onSqlite.GetRawText().Length.ShouldBeGreaterThan(60);
        onPostgres.GetRawText().ShouldBe(onSqlite.GetRawText());
    }
}
