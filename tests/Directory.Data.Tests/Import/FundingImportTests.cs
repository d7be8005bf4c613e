using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Import;

/// <summary>
/// Funding awards (issue 16 §4): an optional funding_awards.csv in a survey folder is imported with the rest, and
/// a file of awards imports on its own (the import-funding command); both all or nothing, both idempotent.
/// </summary>
public sealed class FundingImportTests
{
    private static async Task ImportSampleAsync(TestDatabase database)
    {
        await using var db = database.NewContext();
        (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
    }

    /// <summary>A copy of the sample survey folder with the sample funding awards in it.</summary>
    private static TemporaryFolder SampleWithFunding()
    {
        var folder = TestData.CopyOfSample();
        File.Copy(TestData.FundingFile, folder.File("funding_awards.csv"));
        return folder;
    }

    private static async Task<ImportResult> ImportFundingAsync(TestDatabase database, string file)
    {
        await using var db = database.NewContext();
        return await new SurveyImporter(db).ImportFundingAsync(file);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_sample_awards_import_exactly_and_a_second_import_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportSampleAsync(database);

        var first = await ImportFundingAsync(database, TestData.FundingFile);
        first.Succeeded.ShouldBeTrue(string.Join('\n', first.Problems));
        first.Counts.Single().ShouldBe(new EntityCounts("FundingAwards", 390, 0, 0));
        var afterFirst = await database.DumpAsync();

        var second = await ImportFundingAsync(database, TestData.FundingFile);
        second.Counts.Single().ShouldBe(new EntityCounts("FundingAwards", 0, 0, 390));
        second.ChangedAnything.ShouldBeFalse();
        (await database.DumpAsync()).ShouldBe(afterFirst, "a re-import writes nothing, not even an audit entry");

        await using var db = database.NewContext();
        var nottinghamshire = await db.FundingAwards.AsNoTracking().Include(f => f.Recipient).SingleAsync(f => f.Key == "F0143");
        (nottinghamshire.Recipient.Code, nottinghamshire.Programme, nottinghamshire.FinancialYear, nottinghamshire.Amount, nottinghamshire.Source)
            .ShouldBe(("E10000024", FundingProgramme.PART4_SAFE_ACCOMMODATION_DUTY, "2021-22", 1540091m, "seed"));
        (await db.FundingAwards.SumAsync(f => f.Amount)).ShouldBe(251621691m); // the CSV's amount_gbp column, summed by a Python script
        (await db.AuditLog.CountAsync(a => a.EntityType == nameof(FundingAward) && a.EntityKey == "funding_awards.csv")).ShouldBe(1);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_survey_folder_with_funding_awards_imports_them_with_the_rest(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        using var folder = SampleWithFunding();

        await using var db = database.NewContext();
        var result = await new SurveyImporter(db).ImportAsync(folder.Path);

        result.Succeeded.ShouldBeTrue(string.Join('\n', result.Problems));
        result.Counts.ShouldContain(new EntityCounts("FundingAwards", 390, 0, 0));
        (await db.FundingAwards.CountAsync()).ShouldBe(390);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_bad_award_is_reported_and_nothing_is_written(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        using var folder = SampleWithFunding();
        folder.ReplaceOnLine("funding_awards.csv", 2, "PART4_SAFE_ACCOMMODATION_DUTY", "PART5");
        folder.ReplaceOnLine("funding_awards.csv", 3, "E06000002", "E99999999");
        folder.ReplaceOnLine("funding_awards.csv", 4, "2021-22", "2021-23");
        folder.ReplaceOnLine("funding_awards.csv", 5, "559300", "55.934");
        folder.ReplaceOnLine("funding_awards.csv", 6, "F0005", "F0004");
        var before = await database.DumpAsync();

        ImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new SurveyImporter(db).ImportAsync(folder.Path);
        }

        result.Succeeded.ShouldBeFalse();
        result.Problems.Select(p => p.ToString()).ShouldBe(
        [
            // In line order: keys and rows are checked in the same read of the file.
            "funding_awards.csv:2:programme: 'PART5' is not one of PART4_SAFE_ACCOMMODATION_DUTY, PART4_TIER2_CAPACITY, PUBLIC_HEALTH_GRANT, PCC_VICTIM_SERVICES",
            "funding_awards.csv:3:recipient_code: unknown organisation 'E99999999'",
            "funding_awards.csv:4:financial_year: '2021-23' is not a financial year such as 2021-22",
            "funding_awards.csv:5:amount_gbp: '55.934' has more than 2 decimal places",
            "funding_awards.csv:6:award_id: duplicate key F0004 (first on line 5)",
        ]);
        (await database.DumpAsync()).ShouldBe(before, "the survey folder's good files are not written either");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_funding_file_of_another_name_reports_problems_under_its_name(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await ImportSampleAsync(database);
        using var folder = new TemporaryFolder();
        File.WriteAllText(folder.File("awards-2025.csv"), """
            award_id,programme,funder,recipient_code,financial_year,amount_gbp,purpose,source
            G0001,PCC_VICTIM_SERVICES,Ministry of Justice,E23000001,2025-26,100.50,,synthetic
            G0002,PCC_VICTIM_SERVICES,Ministry of Justice,E23000001,2025-26,-3,,synthetic
            """);
        var before = await database.DumpAsync();

        var result = await ImportFundingAsync(database, folder.File("awards-2025.csv"));

        result.Problems.Select(p => p.ToString()).ShouldBe(["awards-2025.csv:3:amount_gbp: '-3' is not a non-negative decimal number"]);
        (await database.DumpAsync()).ShouldBe(before);

        folder.RemoveLine("awards-2025.csv", 3);
        var fixedResult = await ImportFundingAsync(database, folder.File("awards-2025.csv"));
        fixedResult.Counts.Single().ShouldBe(new EntityCounts("FundingAwards", 1, 0, 0));
        using var output = new StringWriter();
        fixedResult.WriteTo(output);
        output.ToString().ShouldStartWith("Imported funding awards awards-2025.csv:");
        await using var db = database.NewContext();
        (await db.FundingAwards.SingleAsync(f => f.Key == "G0001")).Amount.ShouldBe(100.50m);
    }
}
