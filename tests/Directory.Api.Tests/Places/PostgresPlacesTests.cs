using Directory.Api.Tests.GraphQL;

namespace Directory.Api.Tests.Places;

/// <summary>
/// Regions, who commissions what for a place and the health geography answer the same on PostgreSQL as on SQLite:
/// the CCG shares are summed in SQL (stored as ten-thousandths) and the rows come from provider-neutral queries.
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
    public async Task Both_providers_give_the_same_answer(string query)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();

        var onSqlite = await sqlite.DataAsync(query, token: sqlite.OfficeToken);
        var onPostgres = await postgres.DataAsync(query, token: postgres.OfficeToken);

        onSqlite.GetRawText().Length.ShouldBeGreaterThan(60);
        onPostgres.GetRawText().ShouldBe(onSqlite.GetRawText());
    }
}
