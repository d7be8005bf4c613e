using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data.Text;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// Indexed search (FTS5 trigram on SQLite, pg_trgm on PostgreSQL) keeps the meaning search had: every word a
/// substring of the person's or their organisation's normalised text (words under three letters: the start of a
/// word). Checked against that rule computed here, in C#, over every contact, on both providers; with relevance order,
/// and with the index following renames of organisations and departments.
/// </summary>
public sealed class SearchTests(DirectoryApiFactory sqlite, PostgresDirectoryApiFactory postgres)
    : IClassFixture<DirectoryApiFactory>, IClassFixture<PostgresDirectoryApiFactory>
{
    private sealed record Person(string Code, string Own, string Organisation);

    public static TheoryData<string> Searches() =>
    [
        "domestic abuse", "commissioning manager", "nott", "Council", "jo", "local authority", "pcc", "community safety",
        "zoë", "e", "ab domestic", "refuge officer", "xyzzy", "o'", "100%", "a_b", "\"quoted\"", "NEAR abuse", "manager AND",
        "cambridgeshire.council.example", "lisa foster",
    ];

    private static IEnumerable<PostgresDirectoryApiFactory> Skip(PostgresDirectoryApiFactory postgres)
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        yield return postgres;
    }

    [SkippableTheory]
    [MemberData(nameof(Searches))]
    public async Task Search_finds_exactly_the_contacts_every_word_is_in_on_both_providers(string search)
    {
        foreach (var api in new DirectoryApiFactory[] { sqlite }.Concat(Skip(postgres)))
        {
            var everyone = await EveryoneAsync(api);
            everyone.Count.ShouldBeGreaterThan(500);
            var words = SearchText.Normalize(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var expected = everyone.Where(p => words.All(w => Matches(p.Own, w) || Matches(p.Organisation, w))).Select(p => p.Code).Order().ToList();

            var found = await SearchAsync(api, search);

            found.Select(p => p.Code).Order().ShouldBe(expected, ignoreOrder: false, api.GetType().Name);
            // Relevance: the number of words found in the person's own text never rises down the list.
            var relevance = found.Select(p => words.Distinct().Count(w => Matches(p.Own, w))).ToList();
            relevance.ShouldBe(relevance.OrderDescending().ToList(), $"{api.GetType().Name}: relevance order");
        }
    }

    [Fact]
    public async Task The_common_searches_match_contacts_of_the_sample()
    {
        (await SearchAsync(sqlite, "domestic abuse")).Count.ShouldBeGreaterThan(0);
        (await SearchAsync(sqlite, "nott")).Count.ShouldBeGreaterThan(0);
        (await SearchAsync(sqlite, "jo")).Count.ShouldBeGreaterThan(0);
    }

    [Fact]
    public async Task People_matched_by_their_own_text_come_before_those_matched_by_organisation_or_department()
    {
        var found = await SearchAsync(sqlite, "safety");
        var own = found.Select(p => p.Own.Contains("safety", StringComparison.Ordinal)).ToList();
        own.ShouldContain(true);
        own.ShouldContain(false);
        own.ShouldBe(own.OrderDescending().ToList());
    }

    [SkippableFact]
    public async Task Renaming_an_organisation_or_department_reindexes_its_contacts_without_changing_them()
    {
        foreach (var api in new DirectoryApiFactory[] { sqlite }.Concat(Skip(postgres)))
        {
            var organisation = (await api.DataAsync("""
                { organisation(code: "E10000024") { id version name contacts { code version } departments { id version name } } }
                """, token: api.OfficeToken)).GetProperty("organisation");
            var contacts = organisation.GetProperty("contacts").EnumerateArray().ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("version").GetInt32());
            contacts.Count.ShouldBeGreaterThan(0);
            (await SearchAsync(api, "qwertyuiopshire")).ShouldBeEmpty();

            var renamed = await api.DataAsync(
                "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { errors { message } } }",
                new { input = new { id = organisation.GetProperty("id").GetString(), version = organisation.GetProperty("version").GetInt32(), name = "Qwertyuiopshire County Council" } },
                api.OfficeToken);
            renamed.GetProperty("updateOrganisation").GetProperty("errors").GetArrayLength().ShouldBe(0);

            var found = await SearchAsync(api, "Qwertyuiopshire");
            found.Select(p => p.Code).Order().ShouldBe(contacts.Keys.Order(), ignoreOrder: false, api.GetType().Name);
            var after = (await api.DataAsync("{ organisation(code: \"E10000024\") { contacts { code version } } }", token: api.OfficeToken))
                .GetProperty("organisation").GetProperty("contacts").EnumerateArray()
                .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("version").GetInt32());
            after.ShouldBe(contacts, "reindexing is no edit of the person: versions stay");

            var department = organisation.GetProperty("departments").EnumerateArray().First();
            var inDepartment = (await SearchAsync(api, "Qwertyuiopshire " + department.GetProperty("name").GetString())).Count;
            var departmentRenamed = await api.DataAsync(
                "mutation ($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { errors { message } } }",
                new { input = new { id = department.GetProperty("id").GetString(), version = department.GetProperty("version").GetInt32(), name = "Zxcvbnm Unit" } },
                api.OfficeToken);
            departmentRenamed.GetProperty("updateDepartment").GetProperty("errors").GetArrayLength().ShouldBe(0);
            var byDepartment = await SearchAsync(api, "zxcvbnm");
            byDepartment.Count.ShouldBe(inDepartment, api.GetType().Name);
            byDepartment.ShouldAllBe(p => p.Organisation.Contains("zxcvbnm unit", StringComparison.Ordinal));
        }
    }

    // On PostgreSQL the words were once sent as LIKE patterns escaped by hand but with ESCAPE '', so a word holding
    // %, _ or \ matched nothing (and an unescaped _ or % would match any character).
    [SkippableFact]
    public async Task Words_with_like_wildcards_or_backslashes_match_only_themselves_on_both_providers()
    {
        foreach (var api in new DirectoryApiFactory[] { sqlite }.Concat(Skip(postgres)))
        {
            // A department of an organisation the other tests here leave alone.
            var department = (await api.DataAsync("{ contacts(first: 100) { nodes { organisation { code } department { id version } } } }", token: api.OfficeToken))
                .GetProperty("contacts").GetProperty("nodes").EnumerateArray()
                .Where(n => n.GetProperty("department").ValueKind != JsonValueKind.Null
                    && n.GetProperty("organisation").GetProperty("code").GetString() is not ("E10000024" or "E06000002"))
                .Select(n => n.GetProperty("department")).First();
            var renamed = await api.DataAsync(
                "mutation ($input: UpdateDepartmentInput!) { updateDepartment(input: $input) { errors { message } } }",
                new { input = new { id = department.GetProperty("id").GetString(), version = department.GetProperty("version").GetInt32(), name = "Unit_50% Back\\Slash" } },
                api.OfficeToken);
            renamed.GetProperty("updateDepartment").GetProperty("errors").GetArrayLength().ShouldBe(0);
            var inDepartment = (await EveryoneAsync(api)).Where(p => p.Organisation.EndsWith("unit_50% back\\slash", StringComparison.Ordinal)).Select(p => p.Code).Order().ToList();
            inDepartment.ShouldNotBeEmpty();

            foreach (var search in new[] { "unit_50%", "Back\\Slash", "_50% back\\" })
            {
                (await SearchAsync(api, search)).Select(p => p.Code).Order().ShouldBe(inDepartment, ignoreOrder: false, $"{api.GetType().Name}: {search}");
            }
            foreach (var search in new[] { "unit_5_", "unit%50", "back_slash" })
            {
                (await SearchAsync(api, search)).ShouldBeEmpty($"{api.GetType().Name}: {search}");
            }
        }
    }

    [SkippableFact]
    public async Task Renaming_an_organisation_through_an_import_reindexes_its_contacts_on_both_providers()
    {
        var folder = Path.Combine(Path.GetTempPath(), "renamed-import-" + Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(folder);
        try
        {
            foreach (var file in System.IO.Directory.GetFiles(Path.Combine(Directory.Api.Tests.ServiceUnderTest.ApiProcess.ApplicationFolder, "data", "stadv-2020")))
            {
                File.Copy(file, Path.Combine(folder, Path.GetFileName(file)));
            }

            var organisations = Path.Combine(folder, "organisations.csv");
            File.WriteAllText(organisations, File.ReadAllText(organisations).Replace("E06000002,Middlesbrough Borough Council,", "E06000002,Asdfghjklborough Borough Council,", StringComparison.Ordinal));
            foreach (var api in new DirectoryApiFactory[] { sqlite }.Concat(Skip(postgres)))
            {
                var contacts = (await api.DataAsync("{ organisation(code: \"E06000002\") { contacts { code version } } }", token: api.OfficeToken))
                    .GetProperty("organisation").GetProperty("contacts").EnumerateArray()
                    .ToDictionary(c => c.GetProperty("code").GetString()!, c => c.GetProperty("version").GetInt32());
                contacts.Count.ShouldBeGreaterThan(0);
                (await SearchAsync(api, "asdfghjklborough")).ShouldBeEmpty();

                using (var scope = api.Services.CreateScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<Directory.Data.DirectoryDbContext>();
                    var result = await new Directory.Data.Import.SurveyImporter(db).ImportAsync(folder);
                    result.Problems.ShouldBeEmpty();
                    result.Counts.Single(c => c.Entity == "Organisations").Updated.ShouldBeGreaterThan(0);
                }

                var found = await SearchAsync(api, "Asdfghjklborough council");
                found.Select(p => p.Code).Order().ShouldBe(contacts.Keys.Order(), ignoreOrder: false, api.GetType().Name);
                found.ShouldAllBe(p => p.Organisation.StartsWith("asdfghjklborough borough council local authority", StringComparison.Ordinal));
            }
        }
        finally
        {
            System.IO.Directory.Delete(folder, recursive: true);
        }
    }

    private static bool Matches(string text, string word) =>
        word.Length >= 3 ? text.Contains(word, StringComparison.Ordinal) : (" " + text).Contains(" " + word, StringComparison.Ordinal);

    private const string Fields = "code fullName jobTitle email organisation { name type } department { name }";

    private static Person ToPerson(JsonElement node)
    {
        static string? Text(JsonElement element, string name) => element.GetProperty(name).ValueKind == JsonValueKind.Null ? null : element.GetProperty(name).GetString();
        var organisation = node.GetProperty("organisation");
        var department = node.GetProperty("department");
        return new Person(
            node.GetProperty("code").GetString()!,
            SearchText.Combine(Text(node, "fullName"), Text(node, "jobTitle"), Text(node, "email")),
            SearchText.Combine(Text(organisation, "name"), organisation.GetProperty("type").GetString()!.Replace('_', ' '),
                department.ValueKind == JsonValueKind.Null ? null : Text(department, "name")));
    }

    private static async Task<List<Person>> EveryoneAsync(DirectoryApiFactory api) => await PagesAsync(api, null);

    private static async Task<List<Person>> SearchAsync(DirectoryApiFactory api, string search) => await PagesAsync(api, search);

    // Every page of the list, by keyset cursors, checking the total on the way.
    private static async Task<List<Person>> PagesAsync(DirectoryApiFactory api, string? search)
    {
        var people = new List<Person>();
        string? after = null;
        while (true)
        {
            var page = (await api.DataAsync($"query ($search: String, $after: String) {{ contacts(search: $search, first: 100, after: $after) {{ totalCount pageInfo {{ hasNextPage endCursor }} nodes {{ {Fields} }} }} }}",
                new { search, after }, api.OfficeToken)).GetProperty("contacts");
            people.AddRange(page.GetProperty("nodes").EnumerateArray().Select(ToPerson));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                page.GetProperty("totalCount").GetInt32().ShouldBe(people.Count);
                people.Select(p => p.Code).ShouldBeUnique();
                return people;
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }
}
