using Directory.Data.Import;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Import;

/// <summary>
/// A deliberately broken copy of the sample: every problem is reported with its file, line and column, in one run,
/// and the database is left exactly as it was.
/// </summary>
public sealed class BrokenImportTests
{
    private static TemporaryFolder BrokenCopy()
    {
        var broken = TestData.CopyOfSample();
        broken.ReplaceOnLine("organisations.csv", 3, ",LOCAL_AUTHORITY,", ",COUNCIL,");               // bad enum
        broken.ReplaceOnLine("responses.csv", 3, "E06000002", "E99999999");                          // response's organisation missing
        broken.ReplaceOnLine("contacts.csv", 2, "chloe.owen@hartlepool.council.example", "chloe.owen-at-hartlepool");  // malformed email
        broken.ReplaceOnLine("contacts.csv", 4, "C00003", "C00002");                                 // duplicate key
        broken.ReplaceOnLine("staff.csv", 3, "0.75", "1.5");                                         // FTE outside (0, 1]
        broken.ReplaceOnLine("services.csv", 2, "DHR", "NOT_A_SERVICE");                             // unknown code
        broken.ReplaceOnLine("partnership_members.csv", 2, "P0001", "P9999");                        // dangling reference
        File.WriteAllLines(broken.File("contracts.csv"),
            File.ReadAllLines(broken.File("contracts.csv")).Select((l, i) => i == 0 ? l + ",colour" : l + ",red"));  // unknown column
        return broken;
    }

    private static readonly (string File, int Line, string Column, string Reason)[] Expected =
    [
        ("contracts.csv", 1, "colour", "unknown column 'colour'"),
        ("organisations.csv", 3, "org_type", "'COUNCIL' is not one of"),
        ("responses.csv", 3, "org_code", "unknown organisation 'E99999999'"),
        ("contacts.csv", 2, "email", "is not an email address"),
        ("contacts.csv", 4, "contact_id", "duplicate key C00002 (first on line 3)"),
        ("staff.csv", 3, "fte", "outside (0, 1]"),
        ("services.csv", 2, "service_code", "unknown service type 'NOT_A_SERVICE'"),
        ("partnership_members.csv", 2, "partnership_id", "unknown partnership 'P9999'"),
    ];

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_problem_is_reported_and_an_empty_database_stays_empty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        using var broken = BrokenCopy();
        var before = await database.DumpAsync();

        ImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new SurveyImporter(db).ImportAsync(broken.Path);
        }

        result.Succeeded.ShouldBeFalse();
        result.Counts.ShouldBeEmpty();
        foreach (var (file, line, column, reason) in Expected)
        {
            result.Problems.ShouldContain(
                p => p.File == file && p.Line == line && p.Column == column && p.Reason.Contains(reason),
                $"expected {file}:{line}:{column}: {reason} among:\n{string.Join('\n', result.Problems)}");
        }

        (await database.DumpAsync()).ShouldBe(before);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_broken_reimport_leaves_an_imported_database_exactly_as_it_was(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        // Valid changes mixed with the broken rows: none of them may be written either.
        using var broken = BrokenCopy();
        broken.ReplaceOnLine("contacts.csv", 3, "Public Health Officer", "Changed Title");
        var before = await database.DumpAsync();

        ImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new SurveyImporter(db).ImportAsync(broken.Path);
        }

        result.Problems.Count.ShouldBeGreaterThanOrEqualTo(Expected.Length);
        (await database.DumpAsync()).ShouldBe(before);
        await using var check = database.NewContext();
        (await check.Contacts.SingleAsync(c => c.Key == "C00002")).JobTitle.ShouldBe("Public Health Officer");
    }

    /// <summary>
    /// A write the database refuses after every check passed (here a unique index the test adds, which the second
    /// service row breaks) leaves the database as it was: the rows of the files before it, and the earlier rows of the
    /// failing statement itself (SQLite's INSERT OR FAIL keeps them until the rollback), are rolled back with the import.
    /// Small batches, so the file's later batches are being read ahead when the write stops.
    /// </summary>
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_write_the_database_refuses_midway_leaves_it_as_it_was(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            await db.Database.ExecuteSqlRawAsync("CREATE UNIQUE INDEX test_one_service_per_answer ON services_commissioned (women_only)");
        }

        var before = await database.DumpAsync();
        await using (var db = database.NewContext())
        {
            var import = new SurveyImporter(db) { BatchSize = 3 }.ImportAsync(TestData.SampleFolder);
            await Should.ThrowAsync<System.Data.Common.DbException>(async () => await import);
        }

        (await database.DumpAsync()).ShouldBe(before);
    }

    /// <summary>
    /// Keys and rows are checked in one read of each file, so a reference to a row further down the same file waits
    /// for that row: found when it is there, held to the kind it must be, and reported on its own line when it is not.
    /// </summary>
    [Fact]
    public async Task References_to_rows_further_down_the_same_file_are_checked_against_those_rows()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        using var folder = TestData.CopyOfSample();
        folder.ReplaceOnLine("organisations.csv", 2, ",E23000013,", ",X-PRV-999,");      // a police force area that is a provider…
        File.AppendAllLines(folder.File("organisations.csv"), ["X-PRV-999,Example Refuge,PROVIDER,,,North East,,,,false,,,"]); // …on the last line
        folder.ReplaceOnLine("organisations.csv", 3, ",E23000013,", ",E23000014,");      // a police force area further down: fine
        folder.ReplaceOnLine("contacts.csv", 2, "Hartlepool\",,", "Hartlepool\",C00005,"); // a manager further down: fine
        folder.ReplaceOnLine("contacts.csv", 3, ",C00001,", ",C99998,");                  // no such manager

        await using var db = database.NewContext();
        var result = await new SurveyImporter(db).ImportAsync(folder.Path);

        result.Problems.Select(p => p.ToString()).ShouldBe(
        [
            "organisations.csv:2:police_force_area_code: organisation 'X-PRV-999' is not a PCC",
            "contacts.csv:3:manager_contact_id: unknown contact 'C99998'",
        ]);
    }

    [Fact]
    public async Task Problems_print_as_file_line_column_reason()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        using var broken = TestData.CopyOfSample();
        broken.ReplaceOnLine("staff.csv", 2, "0.25", "0");

        await using var db = database.NewContext();
        var result = await new SurveyImporter(db).ImportAsync(broken.Path);

        result.Problems.Select(p => p.ToString()).ShouldBe(["staff.csv:2:fte: FTE 0 is outside (0, 1]"]);
        using var output = new StringWriter();
        result.WriteTo(output);
        output.ToString().ShouldContain("staff.csv:2:fte: FTE 0 is outside (0, 1]");
        output.ToString().ShouldContain("nothing was imported");
    }

    [Fact]
    public async Task Missing_files_and_columns_are_reported_without_reading_further()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        using var broken = TestData.CopyOfSample();
        File.Delete(broken.File("partnerships.csv"));
        File.WriteAllLines(broken.File("staff.csv"), ["response_id,line_no,responsibility,seniority", "R0001,1,COORDINATOR,OFFICER"]);

        await using var db = database.NewContext();
        var result = await new SurveyImporter(db).ImportAsync(broken.Path);

        result.Problems.ShouldContain(p => p.File == "partnerships.csv" && p.Line == 0 && p.Reason == "file is missing");
        result.Problems.ShouldContain(p => p.File == "staff.csv" && p.Line == 1 && p.Column == "fte" && p.Reason == "missing column 'fte'");
        // Members refer to the missing partnerships file: no cascade of "unknown partnership" problems.
        result.Problems.ShouldNotContain(p => p.File == "partnership_members.csv");
    }
}
