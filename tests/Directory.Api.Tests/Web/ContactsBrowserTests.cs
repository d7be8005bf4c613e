using System.Text.Json;
using Directory.Api.Auth;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using static Microsoft.Playwright.Assertions;

namespace Directory.Api.Tests.Web;

/// <summary>
/// The national contact list (<c>#/contacts</c>) signed in with real tokens, signed by the service's own key and pasted
/// into the sign-in box as a user would: the role shown, the people found, and what an anonymous visitor gets instead.
/// </summary>
[Collection(BrowserCollection.Name)]
public sealed class ContactsBrowserTests(BrowserFixture browser)
{
    internal const string ContactsQuery = """
        query ($search: String, $first: Int, $after: String) {
          contacts(search: $search, first: $first, after: $after) {
            totalCount pageInfo { hasNextPage endCursor } nodes { code fullName organisation { code name } }
          }
        }
        """;

    [SkippableFact]
    public async Task Signing_in_as_the_office_changes_the_role_shown_and_the_contacts_listed()
    {
        await using var session = await browser.OpenAsync();
        var page = session.Page;
        await session.OpenDashboardAsync("#/contacts");
        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("anonymous");
        (await page.Locator("[data-total]").GetAttributeAsync("data-total")).ShouldBe("0");
        (await page.Locator("[data-sign-in-hint]").IsVisibleAsync()).ShouldBeTrue();

        var token = browser.Token(Roles.CommissionerOffice);
        await session.SignInAsync(token);

        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("commissioner-office");
        (await page.Locator("[data-viewer-org]").TextContentAsync()).ShouldBe("");
        (await page.Locator("[data-viewer-description]").TextContentAsync()).ShouldNotBeNull().ShouldContain("Commissioner's office");
        (await page.GetByRole(AriaRole.Button, new() { Name = "Sign out" }).IsVisibleAsync()).ShouldBeTrue();
        (await page.Locator("[data-sign-in-hint]").CountAsync()).ShouldBe(0);
        var api = (await browser.GraphQLAsync(ContactsQuery, new { first = 25 }, token)).GetProperty("contacts");
        api.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0, "the sample gives the office people to see");
        (await page.Locator("[data-total]").GetAttributeAsync("data-total")).ShouldBe(api.GetProperty("totalCount").GetInt32().ToString(System.Globalization.CultureInfo.InvariantCulture));
        (await ShownCodesAsync(page)).ShouldBe(Codes(api));
        await session.ScreenshotAsync("contacts-office");

        // "Next page" shows the API's second page.
        api.GetProperty("pageInfo").GetProperty("hasNextPage").GetBoolean().ShouldBeTrue("the sample has more than one page of contacts");
        var second = (await browser.GraphQLAsync(ContactsQuery, new { first = 25, after = api.GetProperty("pageInfo").GetProperty("endCursor").GetString() }, token))
            .GetProperty("contacts");
        await page.GetByRole(AriaRole.Button, new() { Name = "Next page" }).ClickAsync();
        await Expect(page.Locator("[data-results=contacts] tbody th[data-value]").First).ToHaveAttributeAsync("data-value", Codes(second)[0]);
        (await ShownCodesAsync(page)).ShouldBe(Codes(second));
        (await page.GetByRole(AriaRole.Button, new() { Name = "Previous page" }).IsEnabledAsync()).ShouldBeTrue();
        session.PageErrors.ShouldBeEmpty();
        session.ConsoleErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task A_contact_search_finds_the_person_for_the_office_and_no_one_for_anonymous()
    {
        await using var office = await browser.OpenAsync();
        var page = office.Page;
        var person = await PersonWithAUniqueNameAsync();
        var token = browser.Token(Roles.CommissionerOffice);
        await office.OpenDashboardAsync("#/contacts");
        await office.SignInAsync(token);

        await SearchAsync(page, person.FullName);

        new Uri(page.Url).Fragment.ShouldBe("#/contacts?search=" + Uri.EscapeDataString(person.FullName));
        var row = page.Locator($"[data-results=contacts] tbody tr:has(th[data-value=\"{person.Key}\"])");
        (await row.CountAsync()).ShouldBe(1);
        (await row.Locator("th").TextContentAsync()).ShouldBe(person.FullName);
        var organisation = row.Locator("td[data-column=Organisation]");
        (await organisation.GetAttributeAsync("data-value")).ShouldBe(person.OrganisationCode);
        (await organisation.Locator("a").TextContentAsync()).ShouldBe(person.OrganisationName);
        (await organisation.Locator("a").GetAttributeAsync("href")).ShouldBe($"#/organisation/{person.OrganisationCode}");
        var api = (await browser.GraphQLAsync(ContactsQuery, new { search = person.FullName, first = 25 }, token)).GetProperty("contacts");
        (await ShownCodesAsync(page)).ShouldBe(Codes(api));
        await office.ScreenshotAsync("contacts-search-office");

        await using var anonymous = await browser.OpenAsync();
        await anonymous.OpenDashboardAsync("#/contacts");
        await SearchAsync(anonymous.Page, person.FullName);

        (await anonymous.Page.Locator("[data-total]").GetAttributeAsync("data-total")).ShouldBe("0");
        (await anonymous.Page.Locator("[data-results=contacts] tbody tr").CountAsync()).ShouldBe(0);
        await Expect(anonymous.Page.Locator("[data-sign-in-hint]")).ToContainTextAsync("signed-in users");
        // The name appears only where the visitor typed it: in the search box and in the "no match" sentence.
        (await anonymous.Page.Locator("[data-total]").TextContentAsync()).ShouldBe($"No contact you may see matches “{person.FullName}”.");
        (await anonymous.VisibleTextAsync()).ShouldNotContain(person.OrganisationName);
        await anonymous.ScreenshotAsync("contacts-search-anonymous");
        office.PageErrors.ShouldBeEmpty();
        anonymous.PageErrors.ShouldBeEmpty();
    }

    [SkippableFact]
    public async Task Signed_in_at_phone_width_the_contacts_view_fits_the_screen()
    {
        await using var session = await browser.OpenAsync(width: 375, height: 812);
        var page = session.Page;
        await session.OpenDashboardAsync("#/contacts");
        await session.SignInAsync(browser.Token(Roles.CommissionerOffice));

        (await page.Locator("[data-viewer-role]").TextContentAsync()).ShouldBe("commissioner-office");
        (await page.Locator("[data-results=contacts] tbody tr").CountAsync()).ShouldBeGreaterThan(0);
        (await page.GetByRole(AriaRole.Button, new() { Name = "Export CSV" }).IsVisibleAsync()).ShouldBeTrue();
        var widths = await page.EvaluateAsync<int[]>("[document.documentElement.scrollWidth, document.documentElement.clientWidth]");
        widths[0].ShouldBeLessThanOrEqualTo(widths[1], "the signed-in contacts view is wider than the 375px viewport");
        await session.ScreenshotAsync("phone-contacts-signed-in");
        session.PageErrors.ShouldBeEmpty();
    }

    /// <summary>Types the search into the box and submits; waits until the results for that search are shown.</summary>
    internal static async Task SearchAsync(IPage page, string search)
    {
        await page.GetByLabel("Search contacts").FillAsync(search);
        await page.GetByRole(AriaRole.Button, new() { Name = "Search", Exact = true }).ClickAsync();
        // The summary names the search once the new results are in (whether or not anything matched).
        await Expect(page.Locator("[data-results=contacts] [data-total]")).ToContainTextAsync($"“{search}”");
        await page.Locator("main[data-ready=true]").WaitForAsync();
    }

    /// <summary>The contact codes of the rows shown, in order.</summary>
    internal static async Task<string[]> ShownCodesAsync(IPage page)
    {
        var codes = await page.Locator("[data-results=contacts] tbody th[data-value]").EvaluateAllAsync<string[]>(
            "cells => cells.map(c => c.dataset.value)");
        return codes;
    }

    internal static string[] Codes(JsonElement connection) =>
        connection.GetProperty("nodes").EnumerateArray().Select(n => n.GetProperty("code").GetString()!).ToArray();

    private sealed record Person(string Key, string FullName, string OrganisationCode, string OrganisationName);

    /// <summary>A sample person whose full name no one else has, so the search has one obvious answer.</summary>
    private async Task<Person> PersonWithAUniqueNameAsync()
    {
        await using var db = browser.Database();
        var contacts = await db.Contacts.AsNoTracking()
            .OrderBy(c => c.Key)
            .Select(c => new Person(c.Key, c.FullName, c.Organisation.Code, c.Organisation.Name))
            .ToListAsync();
        contacts.ShouldNotBeEmpty("the sample data has contacts");
        return contacts.GroupBy(c => c.FullName).Where(g => g.Count() == 1).Select(g => g.Single())
            .First(c => c.FullName.Contains(' ', StringComparison.Ordinal));
    }
}
