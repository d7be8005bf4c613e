using System.Globalization;
using Directory.Api.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Directory.Api.Tests.Web;

/// <summary>
/// A partner's token shows what a partner may see and no more: every contact of its own organisation, others' contacts
/// only where their survey response consented to partners. Expectations come from the service's database (the
/// consent answers) and from the API over HTTP with the same token; the page must agree with both, and no hidden
/// person's name may appear anywhere on it.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class PartnerViewBrowserTests(BrowserFixture browser)
{
    private sealed record SampleContact(string Key, string FullName, string OrganisationCode, bool ConsentPartners);

    [SkippableFact]
    public async Task A_partner_sees_its_own_contacts_and_consenting_others_and_no_one_else()
    {
        var contacts = await ContactsAsync();
        var byOrganisation = contacts.GroupBy(c => c.OrganisationCode).ToDictionary(g => g.Key, g => g.ToList());
        // X has contacts that did not consent to partners: only its own staff see them, so the own-organisation rule is tested.
        var partner = byOrganisation.Where(g => g.Value.Count >= 2 && g.Value.Any(c => !c.ConsentPartners))
            .Select(g => g.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        Skip.If(partner is null, "The sample has no organisation with contacts who did not consent to partners.");
        // Y: another organisation none of whose contacts consented to partners.
        var hiddenOrganisation = byOrganisation.Where(g => g.Key != partner && g.Value.All(c => !c.ConsentPartners))
            .Select(g => g.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        Skip.If(hiddenOrganisation is null, "The sample has no organisation whose contacts all withheld consent from partners.");
        var visible = contacts.Where(c => c.OrganisationCode == partner || c.ConsentPartners).ToList();
        var hidden = contacts.Except(visible).ToList();
        var visibleNames = visible.Select(c => c.FullName).ToHashSet(StringComparer.Ordinal);
        // A hidden person who shares a name with someone visible cannot be told apart by text; codes cover them.
        var hiddenNames = hidden.Select(c => c.FullName).Where(n => !visibleNames.Contains(n)).Distinct().ToList();
        hiddenNames.ShouldNotBeEmpty();

        var token = browser.Token(Roles.Partner, partner);
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/");
        await session.SignInAsync(token);
        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("partner");
        (await page.Locator("[data-viewer-org]").TextContentAsync()).ShouldBe($"of {partner}");

        // Its own organisation, through the "My organisation" link: every contact, consenting or not.
        await ClickAndWaitForViewAsync(session, page.GetByRole(AriaRole.Link, new() { Name = "My organisation" }));
        new Uri(page.Url).Fragment.ShouldBe($"#/organisation/{partner}");
        (await OrganisationContactCodesAsync(page)).ShouldBe(byOrganisation[partner!].Select(c => c.Key), ignoreOrder: true);
        await session.ScreenshotAsync("partner-own-organisation");

        // Y: none of its contacts, and the page says so.
        await GoToAsync(session, $"#/organisation/{hiddenOrganisation}");
        (await OrganisationContactCodesAsync(page)).ShouldBeEmpty();
        await Expect(page.Locator("[data-section=contacts] .empty")).ToContainTextAsync("No contacts of this organisation are visible to you");
        var text = await session.VisibleTextAsync();
        foreach (var person in byOrganisation[hiddenOrganisation!])
        {
            text.ShouldNotContain(person.FullName, Case.Sensitive, $"{person.Key} of {hiddenOrganisation} did not consent to partners");
        }

        await session.ScreenshotAsync("partner-other-organisation");

        // An organisation with both kinds of contact, if the sample has one: exactly the consenting ones.
        var mixed = byOrganisation.Where(g => g.Key != partner && g.Value.Any(c => c.ConsentPartners) && g.Value.Any(c => !c.ConsentPartners))
            .Select(g => g.Key).Order(StringComparer.Ordinal).FirstOrDefault();
        if (mixed is not null)
        {
            await GoToAsync(session, $"#/organisation/{mixed}");
            (await OrganisationContactCodesAsync(page)).ShouldBe(byOrganisation[mixed].Where(c => c.ConsentPartners).Select(c => c.Key), ignoreOrder: true);
        }

        // The national contact list: the API's count and first page for this token, nobody hidden.
        await GoToAsync(session, "#/contacts");
        var api = (await browser.GraphQLAsync(ContactsBrowserTests.ContactsQuery, new { first = 25 }, token)).GetProperty("contacts");
        var total = api.GetProperty("totalCount").GetInt32();
        total.ShouldBe(visible.Count, "the API counts exactly the contacts a partner may see");
        (await page.Locator("[data-total]").GetAttributeAsync("data-total")).ShouldBe(total.ToString(CultureInfo.InvariantCulture));
        var shown = await ContactsBrowserTests.ShownCodesAsync(page);
        shown.ShouldBe(ContactsBrowserTests.Codes(api));
        shown.ShouldNotContain(code => hidden.Any(h => h.Key == code));
        AssertNoHiddenName(await session.VisibleTextAsync(), hiddenNames);
        await session.ScreenshotAsync("partner-contacts");

        // Searching for a hidden person by name finds no one with their code.
        var hiddenPerson = byOrganisation[hiddenOrganisation!].First(c => hiddenNames.Contains(c.FullName));
        await ContactsBrowserTests.SearchAsync(page, hiddenPerson.FullName);
        var searched = (await browser.GraphQLAsync(ContactsBrowserTests.ContactsQuery, new { search = hiddenPerson.FullName, first = 25 }, token)).GetProperty("contacts");
        (await page.Locator("[data-total]").GetAttributeAsync("data-total"))
            .ShouldBe(searched.GetProperty("totalCount").GetInt32().ToString(CultureInfo.InvariantCulture));
        (await ContactsBrowserTests.ShownCodesAsync(page)).ShouldNotContain(hiddenPerson.Key);
        // The name is in the search box and the summary sentence (the partner typed it), never in a result row.
        (await page.Locator("[data-results=contacts] tbody tr").AllTextContentsAsync()).ShouldNotContain(row => row.Contains(hiddenPerson.FullName, StringComparison.Ordinal));
        await session.ScreenshotAsync("partner-search-hidden-person");

        // Signed out, the same organisation page shows none of its people.
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).ClickAsync();
        await session.WaitForViewAsync();
        await GoToAsync(session, $"#/organisation/{partner}");
        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("anonymous");
        (await OrganisationContactCodesAsync(page)).ShouldBeEmpty();
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    private static void AssertNoHiddenName(string text, IEnumerable<string> hiddenNames)
    {
        var shown = hiddenNames.Where(name => text.Contains(name, StringComparison.Ordinal)).ToList();
        shown.ShouldBeEmpty("names of people a partner may not see appear on the page");
    }

    private static Task<string[]> OrganisationContactCodesAsync(IPage page) =>
        page.Locator("[data-section=contacts] tbody th[data-value]").EvaluateAllAsync<string[]>("cells => cells.map(c => c.dataset.value)");

    /// <summary>Follows a link that changes the hash and waits for the new view to finish rendering.</summary>
    private static async Task ClickAndWaitForViewAsync(BrowserSession session, ILocator link)
    {
        await session.Page.EvaluateAsync("() => { window.__viewChanged = new Promise(r => window.addEventListener('hashchange', r, { once: true })); }");
        await link.ClickAsync();
        await session.Page.EvaluateAsync("() => window.__viewChanged");
        await session.WaitForViewAsync();
    }

    /// <summary>Moves to a hash route in the same page (as a link would) and waits for the view.</summary>
    private static async Task GoToAsync(BrowserSession session, string hashRoute)
    {
        // The dashboard's own hashchange listener was added first, so by the time this promise settles the view has
        // started rendering (main[data-ready=false]) and waiting for data-ready=true waits for the new view.
        await session.Page.EvaluateAsync(
            "h => new Promise(r => { window.addEventListener('hashchange', r, { once: true }); location.hash = h; })", hashRoute);
        await session.WaitForViewAsync();
    }

    private async Task<List<SampleContact>> ContactsAsync()
    {
        await using var db = browser.Database();
        return await db.Contacts.AsNoTracking()
            .OrderBy(c => c.Key)
            .Select(c => new SampleContact(c.Key, c.FullName, c.Organisation.Code, c.Response != null && c.Response.ConsentPartners == true))
            .ToListAsync();
    }
}
