using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Model;

/// <summary>Every entity saved through one context and read back through another, on a real database file/server.</summary>
public sealed class RoundTripTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Every_entity_reads_back_as_it_was_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);

        await using (var db = database.NewContext())
        {
            var pcc = new Organisation { Code = "E23000099", Name = "Test PCC", Type = OrganisationType.PCC, InScope = true };
            var county = new Organisation { Code = "E10000099", Name = "Testshire County Council", Type = OrganisationType.LOCAL_AUTHORITY, CouncilTier = CouncilTier.COUNTY, InScope = true, PoliceForceArea = pcc };
            var district = new Organisation
            {
                Code = "E07000999",
                Name = "Testford District Council",
                Type = OrganisationType.LOCAL_AUTHORITY,
                CouncilTier = CouncilTier.DISTRICT,
                County = county,
                PoliceForceArea = pcc,
                Region = "South East",
                Population = 123_456,
                CentralEmail = "enquiries@testford.example",
                PostalAddress = "1 High Street, Testford",
                InScope = true,
                CommissioningDelegatedTo = county,
            };
            var oldCcg = new Organisation { Code = "E38000998", Name = "Old CCG", Type = OrganisationType.CCG };
            var newCcg = new Organisation { Code = "E38000999", Name = "New CCG", Type = OrganisationType.CCG };
            oldCcg.Successor = newCcg;
            var icb = new Organisation { Code = "E54000099", Name = "Test ICB", Type = OrganisationType.ICB };
            var provider1 = new Organisation { Code = "X-PRV-999", Name = "Test Refuge", Type = OrganisationType.PROVIDER };
            var other = new Organisation { Code = "X-OTH-999", Name = "Other Body", Type = OrganisationType.OTHER };
            var department = new Department { Organisation = district, Name = "Community Safety Team", Category = DepartmentCategory.COMMUNITY_SAFETY };
            var round = new SurveyRound { Code = "TEST-2026", Title = "Test round", OpensOn = new DateOnly(2026, 1, 5), ClosesOn = new DateOnly(2026, 3, 31) };
            var idva = new ServiceType { Code = "IDVA", Name = "IDVA service", Category = "ADVOCACY" };
            var refuge = new ServiceType { Code = "REFUGE", Name = "Refuge", Category = "ACCOMMODATION" };
            var response = new SurveyResponse
            {
                SurveyRound = round,
                Key = "R9001",
                Organisation = district,
                SubmittedOn = new DateOnly(2026, 2, 14),
                Focus = ResponseFocus.VAWG,
                JointCommissioningGroup = JointCommissioningGroupAnswer.UNSURE,
                LeadAnswers = [new() { Answer = LeadAnswer.LEAD_IN_DIFFERENT_DEPARTMENT }, new() { Answer = LeadAnswer.UNSURE }],
                LeadDepartment = department,
                Activities = [new() { Activity = CommissioningActivity.MARACS }, new() { Activity = CommissioningActivity.DA_FORUMS }],
                OtherActivities = "Training",
                Comments = "None",
                ConsentPartners = true,
                ConsentGovernment = false,
                ConsentVoluntarySector = null,
                StaffLines = [new() { LineNo = 1, Responsibility = StaffResponsibility.COORDINATOR, Seniority = Seniority.OFFICER, Fte = 0.1234m }],
                Services = [new() { ServiceType = idva, Commissioning = CommissioningArrangement.JOINT, WomenOnly = true }],
            };
            var manager = new Contact { Key = "C99001", Organisation = district, Role = ContactRole.MANAGER, FullName = "Ana Testing", Seniority = Seniority.DIRECTOR };
            var contact = new Contact
            {
                Key = "C99002",
                Organisation = district,
                Response = response,
                Role = ContactRole.COMMISSIONER,
                Department = department,
                Seniority = Seniority.OFFICER,
                Manager = manager,
                FullName = "Zoë  Ñúñez-Test",
                JobTitle = "DA Commissioner",
                Email = "zoe.test@testford.example",
                Phone = "01632 960999",
                PostalAddress = "1 High Street, Testford",
                LastVerifiedOn = new DateOnly(2026, 11, 1),
                Note = "Fictional",
            };
            var contract = new Contract
            {
                Key = "K9001",
                Title = "Refuge contract",
                Provider = provider1,
                LeadCommissioner = district,
                CoCommissioners = [new() { Organisation = county }, new() { Organisation = pcc }],
                ServiceTypes = [new() { ServiceType = refuge }, new() { ServiceType = idva }],
                StartOn = new DateOnly(2025, 4, 1),
                EndOn = new DateOnly(2028, 3, 31),
                AnnualValue = 1_234_567.89m,
                ExtensionPattern = "2+1",
                RefugeUnits = 12,
            };
            var partnership = new Partnership
            {
                Key = "P9001",
                Name = "Testshire DA Local Partnership Board",
                Kind = PartnershipKind.LOCAL_PARTNERSHIP_BOARD,
                LeadOrganisation = county,
                EstablishedOn = new DateOnly(2021, 10, 1),
                Members = [new() { Organisation = county, Role = PartnershipRole.LEAD }, new() { Organisation = district, Role = PartnershipRole.MEMBER }],
            };
            db.AddRange(pcc, county, district, oldCcg, newCcg, icb, provider1, other, department, round, idva, refuge, response, manager, contact, contract, partnership);
            db.AuditLog.Add(new AuditEntry { Actor = "tester", Action = "create", EntityType = "Contact", EntityKey = "C99002", Details = """{"field":"value"}""", OccurredAt = new DateTime(2026, 11, 22, 8, 0, 0, DateTimeKind.Utc) });
            await TestData.SaveInWriteTransactionAsync(db);
        }

        await using var check = database.NewContext();
        var d = await check.Organisations.Include(o => o.County).Include(o => o.PoliceForceArea).Include(o => o.CommissioningDelegatedTo)
            .SingleAsync(o => o.Code == "E07000999");
        (d.Name, d.Type, d.CouncilTier, d.Region, d.Population, d.CentralEmail, d.PostalAddress, d.InScope)
            .ShouldBe(("Testford District Council", OrganisationType.LOCAL_AUTHORITY, (CouncilTier?)CouncilTier.DISTRICT, (string?)"South East", (int?)123_456, (string?)"enquiries@testford.example", (string?)"1 High Street, Testford", true));
        d.County!.Code.ShouldBe("E10000099");
        d.PoliceForceArea!.Code.ShouldBe("E23000099");
        d.CommissioningDelegatedTo!.Code.ShouldBe("E10000099");
        (await check.Organisations.Include(o => o.Successor).SingleAsync(o => o.Code == "E38000998")).Successor!.Code.ShouldBe("E38000999");
        (await check.Organisations.SingleAsync(o => o.Code == "E54000099")).Type.ShouldBe(OrganisationType.ICB);
        (await check.Organisations.SingleAsync(o => o.Code == "X-OTH-999")).Type.ShouldBe(OrganisationType.OTHER);

        var dept = await check.Departments.SingleAsync();
        (dept.Name, dept.Category, dept.OrganisationId).ShouldBe(("Community Safety Team", (DepartmentCategory?)DepartmentCategory.COMMUNITY_SAFETY, d.Id));

        var c = await check.Contacts.Include(x => x.Manager).Include(x => x.Response).Include(x => x.Department).SingleAsync(x => x.Key == "C99002");
        (c.Role, c.Seniority, c.FullName, c.JobTitle, c.Email, c.Phone, c.PostalAddress, c.LastVerifiedOn, c.Note)
            .ShouldBe((ContactRole.COMMISSIONER, (Seniority?)Seniority.OFFICER, "Zoë  Ñúñez-Test", (string?)"DA Commissioner", (string?)"zoe.test@testford.example", (string?)"01632 960999", (string?)"1 High Street, Testford", (DateOnly?)new DateOnly(2026, 11, 1), (string?)"Fictional"));
        c.Manager!.Key.ShouldBe("C99001");
        c.Response!.Key.ShouldBe("R9001");
        c.Department!.Name.ShouldBe("Community Safety Team");
        c.SearchText.ShouldBe("zoe nunez-test da commissioner zoe.test@testford.example");

        var storedRound = await check.SurveyRounds.SingleAsync();
        (storedRound.Code, storedRound.Title, storedRound.OpensOn, storedRound.ClosesOn).ShouldBe(("TEST-2026", "Test round", (DateOnly?)new DateOnly(2026, 1, 5), (DateOnly?)new DateOnly(2026, 3, 31)));

        var r = await check.SurveyResponses.Include(x => x.LeadAnswers).Include(x => x.Activities).Include(x => x.StaffLines)
            .Include(x => x.Services).ThenInclude(s => s.ServiceType).Include(x => x.LeadDepartment).SingleAsync();
        (r.Key, r.OrganisationId, r.SubmittedOn, r.Focus, r.JointCommissioningGroup, r.OtherActivities, r.Comments)
            .ShouldBe(("R9001", d.Id, (DateOnly?)new DateOnly(2026, 2, 14), (ResponseFocus?)ResponseFocus.VAWG, (JointCommissioningGroupAnswer?)JointCommissioningGroupAnswer.UNSURE, (string?)"Training", (string?)"None"));
        (r.ConsentPartners, r.ConsentGovernment, r.ConsentVoluntarySector).ShouldBe(((bool?)true, (bool?)false, (bool?)null));
        r.LeadAnswers.Select(a => a.Answer).Order().ShouldBe([LeadAnswer.LEAD_IN_DIFFERENT_DEPARTMENT, LeadAnswer.UNSURE]);
        r.Activities.Select(a => a.Activity).Order().ShouldBe([CommissioningActivity.DA_FORUMS, CommissioningActivity.MARACS]);
        r.LeadDepartment!.Name.ShouldBe("Community Safety Team");
        var staff = r.StaffLines.Single();
        (staff.LineNo, staff.Responsibility, staff.Seniority, staff.Fte).ShouldBe((1, StaffResponsibility.COORDINATOR, (Seniority?)Seniority.OFFICER, 0.1234m));
        var service = r.Services.Single();
        (service.ServiceType.Code, service.Commissioning, service.WomenOnly).ShouldBe(("IDVA", CommissioningArrangement.JOINT, true));

        var types = await check.ServiceTypes.OrderBy(s => s.Code).ToListAsync();
        types.Select(t => (t.Code, t.Name, t.Category)).ShouldBe([("IDVA", "IDVA service", "ADVOCACY"), ("REFUGE", "Refuge", "ACCOMMODATION")]);

        var k = await check.Contracts.Include(x => x.Provider).Include(x => x.LeadCommissioner).Include(x => x.CoCommissioners).ThenInclude(x => x.Organisation)
            .Include(x => x.ServiceTypes).ThenInclude(x => x.ServiceType).SingleAsync();
        (k.Key, k.Title, k.Provider.Code, k.LeadCommissioner.Code, k.StartOn, k.EndOn, k.AnnualValue, k.ExtensionPattern, k.RefugeUnits)
            .ShouldBe(("K9001", "Refuge contract", "X-PRV-999", "E07000999", (DateOnly?)new DateOnly(2025, 4, 1), (DateOnly?)new DateOnly(2028, 3, 31), (decimal?)1_234_567.89m, (string?)"2+1", (int?)12));
        k.CoCommissioners.Select(x => x.Organisation.Code).Order().ShouldBe(["E10000099", "E23000099"]);
        k.ServiceTypes.Select(x => x.ServiceType.Code).Order().ShouldBe(["IDVA", "REFUGE"]);

        var p = await check.Partnerships.Include(x => x.LeadOrganisation).Include(x => x.Members).ThenInclude(m => m.Organisation).SingleAsync();
        (p.Key, p.Name, p.Kind, p.LeadOrganisation.Code, p.EstablishedOn)
            .ShouldBe(("P9001", "Testshire DA Local Partnership Board", PartnershipKind.LOCAL_PARTNERSHIP_BOARD, "E10000099", (DateOnly?)new DateOnly(2021, 10, 1)));
        p.Members.OrderBy(m => m.Organisation.Code).Select(m => (m.Organisation.Code, m.Role)).ShouldBe([("E07000999", PartnershipRole.MEMBER), ("E10000099", PartnershipRole.LEAD)]);

        var audit = await check.AuditLog.SingleAsync();
        (audit.Actor, audit.Action, audit.EntityType, audit.EntityKey, audit.Details, audit.OccurredAt)
            .ShouldBe(("tester", "create", "Contact", "C99002", (string?)"""{"field":"value"}""", new DateTime(2026, 11, 22, 8, 0, 0)));

        // New rows start at version 0 everywhere.
        (await check.Organisations.AllAsync(o => o.Version == 0)).ShouldBeTrue();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Enums_are_stored_as_their_names(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        db.Organisations.Add(new Organisation { Code = "E06000999", Name = "Test", Type = OrganisationType.LOCAL_AUTHORITY, CouncilTier = CouncilTier.LONDON_BOROUGH });
        await db.SaveChangesAsync();

        var stored = await db.Database.SqlQueryRaw<string>("SELECT type || '/' || council_tier AS \"Value\" FROM organisations").SingleAsync();

        stored.ShouldBe("LOCAL_AUTHORITY/LONDON_BOROUGH");
    }
}
