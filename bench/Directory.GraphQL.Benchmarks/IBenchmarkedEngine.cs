namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// What each engine does in one benchmark operation; the execute phases return the response's UTF-8 JSON (valid
/// until the engine's next call), so serialising the result is part of the work, as it is for a server.
/// </summary>
internal interface IBenchmarkedEngine
{
    string Name { get; }

    /// <summary>Parse the document text.</summary>
    object Parse();

    /// <summary>The specification's rules on the parsed document; returns the number of errors.</summary>
    int Validate();

    /// <summary>Execute the parsed, already validated document: plan (collect fields), execute, write JSON.</summary>
    ReadOnlyMemory<byte> ExecuteDocument();

    /// <summary>A request (the document's text) with everything the engine caches between requests cached.</summary>
    ReadOnlyMemory<byte> WarmRequest();

    /// <summary>A request no cache helps: parse, validate, plan, execute, write JSON.</summary>
    ReadOnlyMemory<byte> ColdRequest();
}
