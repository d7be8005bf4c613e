using System.Text.Json;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Execution;

/// <summary>
/// What a resolver is given: the parent value, the coerced arguments, the field being resolved and where it sits
/// in the response, the request's services, variables, extensions and state, DataLoaders and cancellation.
/// A context describes one call: it is valid while the resolver runs and, when the resolver returns an unfinished
/// task, until that task completes. Once a resolver has returned a completed value, the executor hands the same
/// context to the request's next resolver call, so keep what you need from it (parent, arguments), not the context.
/// </summary>
public sealed class ResolverContext
{
    /// <summary>The value the parent field resolved to (null for a root field unless a root value was given).</summary>
    public object? Parent { get; internal set; }

    /// <summary>Coerced argument values keyed by argument name (spec §6.4.1 CoerceArgumentValues).</summary>
    public IReadOnlyDictionary<string, object?> Arguments { get; internal set; } = EmptyArguments;

    /// <summary>The request's service provider (the HTTP request's scope when served over HTTP).</summary>
    public IServiceProvider Services
    {
        get => _overrides?.Services ?? Request?.Services ?? EmptyServices.Instance;
        internal set => Overridden.Services = value;
    }

    /// <summary>Cancelled when the request is aborted or times out.</summary>
    public CancellationToken CancellationToken
    {
        get => _overrides?.CancellationToken ?? Request?.CancellationToken ?? default;
        internal set => Overridden.CancellationToken = value;
    }

    /// <summary>The definition of the field being resolved.</summary>
    public FieldDefinition? Field
    {
        get => _overrides?.Field ?? Selection?.Field;
        internal set => Overridden.Field = value;
    }

    /// <summary>The object type whose field is being resolved (the runtime type of <see cref="Parent"/>).</summary>
    public ObjectType? ParentType
    {
        get => _overrides?.ParentType ?? Selection?.ParentType;
        internal set => Overridden.ParentType = value;
    }

    /// <summary>The field's nodes in the document (several when the same response name is selected more than once).</summary>
    internal IReadOnlyList<FieldNode> FieldNodes
    {
        get => _overrides?.FieldNodes ?? Selection?.Nodes ?? [];
        set => Overridden.FieldNodes = value;
    }

    /// <summary>The response path of the field (e.g. <c>items.3.children</c>), built on first use.</summary>
    public ResponsePath? Path
    {
        get => _path ??= Selection is null ? null
            : Writing is { } writing ? writing.PathOf(Selection)
            : ResultParent is null ? null : ResultPaths.Build(ResultParent, Selection.Index);
        internal set => _path = value;
    }

    /// <summary>The operation's coerced variable values.</summary>
    public IReadOnlyDictionary<string, object?> Variables
    {
        get => _overrides?.Variables ?? Request?.Variables ?? EmptyArguments;
        internal set => Overridden.Variables = value;
    }

    /// <summary>The request's <c>extensions</c> map as the client sent it (e.g. over HTTP).</summary>
    public IReadOnlyDictionary<string, JsonElement> Extensions
    {
        get => _overrides?.Extensions ?? Request?.Extensions ?? EmptyExtensions;
        internal set => Overridden.Extensions = value;
    }

    /// <summary>State shared by every resolver of the same request (thread-safe).</summary>
    public IDictionary<string, object?> RequestState => Request?.State ?? throw NoRequest();

    /// <summary>
    /// The request-wide value under <paramref name="key"/>, made by <paramref name="create"/> on first use (as
    /// HotChocolate's GetOrSetGlobalState): resolvers running at once all get the one value kept. When they race,
    /// <paramref name="create"/> may run more than once and all but one result are dropped, so it must only build.
    /// </summary>
    public T GetOrAddRequestState<T>(string key, Func<string, T> create)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(create);
        var state = Request?.State ?? throw NoRequest();
        return (T)state.GetOrAdd(key, static (k, make) => make(k), create)!;
    }

    /// <summary>The schema being executed against; null outside a request.</summary>
    public Schema? Schema => Request?.Schema;

    internal OperationDefinitionNode? Operation => Request?.Operation;

    internal RequestContext? Request { get; set; }

    /// <summary>The field being resolved as compiled for the operation (null for a context the executor did not create).</summary>
    public Selection? Selection { get; internal set; }

    // Where the value goes: the result node whose slot it fills, or the direct writer writing it (whose place in the
    // response gives the path). One field for both, so that a context is no larger than before the writer called resolvers.
    private object? _place;

    internal ResultNode? ResultParent
    {
        get => _place as ResultNode;
        set => _place = value;
    }

    /// <summary>The direct writer calling this resolver, whose place in the response gives its path; null otherwise.</summary>
    internal DirectJsonSession? Writing
    {
        get => _place as DirectJsonSession;
        set => _place = value;
    }

    private ResponsePath? _path;

    /// <summary>Clears what one resolver call set, so the request's next call can take this context (RequestContext).</summary>
    internal void Reset()
    {
        Parent = null;
        Arguments = EmptyArguments;
        Selection = null;
        _place = null;
        _path = null;
    }

    // The executor makes one context per resolver call and sets none of these, so they live apart: a context it
    // makes stays small.
    private Overrides? _overrides;

    private Overrides Overridden => _overrides ??= new Overrides();

    /// <summary>Values set on a context instead of read from its request and selection.</summary>
    private sealed class Overrides
    {
        public IServiceProvider? Services { get; set; }

        public CancellationToken? CancellationToken { get; set; }

        public FieldDefinition? Field { get; set; }

        public ObjectType? ParentType { get; set; }

        public IReadOnlyList<FieldNode>? FieldNodes { get; set; }

        public IReadOnlyDictionary<string, object?>? Variables { get; set; }

        public IReadOnlyDictionary<string, JsonElement>? Extensions { get; set; }
    }

    /// <summary>True when the argument was given (literally, by a variable that was provided, or by a default).</summary>
    public bool HasArgument(string name) => Arguments.ContainsKey(name);

    /// <summary>The coerced argument, converted to <typeparamref name="T"/> when it is a number of another width.</summary>
    public T? GetArgument<T>(string name) => Arguments.TryGetValue(name, out var value) ? ValueConversion.To<T>(value) : default;

    /// <summary>
    /// The request's 1:1 loader of this name, created on first use. Keys loaded during one execution level are
    /// fetched in one call; a key is fetched once per request.
    /// </summary>
    public BatchDataLoader<TKey, TValue> BatchLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return (Request ?? throw NoRequest()).Loaders.Batch(name, fetch);
    }

    /// <summary>The request's 1:n loader of this name; the fetch returns a lookup (keys without values give empty arrays).</summary>
    public GroupDataLoader<TKey, TValue> GroupLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<ILookup<TKey, TValue>>> fetch)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return (Request ?? throw NoRequest()).Loaders.Group<TKey, TValue>(name, async (keys, ct) =>
        {
            var lookup = await fetch(keys, ct).ConfigureAwait(false);
            return key => lookup.Contains(key) ? [.. lookup[key]] : [];
        });
    }

    /// <summary>The request's 1:n loader of this name; the fetch returns arrays by key (missing keys give empty arrays).</summary>
    public GroupDataLoader<TKey, TValue> GroupLoader<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue[]>>> fetch)
        where TKey : notnull
    {
        ArgumentNullException.ThrowIfNull(fetch);
        return (Request ?? throw NoRequest()).Loaders.Group<TKey, TValue>(name, async (keys, ct) =>
        {
            var groups = await fetch(keys, ct).ConfigureAwait(false);
            return key => groups.TryGetValue(key, out var values) ? values : [];
        });
    }

    private static InvalidOperationException NoRequest() =>
        new("This ResolverContext was not created by the executor, so it has no request state or DataLoaders.");

    private static readonly IReadOnlyDictionary<string, object?> EmptyArguments = new Dictionary<string, object?>();

    private static readonly IReadOnlyDictionary<string, JsonElement> EmptyExtensions = new Dictionary<string, JsonElement>();

    private sealed class EmptyServices : IServiceProvider
    {
        public static readonly EmptyServices Instance = new();
        public object? GetService(Type serviceType) => null;
    }
}
