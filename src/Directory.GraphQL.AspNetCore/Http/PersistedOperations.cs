using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Microsoft.AspNetCore.Http;

namespace Directory.GraphQL.Http;

/// <summary>Settings of persisted operations (automatic persisted queries and trusted documents).</summary>
public sealed class PersistedOperationOptions
{
    /// <summary>
    /// Whether requests may carry <c>extensions.persistedQuery</c> at all. When false such a request gets
    /// <c>PERSISTED_QUERY_NOT_SUPPORTED</c>, upon which Apollo's link stops hashing and sends full documents.
    /// </summary>
    public bool Enabled { get; set; } = true;

    /// <summary>
    /// Accept only the trusted documents, by hash or as a document whose hash is trusted; every other document and
    /// every automatic registration is refused with <c>PERSISTED_QUERY_REQUIRED</c>.
    /// </summary>
    public bool OnlyPersisted { get; set; }

    /// <summary>How many automatically registered documents are kept (least recently used ones go first).</summary>
    public int CacheSize { get; set; } = 1000;

    /// <summary>
    /// <c>max-age</c> of a successful query fetched with GET by hash alone (a short, stable URL a CDN can cache);
    /// 0 leaves such responses without a Cache-Control header.
    /// </summary>
    public int MaxAgeSeconds { get; set; } = 60;

    /// <summary>The trusted documents by the lower-case hex SHA-256 of their exact text.</summary>
    public IReadOnlyDictionary<string, string> TrustedDocuments { get; set; } = new Dictionary<string, string>();
}

/// <summary>
/// Apollo's automatic persisted queries protocol (version 1) and trusted documents for one endpoint. A request whose
/// <c>extensions.persistedQuery.sha256Hash</c> names a known document runs that document; an unknown hash without a
/// query gets <c>PERSISTED_QUERY_NOT_FOUND</c>, and the client's retry with the query registers it (after checking
/// the hash, so no one can plant a different document under a hash). Registered documents live in a bounded cache
/// shared by all requests of the process; trusted documents are fixed at start.
/// </summary>
public sealed class PersistedOperations
{
    /// <summary>The key of the persisted-query entry in a request's <c>extensions</c>.</summary>
    public const string ExtensionName = "persistedQuery";

    /// <summary>An endpoint without persisted operations: a request carrying a hash is told so.</summary>
    internal static readonly PersistedOperations Unsupported = new(new PersistedOperationOptions { Enabled = false, CacheSize = 1 });

    private readonly LruCache<string, string> _registered;
    private readonly Dictionary<string, string> _trusted = new(StringComparer.Ordinal);

    /// <exception cref="InvalidOperationException">A trusted document is not stored under its own hash.</exception>
    public PersistedOperations(PersistedOperationOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _registered = new LruCache<string, string>(options.CacheSize, StringComparer.Ordinal);
        foreach (var (hash, document) in options.TrustedDocuments)
        {
            // A manifest edited by hand or built from other sources would otherwise fail only when a client asks.
            if (!string.Equals(Hash(document), hash, StringComparison.OrdinalIgnoreCase))
            {
                throw new InvalidOperationException(
                    $"The trusted document listed under {hash} has the SHA-256 hash {Hash(document)}: rebuild the manifest.");
            }
            _trusted[hash.ToLowerInvariant()] = document;
        }
    }

    /// <summary>The settings this instance was built with.</summary>
    public PersistedOperationOptions Options { get; }

    /// <summary>How many trusted documents are loaded.</summary>
    public int TrustedCount => _trusted.Count;

    /// <summary>How many automatically registered documents are in the cache now.</summary>
    public int RegisteredCount => _registered.Count;

    /// <summary>The lower-case hex SHA-256 of a document's UTF-8 text, as Apollo's link computes it.</summary>
    public static string Hash(string document) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(document)));

    /// <summary>Whether a request names its document by hash (it may then omit <c>query</c>).</summary>
    internal static bool IsPersistedQuery(IReadOnlyDictionary<string, JsonElement>? extensions) =>
        extensions is not null && extensions.TryGetValue(ExtensionName, out var value) && value.ValueKind != JsonValueKind.Null;

    /// <summary>The request with its document, or why it is refused.</summary>
    internal PersistedResolution Resolve(GraphQLRequest request)
    {
        if (!IsPersistedQuery(request.Extensions))
        {
            return Options.OnlyPersisted && (request.Query is null || !_trusted.ContainsKey(Hash(request.Query)))
                ? Refuse(ErrorCodes.PersistedQueryRequired,
                    "Only persisted operations are accepted: send the sha256Hash of a trusted document in extensions.persistedQuery.")
                : new PersistedResolution(request);
        }

        if (!Options.Enabled)
        {
            // Apollo's link matches this exact message (as well as the code) and then sends full documents.
            return Refuse(ErrorCodes.PersistedQueryNotSupported, "PersistedQueryNotSupported");
        }

        if (ReadHash(request.Extensions![ExtensionName]) is not { } hash)
        {
            return new PersistedResolution(null, Problem: new HttpRequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
                "extensions.persistedQuery must be {\"version\": 1, \"sha256Hash\": \"<64 hexadecimal digits>\"}."));
        }

        if (request.Query is not null && Hash(request.Query) != hash)
        {
            return new PersistedResolution(null, Problem: new HttpRequestProblem(StatusCodes.Status400BadRequest, ErrorCodes.BadRequest,
                $"extensions.persistedQuery.sha256Hash {hash} is not the SHA-256 hash of the query ({Hash(request.Query)})."));
        }

        if (_trusted.TryGetValue(hash, out var document) || (!Options.OnlyPersisted && _registered.TryGet(hash, out document)))
        {
            return new PersistedResolution(WithQuery(request, document), ByHashOnly: request.Query is null);
        }

        if (request.Query is null)
        {
            // Apollo's link matches this exact message (as well as the code) and retries with the query.
            return Refuse(ErrorCodes.PersistedQueryNotFound, "PersistedQueryNotFound");
        }

        return Options.OnlyPersisted
            ? Refuse(ErrorCodes.PersistedQueryRequired,
                "Only persisted operations are accepted: this server does not register new documents.")
            : new PersistedResolution(request, RegisterAs: hash);
    }

    /// <summary>Keeps a document the client registered; called once it has run, so documents that do not parse or
    /// validate take no room in the cache.</summary>
    internal void Register(string hash, string document) => _registered.Set(hash, document);

    private static string? ReadHash(JsonElement extension)
    {
        if (extension.ValueKind != JsonValueKind.Object
            || !extension.TryGetProperty("version", out var version) || !version.TryGetInt32(out var number) || number != 1
            || !extension.TryGetProperty("sha256Hash", out var hashElement) || hashElement.ValueKind != JsonValueKind.String)
        {
            return null;
        }
        var hash = hashElement.GetString()!;
        return hash.Length == 64 && hash.All(char.IsAsciiHexDigit) ? hash.ToLowerInvariant() : null;
    }

    private static GraphQLRequest WithQuery(GraphQLRequest request, string document) => new()
    {
        Query = document,
        OperationName = request.OperationName,
        Variables = request.Variables,
        Extensions = request.Extensions,
    };

    private static PersistedResolution Refuse(string code, string message) =>
        new(null, Refusal: ExecutionResult.RequestError(new GraphQLError(message, code: code)));
}

/// <summary>
/// The outcome of <see cref="PersistedOperations.Resolve"/>: the request to run (with its document), or a refusal
/// answered as a GraphQL request error, or a malformed request answered 400.
/// </summary>
internal sealed record PersistedResolution(
    GraphQLRequest? Request,
    ExecutionResult? Refusal = null,
    HttpRequestProblem? Problem = null,
    string? RegisterAs = null,
    bool ByHashOnly = false);
