using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Import;

/// <summary>
/// The health geography loaded from the reference lists (issue 16, section 5): coverage and links for every CCG, ICBs
/// as successors of the CCGs not merged in 2020, idempotent, and restored after a survey import reset the successors.
/// </summary>
public sealed class HealthGeographyLoadTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_reference_lists_link_every_CCG_to_its_councils_region_and_ICB(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        await new ReferenceDataLoader(db).LoadAsync(TestData.ReferenceFolder);

        (await db.CcgCoverage.CountAsync()).ShouldBe(353);
        (await db.CcgHealthLinks.CountAsync(l => l.IntegratedCareBoardId != null && l.NhsRegion != null)).ShouldBe(135);
        var ccgs = await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.CCG)
            .Select(o => new { o.Code, Successor = o.Successor!.Code, SuccessorType = o.Successor.Type, o.Version }).ToListAsync();
        ccgs.Count.ShouldBe(135);
        ccgs.Count(c => c.SuccessorType == OrganisationType.ICB).ShouldBe(127);
        ccgs.Count(c => c.SuccessorType == OrganisationType.CCG).ShouldBe(8); // the sample's synthetic 2020 mergers keep theirs
        ccgs.Single(c => c.Code == "E38000007").Successor.ShouldBe("E54000026");
        ccgs.Single(c => c.Code == "E38000020").Successor.ShouldBe("E38000052");
        var share = await db.CcgCoverage.Where(c => c.Ccg.Code == "E38000007" && c.Council.Code == "E07000066").Select(c => new { c.LsoaCount, c.Share }).SingleAsync();
        (share.LsoaCount, share.Share).ShouldBe((110, 0.7051m));

        // Linking again changes nothing: no version bump, same rows.
        var versions = ccgs.ToDictionary(c => c.Code, c => c.Version);
        await new ReferenceDataLoader(db).LinkHealthGeographyAsync(TestData.ReferenceFolder);
        (await db.CcgCoverage.CountAsync()).ShouldBe(353);
        (await db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.CCG).ToDictionaryAsync(o => o.Code, o => o.Version))
            .ShouldBe(versions);
    }

    [Fact]
    public async Task Linking_after_a_survey_import_gives_the_CCGs_their_ICBs_back()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        await new ReferenceDataLoader(db).LoadAsync(TestData.ReferenceFolder);

        // The import owns successors and sets them from merged_into, which is empty for CCGs not merged in 2020.
        (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        (await db.Organisations.CountAsync(o => o.Type == OrganisationType.CCG && o.SuccessorId == null)).ShouldBe(127);

        await new ReferenceDataLoader(db).LinkHealthGeographyAsync(TestData.ReferenceFolder);
        (await db.Organisations.CountAsync(o => o.Type == OrganisationType.CCG && o.Successor!.Type == OrganisationType.ICB)).ShouldBe(127);
    }
}
