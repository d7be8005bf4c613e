using System.Text.Json;
using Directory.Api.Web;
using Directory.GraphQL.Http;

namespace Directory.Api.GraphQL;

/// <summary>
/// Persisted operations for <c>/graphql</c>, from the <c>GraphQL:PersistedOperations</c> settings. The trusted
/// documents are the dashboard's own operations, which the ClientApp build writes to
/// <c>persisted-operations.json</c> (embedded with the bundles), plus those of an optional manifest file
/// (<c>ManifestPath</c>) for other clients; both map the SHA-256 hash of each document to the document.
/// </summary>
public static class TrustedDocuments
{
    /// <summary>The dashboard's manifest among the bundle files (also served at <c>/app/persisted-operations.json</c>).</summary>
    public const string DashboardManifest = "/persisted-operations.json";

    public static PersistedOperations Create(IConfiguration section, ClientAppFiles clientApp)
    {
        var documents = new Dictionary<string, string>(StringComparer.Ordinal);
        var dashboard = clientApp.Files.GetFileInfo(DashboardManifest);
        if (dashboard.Exists)
        {
            using var stream = dashboard.CreateReadStream();
            Add(documents, stream, "the dashboard's persisted-operations.json");
        }
        if (section["ManifestPath"] is { Length: > 0 } path)
        {
            if (!File.Exists(path))
            {
                throw new InvalidOperationException(
                    $"GraphQL:PersistedOperations:ManifestPath names {Path.GetFullPath(path)}, which does not exist.");
            }
            using var stream = File.OpenRead(path);
            Add(documents, stream, path);
        }

        return new PersistedOperations(new PersistedOperationOptions
        {
            Enabled = section.GetValue("Enabled", true),
            OnlyPersisted = section.GetValue("OnlyPersisted", false),
            CacheSize = section.GetValue("CacheSize", 1000),
            MaxAgeSeconds = section.GetValue("MaxAgeSeconds", 60),
            TrustedDocuments = documents,
        });
    }

    private static void Add(Dictionary<string, string> documents, Stream manifest, string source)
    {
        Dictionary<string, string>? entries;
        try
        {
            entries = JsonSerializer.Deserialize<Dictionary<string, string>>(manifest);
        }
        catch (JsonException e)
        {
            throw new InvalidOperationException(
                $"The persisted operation manifest {source} is not a JSON object of hash -> document strings: {e.Message}", e);
        }
        foreach (var (hash, document) in entries ?? [])
        {
            // The JSON may hold null where the type system says string.
            documents[hash] = document ?? throw new InvalidOperationException(
                $"The persisted operation manifest {source} has no document under {hash}.");
        }
    }
}
