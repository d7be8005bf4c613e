using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Tests.Migrations;

/// <summary>
/// The stored latest possible end date (issue 16 §2): the migration fills it for contracts that existed before it, in
/// SQL on each provider, exactly as the C# renewal arithmetic does (29 February included); every save keeps it after.
/// </summary>
public sealed class ContractLatestEndMigrationTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_fills_the_latest_possible_end_date_of_existing_contracts(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261205120000_HealthGeography");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO organisations (code, name, type, in_scope, version) VALUES ('E06000001', 'Hartlepool Borough Council', 'LOCAL_AUTHORITY', TRUE, 0)");
        (string Key, string? End, string? Pattern)[] contracts =
        [
            ("K0001", "2022-03-30", "2+1+1+1"),
            ("K0002", "2024-02-29", "1+1"),
            ("K0003", "2023-01-01", null),
            ("K0004", null, "1+2"),
            ("K0005", "2020-05-05", "3+12+1"),
        ];
        foreach (var (key, end, pattern) in contracts)
        {
            var endSql = end is null ? "NULL" : provider == DatabaseProvider.Postgres ? $"DATE '{end}'" : $"'{end}'";
            var patternSql = pattern is null ? "NULL" : $"'{pattern}'";
#pragma warning disable EF1002 // constants of this test only
            await db.Database.ExecuteSqlRawAsync(
                $"INSERT INTO contracts (key, title, provider_id, lead_commissioner_id, end_on, extension_pattern, version) SELECT '{key}', 'A contract', id, id, {endSql}, {patternSql}, 0 FROM organisations");
#pragma warning restore EF1002
        }

        await migrator.MigrateAsync();

        var stored = await db.Contracts.AsNoTracking().OrderBy(c => c.Key).Select(c => new { c.Key, c.LatestPossibleEndOn }).ToListAsync();
        stored.Select(c => c.LatestPossibleEndOn).ShouldBe(contracts.Select(c =>
            Contract.LatestPossibleEnd(c.End is null ? null : DateOnly.Parse(c.End, System.Globalization.CultureInfo.InvariantCulture), c.Pattern)));
        stored.Select(c => c.LatestPossibleEndOn?.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture))
            .ShouldBe(["2025-03-30", "2025-02-28", "2023-01-01", null, "2033-05-05"]);

        // After the migration every save keeps it: a changed pattern moves it.
        var k0003 = await db.Contracts.SingleAsync(c => c.Key == "K0003");
        k0003.ExtensionPattern = "1+2";
        await db.SaveChangesAsync();
        (await db.Contracts.AsNoTracking().SingleAsync(c => c.Key == "K0003")).LatestPossibleEndOn.ShouldBe(new DateOnly(2025, 1, 1));
    }
}
