using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Partnerships;

/// <summary>
/// Issue 16 §3 writes over real HTTP with real tokens: a partner records a joint commissioning partnership of three
/// councils and its contract; partners of other organisations are refused; stale versions are conflicts; concurrent
/// creates each get a key of their own; every change is in the audit log.
/// </summary>
public sealed class ContractWriteTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string Nottinghamshire = "E10000024";
    private const string Ashfield = "E07000170";
    private const string Bassetlaw = "E07000171";

    private const string CreatePartnership = """
        mutation RecordJointCommissioningGroup($input: CreatePartnershipInput!) { createPartnership(input: $input) {
          partnership { id code version kind lead { code } members { role organisation { code } } } errors { code field message } } }
        """;

    private const string CreateContract = """
        mutation RecordContract($input: CreateContractInput!) { createContract(input: $input) {
          contract { id code version title leadCommissioner { code } coCommissioners { code } serviceTypes { code } annualValueGbp latestPossibleEndDate isJoint }
          errors { code field message } } }
        """;

    private const string UpdateContract = """
        mutation ($input: UpdateContractInput!) { updateContract(input: $input) { contract { version title coCommissioners { code } } errors { code field } } }
        """;

    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    private string PartnerToken(string organisation) => api.Token(Roles.Partner, organisation);

    private static object NewContract(string title, string lead, params string[] co) => new
    {
        input = new
        {
            title,
            providerId = Id("Organisation", "X-PRV-001"),
            leadCommissionerId = Id("Organisation", lead),
            coCommissionerIds = co.Select(c => Id("Organisation", c)).ToArray(),
            serviceTypes = new[] { "REFUGE", "IDVA" },
            startDate = "2022-04-01",
            endDate = "2025-03-31",
            annualValueGbp = 1_250_000.50m,
            extensionPattern = "3+1+1",
            refugeUnits = 12,
        },
    };

    [Fact]
    public async Task A_partner_records_a_joint_commissioning_partnership_of_three_councils_and_its_contract()
    {
        var token = PartnerToken(Nottinghamshire);
        var partnership = (await api.DataAsync(CreatePartnership, new
        {
            input = new
            {
                name = "Nottinghamshire Joint DA Commissioning Group",
                kind = "JOINT_COMMISSIONING_GROUP",
                leadId = Id("Organisation", Nottinghamshire),
                memberIds = new[] { Id("Organisation", Ashfield), Id("Organisation", Bassetlaw) },
                establishedOn = "2022-01-10",
            },
        }, token)).GetProperty("createPartnership");
        partnership.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var saved = partnership.GetProperty("partnership");
        saved.GetProperty("version").GetInt32().ShouldBe(0);
        saved.GetProperty("members").EnumerateArray().Select(m => $"{m.GetProperty("role").GetString()} {m.GetProperty("organisation").GetProperty("code").GetString()}")
            .Order(StringComparer.Ordinal).ShouldBe([$"LEAD {Nottinghamshire}", $"MEMBER {Ashfield}", $"MEMBER {Bassetlaw}"]);

        var contract = (await api.DataAsync(CreateContract, NewContract("Nottinghamshire refuge and IDVA service", Nottinghamshire, Ashfield, Bassetlaw), token))
            .GetProperty("createContract");
        contract.GetProperty("errors").GetArrayLength().ShouldBe(0);
        var c = contract.GetProperty("contract");
        c.GetProperty("code").GetString()!.ShouldStartWith("K-");
        c.GetProperty("isJoint").GetBoolean().ShouldBeTrue();
        c.GetProperty("annualValueGbp").GetDecimal().ShouldBe(1_250_000.50m);
        c.GetProperty("latestPossibleEndDate").GetString().ShouldBe("2027-03-31");
        c.GetProperty("serviceTypes").EnumerateArray().Select(s => s.GetProperty("code").GetString()).Order(StringComparer.Ordinal).ShouldBe(["IDVA", "REFUGE"]);

        // Found again through the new filters, the stored latest possible end date included.
        var found = await api.DataAsync("""
            query ($code: String) { partnerships(where: { members: { some: { organisation: { code: { eq: "E07000171" } } } }, kind: { eq: JOINT_COMMISSIONING_GROUP } }) { nodes { code } }
              contracts(where: { commissioners: { some: { code: { eq: "E07000170" } } }, latestPossibleEndDate: { eq: "2027-03-31" } }) { nodes { code } }
              auditLog(where: { entityKey: { eq: $code } }) { nodes { action entityType actor } } }
            """, new { code = c.GetProperty("code").GetString() }, api.OfficeToken);
        found.GetProperty("partnerships").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ShouldContain(saved.GetProperty("code").GetString());
        found.GetProperty("contracts").GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()).ShouldContain(c.GetProperty("code").GetString());
        var audit = found.GetProperty("auditLog").GetProperty("nodes").EnumerateArray().Single();
        audit.GetProperty("action").GetString().ShouldBe("create");
        audit.GetProperty("entityType").GetString().ShouldBe("Contract");
        audit.GetProperty("actor").GetString()!.ShouldEndWith("@" + Nottinghamshire);
    }

    [Fact]
    public async Task A_partner_of_another_organisation_is_refused_and_nothing_is_written()
    {
        var before = (await api.DataAsync("{ contracts { totalCount } partnerships { totalCount } }")).GetRawText();

        var contract = await api.QueryAsync(CreateContract, NewContract("Someone else's contract", Ashfield), token: PartnerToken(Bassetlaw));
        var update = await api.QueryAsync(UpdateContract, new { input = new { id = Id("Contract", "K0001"), version = 0, title = "Taken over" } }, token: PartnerToken(Bassetlaw));
        var member = await api.QueryAsync("""
            mutation ($input: PartnershipMemberInput!) { addPartnershipMember(input: $input) { partnership { code } errors { code } } }
            """, new { input = new { partnershipId = Id("Partnership", "P0001"), version = 0, organisationId = Id("Organisation", Bassetlaw) } }, token: PartnerToken(Bassetlaw));
        var government = await api.QueryAsync(CreateContract, NewContract("A government contract", Ashfield), token: api.Token(Roles.Government));

        foreach (var (body, field) in new[] { (contract, "createContract"), (update, "updateContract"), (member, "addPartnershipMember"), (government, "createContract") })
        {
            body.GetProperty("data").GetProperty(field).ValueKind.ShouldBe(JsonValueKind.Null);
            body.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("FORBIDDEN");
        }
        (await api.DataAsync("{ contracts { totalCount } partnerships { totalCount } }")).GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task A_co_commissioner_may_change_a_contract_and_a_stale_version_is_a_conflict()
    {
        // K0002: lead E06000001 (Hartlepool), co-commissioner E23000013 (its police and crime commissioner).
        var first = (await api.DataAsync(UpdateContract, new { input = new { id = Id("Contract", "K0002"), version = 0, title = "Renamed by the commissioner" } }, PartnerToken("E23000013")))
            .GetProperty("updateContract");
        first.GetProperty("errors").GetArrayLength().ShouldBe(0);
        first.GetProperty("contract").GetProperty("version").GetInt32().ShouldBe(1);

        var stale = (await api.DataAsync(UpdateContract, new { input = new { id = Id("Contract", "K0002"), version = 0, title = "Lost update" } }, api.OfficeToken))
            .GetProperty("updateContract");
        stale.GetProperty("contract").ValueKind.ShouldBe(JsonValueKind.Null);
        stale.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("CONFLICT");

        // A change to the co-commissioners alone moves the version too.
        var co = (await api.DataAsync(UpdateContract, new { input = new { id = Id("Contract", "K0002"), version = 1, coCommissionerIds = Array.Empty<string>() } }, api.OfficeToken))
            .GetProperty("updateContract");
        co.GetProperty("errors").GetArrayLength().ShouldBe(0);
        co.GetProperty("contract").GetProperty("version").GetInt32().ShouldBe(2);
        co.GetProperty("contract").GetProperty("coCommissioners").GetArrayLength().ShouldBe(0);
        co.GetProperty("contract").GetProperty("title").GetString().ShouldBe("Renamed by the commissioner");
    }

    [Fact]
    public async Task Partnership_members_move_the_version_and_the_lead_stays()
    {
        const string Member = """
            mutation ($input: PartnershipMemberInput!) { add: addPartnershipMember(input: $input) { partnership { version members { organisation { code } } } errors { code } } }
            """;
        const string Remove = """
            mutation ($input: PartnershipMemberInput!) { removePartnershipMember(input: $input) { partnership { version } errors { code field } } }
            """;
        var token = PartnerToken("E06000002"); // P0002 is Middlesbrough's board
        var added = (await api.DataAsync(Member, new { input = new { partnershipId = Id("Partnership", "P0002"), version = 0, organisationId = Id("Organisation", "E06000003") } }, token)).GetProperty("add");
        added.GetProperty("errors").GetArrayLength().ShouldBe(0);
        added.GetProperty("partnership").GetProperty("version").GetInt32().ShouldBe(1);

        var again = (await api.DataAsync(Member, new { input = new { partnershipId = Id("Partnership", "P0002"), version = 1, organisationId = Id("Organisation", "E06000003") } }, token)).GetProperty("add");
        again.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("DUPLICATE");
        var stale = (await api.DataAsync(Remove, new { input = new { partnershipId = Id("Partnership", "P0002"), version = 0, organisationId = Id("Organisation", "E06000003") } }, token)).GetProperty("removePartnershipMember");
        stale.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("CONFLICT");
        var lead = (await api.DataAsync(Remove, new { input = new { partnershipId = Id("Partnership", "P0002"), version = 1, organisationId = Id("Organisation", "E06000002") } }, token)).GetProperty("removePartnershipMember");
        lead.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("VALIDATION");
        var removed = (await api.DataAsync(Remove, new { input = new { partnershipId = Id("Partnership", "P0002"), version = 1, organisationId = Id("Organisation", "E06000003") } }, token)).GetProperty("removePartnershipMember");
        removed.GetProperty("errors").GetArrayLength().ShouldBe(0);
        removed.GetProperty("partnership").GetProperty("version").GetInt32().ShouldBe(2);
    }

    [Fact]
    public async Task Bad_input_gets_every_user_error_and_nothing_is_written()
    {
        var before = (await api.DataAsync("{ contracts { totalCount } }")).GetRawText();

        var body = (await api.DataAsync(CreateContract, new
        {
            input = new
            {
                title = " ",
                providerId = Id("Organisation", "X-NOPE"),
                leadCommissionerId = Id("Organisation", Ashfield),
                coCommissionerIds = new[] { Id("Organisation", Ashfield) },
                serviceTypes = new[] { "NOT_A_SERVICE" },
                startDate = "2024-01-01",
                endDate = "2023-01-01",
                annualValueGbp = 10.001m,
                extensionPattern = "two+one",
            },
        }, api.OfficeToken)).GetProperty("createContract");

        body.GetProperty("contract").ValueKind.ShouldBe(JsonValueKind.Null);
        body.GetProperty("errors").EnumerateArray().Select(e => $"{e.GetProperty("code").GetString()} {e.GetProperty("field")[1].GetString()}").Order(StringComparer.Ordinal)
            .ShouldBe(["NOT_FOUND providerId", "NOT_FOUND serviceTypes", "VALIDATION annualValueGbp", "VALIDATION coCommissionerIds", "VALIDATION endDate", "VALIDATION extensionPattern", "VALIDATION title"]);
        (await api.DataAsync("{ contracts { totalCount } }")).GetRawText().ShouldBe(before);
    }

    [Fact]
    public async Task Simultaneous_creates_each_get_a_contract_of_their_own()
    {
        var before = (await api.DataAsync("{ contracts { totalCount } }")).GetProperty("contracts").GetProperty("totalCount").GetInt32();

        var results = await Task.WhenAll(Enumerable.Range(1, 6).Select(i =>
            api.DataAsync(CreateContract, NewContract($"Concurrent contract {i}", Nottinghamshire), PartnerToken(Nottinghamshire))));

        var codes = results.Select(r => r.GetProperty("createContract").GetProperty("contract").GetProperty("code").GetString()).ToList();
        codes.ShouldBeUnique();
        codes.Count.ShouldBe(6);
        (await api.DataAsync("{ contracts { totalCount } }")).GetProperty("contracts").GetProperty("totalCount").GetInt32().ShouldBe(before + 6);
    }

    [Fact]
    public async Task Removing_a_contract_and_a_partnership_needs_the_current_version()
    {
        var token = PartnerToken(Nottinghamshire);
        var created = (await api.DataAsync(CreateContract, NewContract("To be removed", Nottinghamshire), token)).GetProperty("createContract").GetProperty("contract");
        const string Remove = "mutation ($input: VersionedInput!) { removeContract(input: $input) { removedId errors { code } } }";

        var stale = (await api.DataAsync(Remove, new { input = new { id = created.GetProperty("id").GetString(), version = 5 } }, token)).GetProperty("removeContract");
        stale.GetProperty("errors")[0].GetProperty("code").GetString().ShouldBe("CONFLICT");
        var removed = (await api.DataAsync(Remove, new { input = new { id = created.GetProperty("id").GetString(), version = 0 } }, token)).GetProperty("removeContract");
        removed.GetProperty("removedId").GetString().ShouldBe(created.GetProperty("id").GetString());
        (await api.DataAsync("query ($id: ID!) { node(id: $id) { id } }", new { id = created.GetProperty("id").GetString() })).GetProperty("node").ValueKind.ShouldBe(JsonValueKind.Null);

        var partnership = (await api.DataAsync("""
            mutation ($input: VersionedInput!) { removePartnership(input: $input) { removedId errors { code } } }
            """, new { input = new { id = Id("Partnership", "P0003"), version = 0 } }, api.OfficeToken)).GetProperty("removePartnership");
        partnership.GetProperty("removedId").GetString().ShouldBe(Id("Partnership", "P0003"));
    }
}
