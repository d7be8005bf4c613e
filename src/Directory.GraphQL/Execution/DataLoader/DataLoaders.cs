namespace Directory.GraphQL.Execution;

/// <summary>A per-request loader the scheduler can dispatch.</summary>
public abstract class DataLoaderBase
{
    private protected DataLoaderBase(string name) => Name = name;

    /// <summary>The name the loader is registered under in its request.</summary>
    public string Name { get; }

    /// <summary>Number of batches this loader has fetched (diagnostics and tests).</summary>
    public int BatchCount { get; private protected set; }

    /// <summary>Fetches every undispatched key in one call and completes their tasks. Never throws.</summary>
    internal abstract Task DispatchAsync();

    /// <summary>"batch" or "group": the metric label of the loader's batches (its name may be per request, so unbounded).</summary>
    private protected abstract string Kind { get; }
}

/// <summary>
/// Collects keys during a level of execution and fetches them in one batch when the scheduler dispatches it.
/// Results are cached for the request: loading a key twice fetches it once and returns the same task.
/// </summary>
public abstract class DataLoader<TKey, TResult> : DataLoaderBase
    where TKey : notnull
{
    private readonly ExecutionScheduler _scheduler;
    private readonly CancellationToken _cancellationToken;
    private readonly Lock _gate = new();
    private readonly Dictionary<TKey, TaskCompletionSource<TResult>> _cache = [];
    private List<TKey> _pendingKeys = [];
    private List<TaskCompletionSource<TResult>> _pendingTasks = [];

    private protected DataLoader(string name, ExecutionScheduler scheduler, CancellationToken cancellationToken)
        : base(name)
    {
        _scheduler = scheduler;
        _cancellationToken = cancellationToken;
    }

    /// <summary>The value for one key; completes when the batch holding it has been fetched.</summary>
    public Task<TResult> LoadAsync(TKey key)
    {
        ArgumentNullException.ThrowIfNull(key);
        bool first;
        TaskCompletionSource<TResult> completion;
        lock (_gate)
        {
            if (_cache.TryGetValue(key, out var cached))
            {
                return cached.Task;
            }
            // Waiters resume through the scheduler (posted), never inline inside the batch that completes them.
            completion = new TaskCompletionSource<TResult>(TaskCreationOptions.RunContinuationsAsynchronously);
            _cache.Add(key, completion);
            first = _pendingKeys.Count == 0;
            _pendingKeys.Add(key);
            _pendingTasks.Add(completion);
        }
        if (first)
        {
            _scheduler.ScheduleBatch(this);
        }
        return completion.Task;
    }

    /// <summary>The values for several keys, in the order given (all in the same batch).</summary>
    public Task<TResult[]> LoadManyAsync(IEnumerable<TKey> keys)
    {
        ArgumentNullException.ThrowIfNull(keys);
        return Task.WhenAll(keys.Select(LoadAsync));
    }

    internal sealed override async Task DispatchAsync()
    {
        List<TKey> keys;
        List<TaskCompletionSource<TResult>> tasks;
        lock (_gate)
        {
            keys = _pendingKeys;
            tasks = _pendingTasks;
            _pendingKeys = [];
            _pendingTasks = [];
        }
        if (keys.Count == 0)
        {
            return;
        }
        BatchCount++;
        _scheduler.Telemetry?.RecordBatch(keys.Count, Kind);
        var results = new TResult[keys.Count];
        try
        {
            _cancellationToken.ThrowIfCancellationRequested();
            await FetchAsync(keys, results, _cancellationToken).ConfigureAwait(false);
        }
        catch (Exception ex)
        {
            foreach (var task in tasks)
            {
                task.TrySetException(ex);
            }
            return;
        }
        for (var i = 0; i < tasks.Count; i++)
        {
            tasks[i].TrySetResult(results[i]);
        }
    }

    /// <summary>Fetches the keys and fills <paramref name="results"/> at the same indices.</summary>
    private protected abstract Task FetchAsync(IReadOnlyList<TKey> keys, TResult[] results, CancellationToken cancellationToken);
}

/// <summary>A 1:1 loader: each key maps to at most one value; keys the fetch did not return resolve to null (default).</summary>
public sealed class BatchDataLoader<TKey, TValue> : DataLoader<TKey, TValue?>
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> _fetch;

    internal BatchDataLoader(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch,
        ExecutionScheduler scheduler,
        CancellationToken cancellationToken)
        : base(name, scheduler, cancellationToken) => _fetch = fetch;

    private protected override string Kind => "batch";

    private protected override async Task FetchAsync(IReadOnlyList<TKey> keys, TValue?[] results, CancellationToken cancellationToken)
    {
        var values = await _fetch(keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++)
        {
            results[i] = values.TryGetValue(keys[i], out var value) ? value : default;
        }
    }
}

/// <summary>A 1:n loader: each key maps to an array of values, empty when the fetch returned none for it.</summary>
public sealed class GroupDataLoader<TKey, TValue> : DataLoader<TKey, TValue[]>
    where TKey : notnull
{
    private readonly Func<IReadOnlyList<TKey>, CancellationToken, Task<Func<TKey, TValue[]>>> _fetch;

    internal GroupDataLoader(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<Func<TKey, TValue[]>>> fetch,
        ExecutionScheduler scheduler,
        CancellationToken cancellationToken)
        : base(name, scheduler, cancellationToken) => _fetch = fetch;

    private protected override string Kind => "group";

    private protected override async Task FetchAsync(IReadOnlyList<TKey> keys, TValue[][] results, CancellationToken cancellationToken)
    {
        var lookup = await _fetch(keys, cancellationToken).ConfigureAwait(false);
        for (var i = 0; i < keys.Count; i++)
        {
            results[i] = lookup(keys[i]);
        }
    }
}

/// <summary>The loaders of one request, by name.</summary>
internal sealed class DataLoaderRegistry(ExecutionScheduler scheduler, CancellationToken cancellationToken)
{
    private readonly Lock _gate = new();
    private readonly Dictionary<string, DataLoaderBase> _loaders = new(StringComparer.Ordinal);

    public IEnumerable<DataLoaderBase> Loaders
    {
        get
        {
            lock (_gate)
            {
                return [.. _loaders.Values];
            }
        }
    }

    public BatchDataLoader<TKey, TValue> Batch<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<IReadOnlyDictionary<TKey, TValue>>> fetch)
        where TKey : notnull =>
        GetOrCreate(name, () => new BatchDataLoader<TKey, TValue>(name, fetch, scheduler, cancellationToken));

    public GroupDataLoader<TKey, TValue> Group<TKey, TValue>(
        string name,
        Func<IReadOnlyList<TKey>, CancellationToken, Task<Func<TKey, TValue[]>>> fetch)
        where TKey : notnull =>
        GetOrCreate(name, () => new GroupDataLoader<TKey, TValue>(name, fetch, scheduler, cancellationToken));

    private T GetOrCreate<T>(string name, Func<T> create)
        where T : DataLoaderBase
    {
        ArgumentNullException.ThrowIfNull(name);
        lock (_gate)
        {
            if (_loaders.TryGetValue(name, out var existing))
            {
                return existing as T ?? throw new InvalidOperationException(
                    $"The DataLoader \"{name}\" was already created as {existing.GetType().Name}, not {typeof(T).Name}.");
            }
            var loader = create();
            _loaders.Add(name, loader);
            return loader;
        }
    }
}
