using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.Paging;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// A search's <c>totalCount</c> is kept for the data version (<see cref="TotalCountCache"/>): asked again it is not
/// counted again, and after any write the next total is the count of the data as it is then, for each caller's
/// visibility — counting again only the organisations the write changed where the audit log names them, everything
/// where it cannot (an erasure, an import). Checked against today's count (<see cref="ContactResolvers.Query"/>
/// counted directly) through the real endpoint on a real SQLite file and a real PostgreSQL database.
/// </summary>
public sealed class TotalCountCacheTests(PagePlanTests.CommandLogApi api, PostgresDirectoryApiFactory postgres)
    : IClassFixture<PagePlanTests.CommandLogApi>, IClassFixture<PostgresDirectoryApiFactory>
{
    private const string Search = "council";

    // Every role, the partner's organisation one whose contacts match the search.
    private static readonly (string Role, string? Organisation)[] EveryRole =
        [(Roles.CommissionerOffice, null), (Roles.Partner, "E10000024"), (Roles.Government, null), (Roles.VoluntarySector, null)];

    [Fact]
    public async Task A_repeated_search_counts_nothing_and_reads_the_data_version_in_its_page_s_command()
    {
        // The page by offset (the search's relevance order) carries the audit log's read: one command, one round trip,
        // and no COUNT.
        var first = await TotalAsync(api, api.OfficeToken);
        api.Commands.Clear();

        var again = await TotalAsync(api, api.OfficeToken);

        again.ShouldBe(first);
        var commands = string.Join("\n---\n", api.Commands);
        api.Commands.Count.ShouldBe(1, commands);
        api.Commands.Single().ShouldContain("audit_log", Case.Sensitive, commands);
        api.Commands.Single().ShouldContain("LIMIT", Case.Sensitive, commands);
        api.Commands.ShouldNotContain(c => c.Contains("COUNT(", StringComparison.Ordinal), commands);
    }

    [Fact]
    public async Task A_search_finding_nothing_keeps_its_total_of_zero_reading_the_version_on_its_own()
    {
        // An empty page carries no row to read the version from: it is read in a command of its own, and the total kept.
        const string Nothing = "query { contacts(search: \"zzqx nothing matches\", first: 25) { totalCount nodes { code } } }";
        (await api.DataAsync(Nothing, token: api.OfficeToken)).GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(0);
        api.Commands.Clear();

        (await api.DataAsync(Nothing, token: api.OfficeToken)).GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(0);

        var commands = string.Join("\n---\n", api.Commands);
        api.Commands.Count.ShouldBe(2, commands);
        api.Commands.ShouldNotContain(c => c.Contains("COUNT(", StringComparison.Ordinal), commands);
    }

    [Fact]
    public async Task The_first_search_after_a_write_finds_the_changed_organisation_by_code_and_recounts_it_in_one_command()
    {
        // The page, the audit entries since the kept total's version, then the changed organisation found by its code
        // and its matches counted in one command: three commands, where finding the organisation's id and counting made
        // four. Another factory's database: this one writes.
        await using var service = new PagePlanTests.CommandLogApi();
        var before = await TotalAsync(service, service.OfficeToken);
        var outsider = await OutsiderAsync(service);
        await RetitleAsync(service, outsider, outsider.GetProperty("version").GetInt32(), "Council liaison");
        var since = Counts(service);
        service.Commands.Clear();

        (await TotalAsync(service, service.OfficeToken)).ShouldBe(before + 1);

        var commands = string.Join("\n---\n", service.Commands);
        service.Commands.Count.ShouldBe(3, commands);
        service.Commands.First().ShouldContain("LIMIT", Case.Sensitive, commands);
        service.Commands.ElementAt(1).ShouldStartWith("SELECT \"a\".\"action\"", Case.Sensitive, commands);
        service.Commands.Last().ShouldContain("COUNT(", Case.Sensitive, commands);
        service.Commands.Last().ShouldContain("\"code\"", Case.Sensitive, commands);
        Counts(service).ShouldBe((since.Full, since.Incremental + 1));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_the_page_reads_a_single_change_since_the_kept_total_and_two_are_read_on_their_own()
    {
        // The page's command reads the first change since the kept total's version: when it is the only one, the audit
        // log is not read again (one round trip less); after two writes it is. The changed organisation, named by the
        // write this service made last, is counted in the page's command too (no recount command) when it is the only
        // one changed, after one write or two. Totals exact either way.
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        var totals = postgres.Services.GetRequiredService<TotalCountCache>();
        var before = await TotalAsync(postgres, postgres.OfficeToken);
        var outsider = await OutsiderAsync(postgres);
        var version = await RetitleAsync(postgres, outsider, outsider.GetProperty("version").GetInt32(), "Council liaison");
        var (since, reads, inPage) = (Counts(postgres), totals.ChangeReads, totals.RecountsInPage);

        (await TotalAsync(postgres, postgres.OfficeToken)).ShouldBe(before + 1);

        totals.ChangeReads.ShouldBe(reads, "a single change is read with the page");
        totals.RecountsInPage.ShouldBe(inPage + 1, "the changed organisation is counted in the page's command");
        Counts(postgres).ShouldBe((since.Full, since.Incremental + 1));

        version = await RetitleAsync(postgres, outsider, version, "Police liaison");
        await RetitleAsync(postgres, outsider, version, outsider.GetProperty("jobTitle").GetString());

        (await TotalAsync(postgres, postgres.OfficeToken)).ShouldBe(before);

        totals.ChangeReads.ShouldBe(reads + 1, "two changes are read on their own");
        totals.RecountsInPage.ShouldBe(inPage + 2, "both name the same organisation, counted in the page's command");
        Counts(postgres).ShouldBe((since.Full, since.Incremental + 2));
    }

    [SkippableFact]
    public async Task On_PostgreSQL_writes_to_two_organisations_recount_both_in_a_command_of_their_own()
    {
        // The page's command counts only the organisation the last write names; with another changed too, both are
        // counted again in the recount's own command, and the total is exact.
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        var totals = postgres.Services.GetRequiredService<TotalCountCache>();
        var before = await TotalAsync(postgres, postgres.OfficeToken);
        var outsiders = await OutsidersAsync(postgres);
        var first = outsiders[0];
        var second = outsiders.First(o => o.GetProperty("organisation").GetProperty("name").GetString() != first.GetProperty("organisation").GetProperty("name").GetString());
        var firstVersion = await RetitleAsync(postgres, first, first.GetProperty("version").GetInt32(), "Council liaison");
        var secondVersion = await RetitleAsync(postgres, second, second.GetProperty("version").GetInt32(), "Council officer");
        try
        {
            var (since, reads, inPage) = (Counts(postgres), totals.ChangeReads, totals.RecountsInPage);

            (await TotalAsync(postgres, postgres.OfficeToken)).ShouldBe(before + 2);

            totals.ChangeReads.ShouldBe(reads + 1);
            totals.RecountsInPage.ShouldBe(inPage, "two organisations changed: the page's count of one is not used");
            Counts(postgres).ShouldBe((since.Full, since.Incremental + 1));
        }
        finally
        {
            // The other tests of this database count "council" too.
            await RetitleAsync(postgres, first, firstVersion, first.GetProperty("jobTitle").GetString());
            await RetitleAsync(postgres, second, secondVersion, second.GetProperty("jobTitle").GetString());
        }
        (await TotalAsync(postgres, postgres.OfficeToken)).ShouldBe(before);
    }

    // The office sets a contact's job title; the contact's new version.
    private static async Task<int> RetitleAsync(DirectoryApiFactory api, JsonElement contact, int version, string? jobTitle) =>
        (await WriteAsync(api, "updateContact", "UpdateContactInput", "contact { version }",
            new { id = contact.GetProperty("id").GetString(), version, jobTitle })).GetProperty("contact").GetProperty("version").GetInt32();

    // A contact the search does not find (no "council" anywhere in it).
    private static async Task<JsonElement> OutsiderAsync(DirectoryApiFactory api) => (await OutsidersAsync(api))[0];

    // Contacts the search does not find.
    private static async Task<List<JsonElement>> OutsidersAsync(DirectoryApiFactory api) =>
        [.. (await api.DataAsync("{ contacts(search: \"police\", first: 100) { nodes { id version jobTitle organisation { name } } } }", token: api.OfficeToken))
            .GetProperty("contacts").GetProperty("nodes").EnumerateArray()
            .Where(n => !n.GetRawText().Contains("ouncil", StringComparison.OrdinalIgnoreCase))];

    [Fact]
    public async Task A_filtered_search_s_total_follows_a_change_to_another_organisation_it_filters_on()
    {
        // Contacts of Kent's districts, found through their county's name: renaming the county names only the county in
        // the audit log, yet changes which of its districts' contacts match. Another factory's database: this one renames.
        await using var service = new PagePlanTests.CommandLogApi();
        const string Filtered = "query ($s: String, $county: String) { contacts(search: $s, first: 25, where: { organisation: { county: { name: { contains: $county } } } }) { totalCount nodes { code } } }";
        async Task<(int Total, int Nodes)> KentAsync(string county)
        {
            var contacts = (await service.DataAsync(Filtered, new { s = Search, county }, service.OfficeToken)).GetProperty("contacts");
            return (contacts.GetProperty("totalCount").GetInt32(), contacts.GetProperty("nodes").GetArrayLength());
        }
        var before = await KentAsync("Kent");
        before.Total.ShouldBeGreaterThan(0);
        (await KentAsync("Kent")).ShouldBe(before);

        var kent = (await service.DataAsync("{ organisation(code: \"E10000016\") { id version } }", token: service.OfficeToken)).GetProperty("organisation");
        await WriteAsync(service, "updateOrganisation", "UpdateOrganisationInput", null,
            new { id = kent.GetProperty("id").GetString(), version = kent.GetProperty("version").GetInt32(), name = "Renamed Shire County Council" });

        var since = Counts(service);
        (await KentAsync("Kent")).ShouldBe((0, 0));
        (Counts(service).Full - since.Full).ShouldBe(1, "a filter on the county counts everything again after a write");
        (Counts(service).Incremental - since.Incremental).ShouldBe(0);
        (await KentAsync("Renamed Shire")).ShouldBe(before);
    }

    [Fact]
    public async Task A_search_filtered_on_the_contacts_own_organisation_counts_only_the_changed_organisation_again()
    {
        // The organisation's name is the contact's own organisation's: renaming one changes which of its own contacts
        // match and no one else's, so only it is counted again. Another factory's database: this one renames.
        await using var service = new PagePlanTests.CommandLogApi();
        const string Filtered = "query ($s: String) { contacts(search: $s, first: 25, where: { or: [{ organisation: { name: { contains: \"Council\" } } }, { region: { eq: \"Nowhere\" } }] }) { totalCount } }";
        var where = new Dictionary<string, object?>
        {
            ["or"] = new List<object?>
            {
                new Dictionary<string, object?> { ["organisation"] = new Dictionary<string, object?> { ["name"] = new Dictionary<string, object?> { ["contains"] = "Council" } } },
                new Dictionary<string, object?> { ["region"] = new Dictionary<string, object?> { ["eq"] = "Nowhere" } },
            },
        };
        async Task<int> TotalNowAsync() =>
            (await service.DataAsync(Filtered, new { s = Search }, service.OfficeToken)).GetProperty("contacts").GetProperty("totalCount").GetInt32();
        async Task<int> CountedAsync()
        {
            await using var scope = service.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            return await ContactResolvers.Query(db, new Viewer(ViewerRole.CommissionerOffice, "tester", null), Search, where, null).CountAsync();
        }
        var before = await TotalNowAsync();
        before.ShouldBe(await CountedAsync());

        // A police and crime commissioner's office, none of whose contacts has "council" in their own text or
        // organisation's name: renamed with the word, its contacts match both the search and the filter.
        var police = (await service.DataAsync("{ organisation(code: \"E23000003\") { id version } }", token: service.OfficeToken)).GetProperty("organisation");
        await WriteAsync(service, "updateOrganisation", "UpdateOrganisationInput", null,
            new { id = police.GetProperty("id").GetString(), version = police.GetProperty("version").GetInt32(), name = "Renamed Police Council" });
        var since = Counts(service);

        var after = await TotalNowAsync();

        after.ShouldBeGreaterThan(before);
        after.ShouldBe(await CountedAsync());
        (Counts(service).Incremental - since.Incremental).ShouldBe(1, "only the renamed organisation is counted again");
        (Counts(service).Full - since.Full).ShouldBe(0);
    }

    [SkippableFact]
    public async Task After_every_kind_of_write_each_role_gets_the_exact_count_recounting_only_the_changed_organisations_on_both_providers()
    {
        foreach (var service in new DirectoryApiFactory[] { api }.Concat(Skip(postgres)))
        {
            await EveryKindOfWriteAsync(service);
        }
    }

    private static IEnumerable<PostgresDirectoryApiFactory> Skip(PostgresDirectoryApiFactory postgres)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        yield return postgres;
    }

    private static async Task EveryKindOfWriteAsync(DirectoryApiFactory api)
    {
        var government = api.Token(Roles.Government);
        var name = api.GetType().Name;
        var since = await ShouldBeTodaysCountAsync(api, "before any write", Recount.Any, Counts(api));

        // A re-import that renames an organisation names no organisation in the log: everything is counted again. (First:
        // the sample imported again would also undo the writes below.) Cumbria's contacts have no "council" in them.
        var office = await TotalAsync(api, api.OfficeToken);
        await ImportRenamingAsync(api, "E23000002,Office of the Police and Crime Commissioner for Cumbria,", "E23000002,Cumbria Police Council,");
        (await TotalAsync(api, api.OfficeToken)).ShouldBeGreaterThan(office, name);
        since = await ShouldBeTodaysCountAsync(api, "import", Recount.Everything, since);

        // A contact added: the office sees one more (no consent answer, so government does not).
        office = await TotalAsync(api, api.OfficeToken);
        var somebody = (await api.DataAsync($"query ($s: String) {{ contacts(search: $s, first: 1) {{ nodes {{ code version organisation {{ id version }} }} }} }}", new { s = Search }, api.OfficeToken))
            .GetProperty("contacts").GetProperty("nodes")[0];
        var added = await WriteAsync(api, "addContact", "AddContactInput", "contact { id version }",
            new { organisationId = somebody.GetProperty("organisation").GetProperty("id").GetString(), fullName = "Carys Council-Tester" });
        (await TotalAsync(api, api.OfficeToken)).ShouldBe(office + 1, name);
        since = await ShouldBeTodaysCountAsync(api, "addContact", Recount.Changed, since);

        // A contact's job title changed to one with the word: the office sees one more.
        office = await TotalAsync(api, api.OfficeToken);
        // Two contacts the search does not find, in different departments.
        var outsiders = (await api.DataAsync("{ contacts(search: \"police\", first: 100) { nodes { id version jobTitle organisation { name } department { id version name } } } }", token: api.OfficeToken))
            .GetProperty("contacts").GetProperty("nodes").EnumerateArray()
            .Where(n => !n.GetRawText().Contains("ouncil", StringComparison.OrdinalIgnoreCase) && n.GetProperty("department").ValueKind == JsonValueKind.Object)
            .DistinctBy(n => n.GetProperty("department").GetProperty("id").GetString()).Take(2).ToList();
        outsiders.Count.ShouldBe(2, name);
        var outsider = outsiders[0];
        await WriteAsync(api, "updateContact", "UpdateContactInput", null,
            new { id = outsider.GetProperty("id").GetString(), version = outsider.GetProperty("version").GetInt32(), jobTitle = "Council liaison" });
        (await TotalAsync(api, api.OfficeToken)).ShouldBe(office + 1, name);
        since = await ShouldBeTodaysCountAsync(api, "updateContact", Recount.Changed, since);

        // A consent withdrawn: government sees fewer.
        var seen = await TotalAsync(api, government);
        var visible = (await api.DataAsync("query ($s: String) { contacts(search: $s, first: 1) { nodes { response { id version } } } }", new { s = Search }, government))
            .GetProperty("contacts").GetProperty("nodes")[0].GetProperty("response");
        await WriteAsync(api, "changeConsent", "ChangeConsentInput", null,
            new { id = visible.GetProperty("id").GetString(), version = visible.GetProperty("version").GetInt32(), consent = new { partners = true, government = false } });
        (await TotalAsync(api, government)).ShouldBeLessThan(seen, name);
        since = await ShouldBeTodaysCountAsync(api, "changeConsent", Recount.Changed, since);

        // A contact removed: the office sees one fewer.
        office = await TotalAsync(api, api.OfficeToken);
        await WriteAsync(api, "removeContact", "VersionedInput", null, Versioned(added.GetProperty("contact")));
        (await TotalAsync(api, api.OfficeToken)).ShouldBe(office - 1, name);
        since = await ShouldBeTodaysCountAsync(api, "removeContact", Recount.Changed, since);

        // A department renamed to one with the word, then removed: its contacts match, then no longer do.
        office = await TotalAsync(api, api.OfficeToken);
        var department = outsiders[1].GetProperty("department");
        var renamed = await WriteAsync(api, "updateDepartment", "UpdateDepartmentInput", "department { id version }",
            new { id = department.GetProperty("id").GetString(), version = department.GetProperty("version").GetInt32(), name = "Council Liaison Unit" });
        (await TotalAsync(api, api.OfficeToken)).ShouldBeGreaterThan(office, name);
        since = await ShouldBeTodaysCountAsync(api, "updateDepartment", Recount.Changed, since);
        office = await TotalAsync(api, api.OfficeToken);
        await WriteAsync(api, "removeDepartment", "VersionedInput", null, Versioned(renamed.GetProperty("department")));
        (await TotalAsync(api, api.OfficeToken)).ShouldBeLessThan(office, name);
        since = await ShouldBeTodaysCountAsync(api, "removeDepartment", Recount.Changed, since);

        // An organisation renamed with the word: its contacts (none of whom have it in their own text) match.
        office = await TotalAsync(api, api.OfficeToken);
        var organisation = (await api.DataAsync("{ organisation(code: \"E23000003\") { id version } }", token: api.OfficeToken)).GetProperty("organisation");
        await WriteAsync(api, "updateOrganisation", "UpdateOrganisationInput", null, new { id = organisation.GetProperty("id").GetString(), version = organisation.GetProperty("version").GetInt32(), name = "Renamed Police Council" });
        (await TotalAsync(api, api.OfficeToken)).ShouldBeGreaterThan(office, name);
        since = await ShouldBeTodaysCountAsync(api, "updateOrganisation", Recount.Changed, since);

        // A partnership created and removed: no one's text or visibility changes, nothing is counted again.
        var partnership = await WriteAsync(api, "createPartnership", "CreatePartnershipInput", "partnership { id version }",
            new { name = "Council Test Board", kind = "COMMUNITY_SAFETY_PARTNERSHIP", leadId = somebody.GetProperty("organisation").GetProperty("id").GetString() });
        since = await ShouldBeTodaysCountAsync(api, "createPartnership", Recount.Changed, since);
        await WriteAsync(api, "removePartnership", "VersionedInput", null, Versioned(partnership.GetProperty("partnership")));
        since = await ShouldBeTodaysCountAsync(api, "removePartnership", Recount.Changed, since);

        // An erasure may redact text anywhere: everything is counted again.
        office = await TotalAsync(api, api.OfficeToken);
        await WriteAsync(api, "eraseContact", "EraseContactInput", null, new { id = outsider.GetProperty("id").GetString() });
        (await TotalAsync(api, api.OfficeToken)).ShouldBe(office - 1, name);
        since = await ShouldBeTodaysCountAsync(api, "eraseContact", Recount.Everything, since);

    }

    private enum Recount
    {
        Any,
        Changed,
        Everything,
    }

    private static object Versioned(JsonElement node) => new { id = node.GetProperty("id").GetString(), version = node.GetProperty("version").GetInt32() };

    // A mutation by the office that must succeed; its payload.
    private static async Task<JsonElement> WriteAsync(DirectoryApiFactory api, string field, string inputType, string? selection, object input)
    {
        var payload = (await api.DataAsync($"mutation ($input: {inputType}!) {{ {field}(input: $input) {{ {selection} errors {{ message }} }} }}", new { input }, api.OfficeToken))
            .GetProperty(field);
        payload.GetProperty("errors").GetArrayLength().ShouldBe(0, payload.GetRawText());
        return payload;
    }

    private static async Task ImportRenamingAsync(DirectoryApiFactory api, string from, string to)
    {
        var folder = Path.Combine(Path.GetTempPath(), "total-count-import-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in System.IO.Directory.GetFiles(Path.Combine(ApiProcess.ApplicationFolder, "data", "stadv-2020")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }
            var organisations = Path.Combine(folder, "organisations.csv");
            var text = await File.ReadAllTextAsync(organisations);
            text.ShouldContain(from);
            await File.WriteAllTextAsync(organisations, text.Replace(from, to, StringComparison.Ordinal));
            await using var scope = api.Services.CreateAsyncScope();
            var result = await new Directory.Data.Import.SurveyImporter(scope.ServiceProvider.GetRequiredService<DirectoryDbContext>()).ImportAsync(folder);
            result.Problems.ShouldBeEmpty();
            result.Counts.Single(c => c.Entity == "Organisations").Updated.ShouldBeGreaterThan(0);
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static async Task<int> TotalAsync(DirectoryApiFactory api, string token) =>
        (await api.DataAsync("query ($s: String) { contacts(search: $s, first: 25) { totalCount nodes { code } } }", new { s = Search }, token))
            .GetProperty("contacts").GetProperty("totalCount").GetInt32();

    private static (long Full, long Incremental) Counts(DirectoryApiFactory api)
    {
        var totals = api.Services.GetRequiredService<TotalCountCache>();
        return (totals.FullCounts, totals.IncrementalCounts);
    }

    // Every role's total through the service is the count of the data as it is now; and each was counted once since
    // the counts of the last check (Changed: from the earlier version's counts, Everything: afresh). The counts now.
    private static async Task<(long Full, long Incremental)> ShouldBeTodaysCountAsync(DirectoryApiFactory api, string after, Recount recount, (long Full, long Incremental) since)
    {
        foreach (var (role, organisation) in EveryRole)
        {
            var viewer = new Viewer(Enum.Parse<ViewerRole>(role.Replace("-", "", StringComparison.Ordinal), ignoreCase: true), "tester", organisation);
            await using var scope = api.Services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            (await TotalAsync(api, api.Token(role, organisation))).ShouldBe(await ContactResolvers.Query(db, viewer, Search, null, null).CountAsync(), $"{api.GetType().Name}, {role} after {after}");
        }
        var now = Counts(api);
        var counted = (now.Full - since.Full, now.Incremental - since.Incremental);
        switch (recount)
        {
            case Recount.Changed:
                counted.ShouldBe((0L, (long)EveryRole.Length), $"{api.GetType().Name} after {after}: (full counts, incremental counts)");
                break;
            case Recount.Everything:
                counted.ShouldBe(((long)EveryRole.Length, 0L), $"{api.GetType().Name} after {after}: (full counts, incremental counts)");
                break;
            default:
                (counted.Item1 + counted.Item2).ShouldBeLessThanOrEqualTo(EveryRole.Length);
                break;
        }
        return now;
    }
}
