using System.Reflection;
using Microsoft.Extensions.FileProviders;

namespace Directory.Api.Web;

/// <summary>
/// The front-end bundles (dashboard and GraphiQL) embedded in this assembly by ClientApp.targets. Serving them from
/// the assembly means the service needs no CDN, no internet and no particular content root or working directory.
/// </summary>
public sealed class ClientAppFiles
{
    // ClientApp.targets names each bundle file "DirectoryWeb.app.<relative path with dots>"; EmbeddedFileProvider
    // maps a request path such as /workers/editor.js onto exactly that naming.
    private const string ResourcePrefix = "DirectoryWeb.app";

    /// <summary>Reads the bundles embedded in the service assembly.</summary>
    public ClientAppFiles()
        : this(new EmbeddedFileProvider(typeof(ClientAppFiles).Assembly, ResourcePrefix))
    {
    }

    /// <summary>Reads the bundles from another provider (e.g. a folder).</summary>
    public ClientAppFiles(IFileProvider files)
    {
        Files = files;
    }

    /// <summary>The bundle files, addressed as under <c>/app</c> (e.g. <c>/dashboard.js</c>).</summary>
    public IFileProvider Files { get; }

    /// <summary>The dashboard page.</summary>
    public IFileInfo DashboardPage => Files.GetFileInfo("/index.html");

    /// <summary>The GraphiQL page.</summary>
    public IFileInfo GraphiQLPage => Files.GetFileInfo("/graphiql.html");

    /// <summary>Whether the front end was built into this assembly (it is not when npm was unavailable).</summary>
    public bool IsBuilt => DashboardPage.Exists;

    /// <summary>The names of the embedded bundle files, for diagnostics.</summary>
    public static IReadOnlyList<string> EmbeddedNames(Assembly assembly) =>
        assembly.GetManifestResourceNames().Where(n => n.StartsWith(ResourcePrefix + ".", StringComparison.Ordinal)).ToList();
}
