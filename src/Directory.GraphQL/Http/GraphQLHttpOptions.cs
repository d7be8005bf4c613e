namespace Directory.GraphQL.Http;

/// <summary>Settings of the GraphQL-over-HTTP endpoint.</summary>
public sealed class GraphQLHttpOptions
{
    /// <summary>Request bodies above this size are refused with 413 before they are parsed. Default 512 KiB.</summary>
    public long MaxRequestBodyBytes { get; set; } = 512 * 1024;

    /// <summary>Whether queries may be sent with GET (mutations never may: they get 405).</summary>
    public bool AllowGet { get; set; } = true;
}
