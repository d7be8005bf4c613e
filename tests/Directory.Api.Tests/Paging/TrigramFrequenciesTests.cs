using Directory.Api.Paging;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Directory.Data.Model;
using Directory.Data.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// On SQLite a search looks up only each word's rarest trigrams, by counts remembered in memory, then checks every
/// word with <c>instr</c>. These tests hold it to a plain substring scan of every contact (computed here, in C#) on
/// data whose trigrams are skewed on purpose, while the remembered counts go stale: a trigram the vocabulary lacked,
/// a rare trigram made common, a new contact, a renamed organisation. A stale count may cost speed, never a match.
/// </summary>
public sealed class TrigramFrequenciesTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    [Fact]
    public void Trigrams_are_cut_by_code_point_as_the_FTS5_tokenizer_cuts_them()
    {
        TrigramFrequencies.Trigrams("manager").ShouldBe(["man", "ana", "nag", "age", "ger"]);
        TrigramFrequencies.Trigrams("aaaa").ShouldBe(["aaa"]);
        TrigramFrequencies.Trigrams("\U0001D49Cbcd").ShouldBe(["\U0001D49Cbc", "bcd"]);
        TrigramFrequencies.Trigrams("\U0001D49Cb").ShouldBeEmpty("two letters, three UTF-16 characters");
    }

    [Fact]
    public async Task Searches_find_what_a_substring_scan_finds_while_the_remembered_counts_go_stale()
    {
        // Skewed: "skewaaa" in 120 people, "skewzzz" in 2, so "zzz" is a rare trigram and "ske" a common one.
        await AddPeopleAsync(120, i => $"Skewaaa Analyst {i}");
        await AddPeopleAsync(2, i => $"Skewzzz Officer {i}");
        string[] searches = ["skewaaa", "skewzzz", "skewaaa analyst", "skewzzz officer", "skew", "kewzz aaa", "skewqqq", "qqqskew trust", "zzz"];
        foreach (var search in searches)
        {
            await ShouldMatchTheScanAsync(search);
        }
        using (var scope = api.Services.CreateScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            var frequencies = TrigramFrequencies.Of(db, "contacts_search");
            frequencies.RarestOf(db, ["skewzzz"]).ShouldBe(["ewz", "wzz"], "two of the three in 2 people (ties in ordinal order), not 'ske' or 'kew'");
            frequencies.RarestOf(db, ["skewqqq"]).ShouldBe(["ewq", "qqq"], "two of the three no contact has (0 rows)");
        }

        // The counts now say "qqq" is in no contact and "zzz" in two; both go stale within their lifetime.
        await AddPeopleAsync(1, _ => "Skewqqq Coordinator");
        await AddPeopleAsync(150, i => $"Skewzzz Lead {i}");
        var organisation = await RenameAnOrganisationAsync("Qqqskew Trust");
        foreach (var search in searches)
        {
            await ShouldMatchTheScanAsync(search);
        }
        (await SearchCodesAsync("skewqqq")).Count.ShouldBe(1, "the new person, though the remembered count of 'qqq' is 0");
        (await SearchCodesAsync("skewzzz")).Count.ShouldBe(152);
        (await SearchCodesAsync("qqqskew trust")).ShouldBe(await ScanAsync("qqqskew trust"));
        (await ScanAsync("qqqskew trust")).Count.ShouldBe(organisation.Contacts, "the renamed organisation's contacts");
    }

    private async Task ShouldMatchTheScanAsync(string search) =>
        (await SearchCodesAsync(search)).ShouldBe(await ScanAsync(search), search);

    // Every word of three letters or more a substring of the person's own text or their organisation's.
    private async Task<List<string>> ScanAsync(string search)
    {
        var words = SearchText.Normalize(search).Split(' ', StringSplitOptions.RemoveEmptyEntries);
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var everyone = await db.Contacts.Select(c => new { c.Key, c.SearchText, c.OrganisationSearchText }).ToListAsync();
        return [.. everyone
            .Where(c => words.All(w => c.SearchText.Contains(w, StringComparison.Ordinal) || c.OrganisationSearchText.Contains(w, StringComparison.Ordinal)))
            .Select(c => c.Key).Order(StringComparer.Ordinal)];
    }

    private async Task<List<string>> SearchCodesAsync(string search)
    {
        var codes = new List<string>();
        string? after = null;
        while (true)
        {
            var page = (await api.DataAsync(
                "query ($search: String, $after: String) { contacts(search: $search, first: 100, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { code } } }",
                new { search, after }, api.OfficeToken)).GetProperty("contacts");
            codes.AddRange(page.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!));
            if (!page.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean())
            {
                page.GetProperty("totalCount").GetInt32().ShouldBe(codes.Count, search);
                return [.. codes.Order(StringComparer.Ordinal)];
            }
            after = page.GetProperty("pageInfo").GetProperty("endCursor").GetString();
        }
    }

    private async Task AddPeopleAsync(int count, Func<int, string> jobTitle)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var organisation = await db.Organisations.OrderBy(o => o.Id).FirstAsync();
        var first = await db.Contacts.CountAsync();
        for (var i = 0; i < count; i++)
        {
            db.Contacts.Add(new Contact
            {
                Key = $"T{first + i:D6}",
                Organisation = organisation,
                FullName = $"Test Person {first + i}",
                JobTitle = jobTitle(i),
            });
        }
        await SaveAuditedAsync(db, "Contact", $"T{first:D6}");
    }

    // As every write path of the service does (AuditTrail, under the write lock): the entry in the same transaction is
    // what tells the search totals kept between requests (TotalCountCache) that the data changed.
    private static async Task SaveAuditedAsync(DirectoryDbContext db, string entityType, string entityKey)
    {
        db.AuditLog.Add(new AuditEntry { OccurredAt = DateTime.UtcNow, Actor = "test", Action = "update", EntityType = entityType, EntityKey = entityKey });
        await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, CancellationToken.None);
        await db.SaveChangesAsync();
        await transaction.CommitAsync();
    }

    private async Task<(int Id, int Contacts)> RenameAnOrganisationAsync(string name)
    {
        using var scope = api.Services.CreateScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var organisation = await db.Organisations.Where(o => o.Contacts.Any()).OrderByDescending(o => o.Id).FirstAsync();
        organisation.Name = name;
        await SaveAuditedAsync(db, "Organisation", organisation.Code);
        return (organisation.Id, await db.Contacts.CountAsync(c => c.OrganisationId == organisation.Id));
    }
}
