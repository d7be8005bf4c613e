using Directory.Api.Paging;
using Directory.Data.Model;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// Every connection gets a DataLoader of its own. Names once came from a counter per element type, so a contacts and
/// an organisations connection could meet in one request under the same name and the second failed.
/// </summary>
public sealed class ConnectionLoaderTests
{
    private static readonly PageRequest FirstPage = new(null, null, null, null);

    [Fact]
    public void Connections_of_different_element_types_never_share_a_loader_name()
    {
        var names = new List<string>();
        // Whichever type's count is behind is advanced past the other's: with a counter per type, the two would meet.
        var contact = Contact();
        names.Add(contact.LoaderName);
        for (var organisation = Organisation(); Number(organisation.LoaderName) <= Number(contact.LoaderName); organisation = Organisation())
        {
            names.Add(organisation.LoaderName);
        }
        var lastOrganisation = Organisation();
        names.Add(lastOrganisation.LoaderName);
        for (var next = Contact(); Number(next.LoaderName) <= Number(lastOrganisation.LoaderName); next = Contact())
        {
            names.Add(next.LoaderName);
        }

        names.Count.ShouldBeGreaterThan(1);
        names.ShouldBeUnique();
    }

    private static Connection<Contact> Contact() => new(null!, db => db.Contacts, FirstPage, nodes: null);

    private static Connection<Organisation> Organisation() => new(null!, db => db.Organisations, FirstPage, nodes: null);

    private static long Number(string loaderName) => long.Parse(loaderName["connection:".Length..], System.Globalization.CultureInfo.InvariantCulture);
}
