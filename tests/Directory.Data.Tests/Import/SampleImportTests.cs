using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Import;

/// <summary>Importing the bundled sample survey: what lands in the database, and re-importing it.</summary>
public sealed class SampleImportTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sample_import_inserts_one_row_per_csv_row(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();

        var result = await new SurveyImporter(db).ImportAsync(TestData.SampleFolder);

        result.Problems.ShouldBeEmpty();
        result.Succeeded.ShouldBeTrue();
        var inserted = result.Counts.ToDictionary(c => c.Entity, c => c.Inserted);
        inserted["ServiceTypes"].ShouldBe(TestData.RowCount("service_types.csv"));
        inserted["Organisations"].ShouldBe(TestData.RowCount("organisations.csv"));
        inserted["Responses"].ShouldBe(TestData.RowCount("responses.csv"));
        inserted["Contacts"].ShouldBe(TestData.RowCount("contacts.csv"));
        inserted["StaffLines"].ShouldBe(TestData.RowCount("staff.csv"));
        inserted["ServicesCommissioned"].ShouldBe(TestData.RowCount("services.csv"));
        inserted["Contracts"].ShouldBe(TestData.RowCount("contracts.csv"));
        inserted["Partnerships"].ShouldBe(TestData.RowCount("partnerships.csv"));
        inserted["PartnershipMembers"].ShouldBe(TestData.RowCount("partnership_members.csv"));
        inserted["SurveyRounds"].ShouldBe(1);
        result.Counts.ShouldAllBe(c => c.Updated == 0 && c.Unchanged == 0);

        await using var check = database.NewContext();
        (await check.Organisations.CountAsync()).ShouldBe(TestData.RowCount("organisations.csv"));
        (await check.Contacts.CountAsync()).ShouldBe(TestData.RowCount("contacts.csv"));
        (await check.StaffLines.CountAsync()).ShouldBe(TestData.RowCount("staff.csv"));
        (await check.ServicesCommissioned.CountAsync()).ShouldBe(TestData.RowCount("services.csv"));
        (await check.PartnershipMembers.CountAsync()).ShouldBe(TestData.RowCount("partnership_members.csv"));
        (await check.Organisations.CountAsync(o => o.InScope && o.Type == OrganisationType.LOCAL_AUTHORITY)).ShouldBe(334);
        (await check.Organisations.CountAsync(o => o.InScope && o.Type == OrganisationType.PCC)).ShouldBe(43);
        (await check.Organisations.CountAsync(o => o.InScope && o.Type == OrganisationType.CCG)).ShouldBe(127);
        (await check.AuditLog.SingleAsync()).EntityKey.ShouldBe("STADV-2020");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Sample_rows_keep_their_values_and_references(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        await using var check = database.NewContext();

        // organisations.csv line 2 and contacts.csv lines 2-3 of the sample.
        var hartlepool = await check.Organisations.Include(o => o.PoliceForceArea).SingleAsync(o => o.Code == "E06000001");
        hartlepool.Name.ShouldBe("Hartlepool Borough Council");
        hartlepool.CouncilTier.ShouldBe(CouncilTier.UNITARY);
        hartlepool.Population.ShouldBe(93836);
        hartlepool.PoliceForceArea!.Code.ShouldBe("E23000013");
        hartlepool.InScope.ShouldBeTrue();

        var commissioner = await check.Contacts.Include(c => c.Manager).Include(c => c.Department).Include(c => c.Response)
            .SingleAsync(c => c.Key == "C00002");
        commissioner.Role.ShouldBe(ContactRole.COMMISSIONER);
        commissioner.Manager!.Key.ShouldBe("C00001");
        commissioner.Department!.Name.ShouldBe("Health and Wellbeing");
        commissioner.Department.Category.ShouldBe(DepartmentCategory.PUBLIC_HEALTH);
        commissioner.Response!.Key.ShouldBe("R0001");
        commissioner.SearchText.ShouldStartWith("alan james ");

        var response = await check.SurveyResponses.Include(r => r.Activities).Include(r => r.LeadAnswers).Include(r => r.StaffLines)
            .SingleAsync(r => r.Key == "R0001");
        response.Activities.Select(a => a.Activity).Order().ShouldBe([CommissioningActivity.STRATEGIC_BOARDS, CommissioningActivity.CONTRACT_MANAGEMENT]);
        response.LeadAnswers.Select(a => a.Answer).ShouldBe([LeadAnswer.RESPONDENT_IS_LEAD]);
        response.StaffLines.OrderBy(s => s.LineNo).Select(s => s.Fte).ShouldBe([0.25m, 0.75m]);
        response.ConsentPartners.ShouldBe(true);

        var contract = await check.Contracts.Include(c => c.ServiceTypes).ThenInclude(s => s.ServiceType).Include(c => c.CoCommissioners)
            .ThenInclude(c => c.Organisation).SingleAsync(c => c.Key == "K0001");
        contract.AnnualValue.ShouldBe(936000m);
        contract.ServiceTypes.Select(s => s.ServiceType.Code).Order().ShouldBe(["CJ_SUPPORT", "HELPLINE", "RAPE_CRISIS"]);
        contract.CoCommissioners.Single().Organisation.Code.ShouldBe("E23000013");

        var round = await check.SurveyRounds.SingleAsync();
        round.Code.ShouldBe("STADV-2020");
        round.OpensOn.ShouldNotBeNull();
        round.ClosesOn.ShouldNotBeNull();
        round.OpensOn!.Value.ShouldBeLessThanOrEqualTo(round.ClosesOn!.Value);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Reimporting_the_same_folder_changes_nothing(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        var before = await database.DumpAsync();
        ImportResult again;
        await using (var db = database.NewContext())
        {
            again = await new SurveyImporter(db).ImportAsync(TestData.SampleFolder);
        }

        again.Succeeded.ShouldBeTrue();
        again.ChangedAnything.ShouldBeFalse();
        again.Counts.ShouldAllBe(c => c.Inserted == 0 && c.Updated == 0 && c.Unchanged > 0);
        again.Counts.Single(c => c.Entity == "Contacts").Unchanged.ShouldBe(TestData.RowCount("contacts.csv"));
        (await database.DumpAsync()).ShouldBe(before); // same rows, same versions, no new audit entry
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_corrected_folder_updates_rows_in_place(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        int contactId;
        await using (var db = database.NewContext())
        {
            contactId = (await db.Contacts.SingleAsync(c => c.Key == "C00002")).Id;
        }

        using var corrected = TestData.CopyOfSample();
        corrected.ReplaceOnLine("contacts.csv", 3, "Public Health Officer", "Domestic Abuse Commissioning Officer");
        corrected.ReplaceOnLine("staff.csv", 2, "0.25", "0.3");
        corrected.ReplaceOnLine("responses.csv", 2, "STRATEGIC_BOARDS;CONTRACT_MANAGEMENT", "STRATEGIC_BOARDS;MARACS");
        corrected.ReplaceOnLine("contracts.csv", 2, "936000", "936000.50");
        corrected.RemoveLine("services.csv", 3);              // R0001 no longer commissions DA_COORDINATOR
        corrected.RemoveLine("partnership_members.csv", 3);   // P0001 loses member E23000013

        ImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new SurveyImporter(db).ImportAsync(corrected.Path);
        }

        result.Problems.ShouldBeEmpty();
        var updated = result.Counts.Where(c => c.Updated > 0).Select(c => $"{c.Entity}={c.Updated}").Order();
        updated.ShouldBe(["Contacts=1", "Contracts=1", "Responses=1", "StaffLines=1"]);
        result.Counts.ShouldAllBe(c => c.Inserted == 0);
        result.Counts.Where(c => c.Deleted > 0).Select(c => $"{c.Entity}={c.Deleted}").Order().ShouldBe(["PartnershipMembers=1", "ServicesCommissioned=1"]);

        await using var check = database.NewContext();
        var contact = await check.Contacts.SingleAsync(c => c.Key == "C00002");
        contact.Id.ShouldBe(contactId);
        contact.JobTitle.ShouldBe("Domestic Abuse Commissioning Officer");
        contact.Version.ShouldBe(1);
        contact.SearchText.ShouldContain("domestic abuse commissioning officer");
        (await check.Contacts.SingleAsync(c => c.Key == "C00001")).Version.ShouldBe(0);
        var staff = await check.StaffLines.SingleAsync(s => s.Response.Key == "R0001" && s.LineNo == 1);
        staff.Fte.ShouldBe(0.3m);
        staff.Version.ShouldBe(1);
        var response = await check.SurveyResponses.Include(r => r.Activities).SingleAsync(r => r.Key == "R0001");
        response.Activities.Select(a => a.Activity).Order().ShouldBe([CommissioningActivity.STRATEGIC_BOARDS, CommissioningActivity.MARACS]);
        response.Version.ShouldBe(1);
        (await check.Contracts.SingleAsync(c => c.Key == "K0001")).AnnualValue.ShouldBe(936000.50m);
        (await check.ServicesCommissioned.CountAsync(s => s.Response.Key == "R0001" && s.ServiceType.Code == "DA_COORDINATOR")).ShouldBe(0);
        (await check.ServicesCommissioned.CountAsync()).ShouldBe(TestData.RowCount("services.csv") - 1);
        (await check.PartnershipMembers.CountAsync(m => m.Partnership.Key == "P0001" && m.Organisation.Code == "E23000013")).ShouldBe(0);
        (await check.PartnershipMembers.CountAsync()).ShouldBe(TestData.RowCount("partnership_members.csv") - 1);
        (await check.AuditLog.CountAsync()).ShouldBe(2);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_whose_values_and_references_both_change_goes_up_one_version(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        // One change each, made of a value and a reference: the import used to set references in a second save and
        // so raised these rows' versions twice.
        using var corrected = TestData.CopyOfSample();
        corrected.ReplaceOnLine("organisations.csv", 2, "Hartlepool Borough Council", "Hartlepool Borough Council (renamed)");
        corrected.ReplaceOnLine("organisations.csv", 2, ",E23000013,", ",E23000002,");
        corrected.ReplaceOnLine("contacts.csv", 3, "Public Health Officer", "Domestic Abuse Commissioning Officer");
        corrected.ReplaceOnLine("contacts.csv", 3, ",C00001,", ",,");

        ImportResult result;
        await using (var db = database.NewContext())
        {
            result = await new SurveyImporter(db).ImportAsync(corrected.Path);
        }

        result.Problems.ShouldBeEmpty();
        result.Counts.Where(c => c.Updated > 0).Select(c => $"{c.Entity}={c.Updated}").Order().ShouldBe(["Contacts=1", "Organisations=1"]);
        await using var check = database.NewContext();
        var organisation = await check.Organisations.Include(o => o.PoliceForceArea).SingleAsync(o => o.Code == "E06000001");
        organisation.PoliceForceArea!.Code.ShouldBe("E23000002");
        organisation.Version.ShouldBe(1);
        var contact = await check.Contacts.SingleAsync(c => c.Key == "C00002");
        contact.ManagerId.ShouldBeNull();
        contact.Version.ShouldBe(1);
    }
}
