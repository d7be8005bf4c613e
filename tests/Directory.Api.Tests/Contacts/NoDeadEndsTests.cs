using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Contacts;

/// <summary>
/// Issue 16 §5 "No dead ends": on the national contact list, every row of an organisation with a central mailbox
/// offers the caller a person they may see or that mailbox. Before, 139 of 504 rows offered a government user
/// neither (voluntary sector 220, a partner 103).
/// </summary>
public sealed class NoDeadEndsTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    public static TheoryData<string?, string?> Callers => new()
    {
        { null, null },
        { Roles.Government, null },
        { Roles.VoluntarySector, null },
        { Roles.Partner, "E06000018" },
        { Roles.CommissionerOffice, null },
    };

    [Theory]
    [MemberData(nameof(Callers))]
    public async Task Every_row_with_a_mailbox_offers_a_person_or_the_mailbox(string? role, string? organisation)
    {
        var token = role is null ? null : api.Token(role, organisation);
        var rows = await AllRowsAsync(token);

        rows.Count.ShouldBe(504);
        var withMailbox = rows.Where(r => r.GetProperty("organisation").GetProperty("centralEmail").GetString() is not null).ToList();
        withMailbox.Count.ShouldBeGreaterThan(400, "the sample's organisations mostly have a central mailbox");
        var deadEnds = withMailbox.Where(r => People(r) == 0 && r.GetProperty("centralEmail").GetString() is null)
            .Select(r => r.GetProperty("organisation").GetProperty("code").GetString()).ToList();
        deadEnds.ShouldBeEmpty();

        // The mailbox given is the organisation's own, and a row showing people keeps them first.
        withMailbox.Where(r => r.GetProperty("centralEmail").GetString() is not null)
            .ShouldAllBe(r => r.GetProperty("centralEmail").GetString() == r.GetProperty("organisation").GetProperty("centralEmail").GetString());
        if (role == Roles.CommissionerOffice)
        {
            rows.Count(r => People(r) > 0 && r.GetProperty("status").GetString() != "NOT_RECEIVED" && r.GetProperty("centralEmail").GetString() is not null)
                .ShouldBe(0, "the office sees the people, so rows with people need no mailbox");
        }
    }

    private static int People(JsonElement row) => row.GetProperty("contacts").GetArrayLength() + row.GetProperty("countyContacts").GetArrayLength();

    private async Task<List<JsonElement>> AllRowsAsync(string? token)
    {
        var rows = new List<JsonElement>();
        string? after = null;
        do
        {
            var data = await api.DataAsync("""
                query ($after: String) { nationalContactList(first: 100, after: $after) {
                  nodes { status organisation { code centralEmail } contacts { code } countyContacts { code } centralEmail }
                  pageInfo { hasNextPage endCursor } } }
                """, new { after }, token);
            var list = data.GetProperty("nationalContactList");
            rows.AddRange(list.GetProperty("nodes").EnumerateArray());
            after = list.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean() ? list.GetProperty("pageInfo").GetProperty("endCursor").GetString() : null;
        }
        while (after is not null);
        return rows;
    }
}
