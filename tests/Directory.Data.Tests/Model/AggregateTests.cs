using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Model;

/// <summary>
/// The reports need aggregates computed in the database: counts per set member and exact FTE/money sums. Both
/// providers must give the same, exact answers.
/// </summary>
public sealed class AggregateTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Counts_and_sums_in_sql_match_the_csv_files(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var importing = database.NewContext())
        {
            (await new SurveyImporter(importing).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        await using var db = database.NewContext();
        var activities = await db.SurveyResponseActivities.GroupBy(a => a.Activity)
            .Select(g => new { Activity = g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Activity, x => x.Count);
        var fteSum = await db.StaffLines.SumAsync(s => s.Fte);
        var fteByResponsibility = await db.StaffLines.GroupBy(s => s.Responsibility)
            .Select(g => new { g.Key, Fte = g.Sum(s => s.Fte) }).ToDictionaryAsync(x => x.Key, x => x.Fte);
        var money = await db.Contracts.SumAsync(c => c.AnnualValue);
        var byCategory = await db.Contacts.Where(c => c.Department != null && c.Department.Category != null)
            .GroupBy(c => c.Department!.Category).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();

        var csvActivities = File.ReadLines(Path.Combine(TestData.SampleFolder, "responses.csv")).Skip(1)
            .SelectMany(l => ReadCsvLine(l)[7].Split(';', StringSplitOptions.RemoveEmptyEntries))
            .GroupBy(a => Enum.Parse<CommissioningActivity>(a)).ToDictionary(g => g.Key, g => g.Count());
        var staffLines = File.ReadLines(Path.Combine(TestData.SampleFolder, "staff.csv")).Skip(1).Select(ReadCsvLine).ToList();
        var csvFte = staffLines.Sum(s => decimal.Parse(s[4], System.Globalization.CultureInfo.InvariantCulture));
        var csvMoney = File.ReadLines(Path.Combine(TestData.SampleFolder, "contracts.csv")).Skip(1).Select(ReadCsvLine)
            .Sum(c => c[8].Length == 0 ? 0m : decimal.Parse(c[8], System.Globalization.CultureInfo.InvariantCulture));

        activities.ShouldBe(csvActivities, ignoreOrder: true);
        fteSum.ShouldBe(csvFte);
        fteByResponsibility.Values.Sum().ShouldBe(csvFte);
        money.ShouldBe(csvMoney);
        byCategory.Sum(x => x.Count).ShouldBeGreaterThan(0);

        // The stored FTE column is an integer of ten-thousandths, so plain SQL aggregates exactly too.
        var rawSum = await db.Database.SqlQueryRaw<long>("SELECT SUM(fte_ten_thousandths) AS \"Value\" FROM staff_lines").SingleAsync();
        rawSum.ShouldBe((long)(csvFte * 10_000m));
    }

    // The sample's responses/staff/contracts rows have quoted cells only in free-text columns after the ones read here,
    // except lists, which are never quoted; a minimal split that honours quotes is enough.
    private static string[] ReadCsvLine(string line)
    {
        var cells = new List<string>();
        var current = new System.Text.StringBuilder();
        var quoted = false;
        for (var i = 0; i < line.Length; i++)
        {
            var c = line[i];
            if (c == '"')
            {
                if (quoted && i + 1 < line.Length && line[i + 1] == '"')
                {
                    current.Append('"');
                    i++;
                }
                else
                {
                    quoted = !quoted;
                }
            }
            else if (c == ',' && !quoted)
            {
                cells.Add(current.ToString());
                current.Clear();
            }
            else
            {
                current.Append(c);
            }
        }

        cells.Add(current.ToString());
        return [.. cells];
    }
}
