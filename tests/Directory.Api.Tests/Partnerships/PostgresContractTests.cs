using Directory.Api.Tests.GraphQL;

namespace Directory.Api.Tests.Partnerships;

/// <summary>
/// The new filters and the contract summary answer the same on PostgreSQL as on SQLite: dates, money stored as pence,
/// the calendar year of a date, EXISTS subqueries of some/none/all and the latest-response test are provider SQL.
/// </summary>
public sealed class PostgresContractTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    [SkippableTheory]
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
