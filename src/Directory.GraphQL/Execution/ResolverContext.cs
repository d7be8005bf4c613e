namespace Directory.GraphQL.Execution;

/// <summary>What a resolver is given: the parent value, the coerced arguments, the request's services and cancellation.</summary>
public sealed class ResolverContext
{
    /// <summary>The value the parent field resolved to (null for a root field unless a root value was given).</summary>
    public object? Parent { get; internal set; }

    /// <summary>Coerced argument values keyed by argument name (spec §6.4.1 CoerceArgumentValues).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; internal set; } = EmptyArguments;

    public IServiceProvider Services { get; internal set; } = EmptyServices.Instance;

    public CancellationToken CancellationToken { get; internal set; }

    private static readonly IReadOnlyDictionary<string, object?> EmptyArguments = new Dictionary<string, object?>();

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
