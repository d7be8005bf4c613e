using System.Net;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.ServiceUnderTest;

/// <summary>
/// The real Directory.Api host on Kestrel at http://127.0.0.1:&lt;free port&gt;: a browser cannot reach an in-memory
/// TestServer, so the browser tests talk real HTTP to the service as a user's browser would.
/// </summary>
public sealed class KestrelDirectoryApp : WebApplicationFactory<Program>
{
    private readonly string _databasePath = Path.Combine(Path.GetTempPath(), $"directory-web-{Guid.NewGuid():N}.db");
    private readonly IReadOnlyDictionary<string, string> _settings;

    /// <param name="settings">Configuration on top of the defaults (e.g. <c>GraphQL:PersistedOperations:OnlyPersisted</c>).</param>
    public KestrelDirectoryApp(IReadOnlyDictionary<string, string>? settings = null)
    {
        _settings = settings ?? new Dictionary<string, string>();
        UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
    }

    /// <summary>Where the service listens, e.g. <c>http://127.0.0.1:41234</c> (no trailing slash).</summary>
    public Uri BaseAddress { get; private set; } = new("http://127.0.0.1/");

    /// <summary>Starts Kestrel and returns the address it bound.</summary>
    public Uri Start()
    {
        StartServer();
        var addresses = Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()?.Addresses
            ?? throw new InvalidOperationException("Kestrel reported no addresses.");
        BaseAddress = new Uri(addresses.First(a => a.StartsWith("http://127.0.0.1:", StringComparison.Ordinal)));
        return BaseAddress;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Development");
        // A database of its own, so the tests never touch a developer's directory.db.
        builder.UseSetting("ConnectionStrings:Directory", $"Data Source={_databasePath}");
        builder.UseSetting("Database:Provider", "Sqlite");
        foreach (var (key, value) in _settings)
        {
            builder.UseSetting(key, value);
        }
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        foreach (var path in new[] { _databasePath, _databasePath + "-wal", _databasePath + "-shm" })
        {
            try
            {
                File.Delete(path);
            }
            catch (IOException)
            {
                // A pooled connection may still hold the file for a moment; the temp folder is cleaned eventually.
            }
        }
    }
}
