using Microsoft.Net.Http.Headers;

namespace Directory.GraphQL.Http;

/// <summary>The response media types of GraphQL over HTTP and the negotiation between them.</summary>
internal static class MediaTypes
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    /// <summary>
    /// Picks the response media type for an Accept header: the supported type with the highest quality, earlier
    /// entries winning ties; <c>*/*</c> and <c>application/*</c> mean <c>application/json</c>, as does a missing header
    /// (what legacy clients expect). Returns null when nothing acceptable was asked for (the caller answers 406).
    /// </summary>
    public static string? Negotiate(string? acceptHeader)
    {
        if (string.IsNullOrWhiteSpace(acceptHeader))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList([acceptHeader], out var accepted))
        {
            return null;
        }

        string? best = null;
        var bestQuality = 0.0;
        foreach (var entry in accepted)
        {
            var quality = entry.Quality ?? 1.0;
            if (quality <= 0 || quality <= bestQuality)
            {
                continue;
            }

            var candidate = Supported(entry);
            if (candidate is not null && IsUtf8(entry))
            {
                best = candidate;
                bestQuality = quality;
            }
        }
        return best;
    }

    private static string? Supported(MediaTypeHeaderValue entry)
    {
        var type = entry.MediaType;
        if (type.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
        {
            return GraphQLResponseJson;
        }

        if (type.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || type.Equals("*/*", StringComparison.OrdinalIgnoreCase)
            || type.Equals("application/*", StringComparison.OrdinalIgnoreCase))
        {
            return Json;
        }
        return null;
    }

    // We only write UTF-8; a client asking for another charset cannot be served that media type.
    private static bool IsUtf8(MediaTypeHeaderValue entry) =>
        !entry.Charset.HasValue || entry.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase);

    /// <summary>Whether a request Content-Type is JSON in UTF-8 (no charset means UTF-8, as the spec says).</summary>
    public static bool IsJsonRequest(string? contentType)
    {
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var parsed))
        {
            return false;
        }
        return parsed.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) && IsUtf8(parsed);
    }
}
