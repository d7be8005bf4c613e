namespace Directory.GraphQL.Language;

/// <summary>Limits and switches for <see cref="Parser"/>. The limits make hostile documents fail fast, before validation.</summary>
public sealed record ParserOptions
{
    /// <summary>The default limits.</summary>
    public static ParserOptions Default { get; } = new();

    /// <summary>
    /// Most lexical tokens (ignored tokens excluded) a document may contain, like graphql-js `maxTokens`; exceeding it
    /// raises <see cref="Errors.ErrorCodes.MaxTokensExceeded"/>. Use <see cref="int.MaxValue"/> for large SDL files.
    /// </summary>
    public int MaxTokens { get; init; } = 15_000;

    /// <summary>
    /// Deepest nesting of selection sets, list and object values and list types; exceeding it raises
    /// <see cref="Errors.ErrorCodes.MaxDepthExceeded"/>. Also keeps the recursive-descent parser far from the stack limit.
    /// </summary>
    public int MaxDepth { get; init; } = 128;

    /// <summary>Skip <see cref="SyntaxNode.Location"/> on every node (smaller trees when no error will point into them).</summary>
    public bool NoLocation { get; init; }
}
