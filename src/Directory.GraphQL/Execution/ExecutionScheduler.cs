namespace Directory.GraphQL.Execution;

/// <summary>
/// Runs one request's resolver work and decides when DataLoader batches go out (docs/engine-design.md, "Execution").
/// Resolver code runs on a single logical thread, like JavaScript's event loop: while the loop
/// drains its queue this scheduler is the current <see cref="SynchronizationContext"/>, so the continuation of every
/// <c>await</c> in a resolver is posted back here instead of running on the thread pool. Batches are dispatched only
/// when the queue is empty and no batch is in flight, which is exactly when every resolver of the current breadth
/// has either finished or is waiting on a loader: one batch per loader per level, whatever the number of parents.
/// </summary>
internal sealed class ExecutionScheduler(int maxConcurrentBatches = int.MaxValue) : SynchronizationContext
{
    private readonly int _maxConcurrentBatches = Math.Max(1, maxConcurrentBatches);
    private readonly Lock _gate = new();
    // Made when first needed: a request whose resolvers all complete synchronously queues nothing and loads nothing.
    private Queue<(SendOrPostCallback Callback, object? State)>? _queue;
    private List<DataLoaderBase>? _loadersWithPendingKeys;
    private int _pendingAsyncWork;
    private int _batchesInFlight;
    private TaskCompletionSource? _wakeup;
    // Set before anything is first queued, begun or scheduled: until then the scheduler is idle without taking the
    // lock, which is the common warm request whose resolvers all completed synchronously (issue 18 §7).
    private volatile bool _touched;

    /// <summary>Where the request's loaders record their batch sizes.</summary>
    public Telemetry.GraphQLTelemetry? Telemetry { get; init; }

    /// <summary>Number of batches dispatched so far (diagnostics and tests).</summary>
    public int DispatchedBatches { get; private set; }

    public override void Post(SendOrPostCallback d, object? state)
    {
        TaskCompletionSource? wake;
        _touched = true;
        lock (_gate)
        {
            (_queue ??= new()).Enqueue((d, state));
            wake = _wakeup;
            _wakeup = null;
        }
        wake?.TrySetResult();
    }

    // A synchronous send from resolver code has nothing to wait for: the caller already runs on the loop or will
    // block its own thread, so run it in place.
    public override void Send(SendOrPostCallback d, object? state) => d(state);

    public override SynchronizationContext CreateCopy() => this;

    /// <summary>Work started here will finish later (an async resolver): the loop must not end before it does.</summary>
    public void BeginAsyncWork()
    {
        _touched = true;
        lock (_gate)
        {
            _pendingAsyncWork++;
        }
    }

    /// <summary>Ends work announced with <see cref="BeginAsyncWork"/> and queues its continuation on the loop.</summary>
    public void EndAsyncWork(SendOrPostCallback continuation, object? state)
    {
        TaskCompletionSource? wake;
        lock (_gate)
        {
            _pendingAsyncWork--;
            (_queue ??= new()).Enqueue((continuation, state));
            wake = _wakeup;
            _wakeup = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>
    /// Runs <paramref name="work"/> now, on the caller's thread, as the loop would run a queued callback (this scheduler
    /// current, so resolvers' continuations come back here); <see cref="RunAsync"/> then runs whatever it left behind.
    /// </summary>
    public void RunInline(SendOrPostCallback work, object? state, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var previous = Current;
        SetSynchronizationContext(this);
        try
        {
            work(state);
        }
        finally
        {
            SetSynchronizationContext(previous);
        }
    }

    /// <summary>True when nothing is queued, pending, in flight or waiting for a batch: <see cref="RunAsync"/> would return at once.</summary>
    public bool IsIdle
    {
        get
        {
            if (!_touched)
            {
                return true;
            }
            lock (_gate)
            {
                return _queue is not { Count: > 0 } && _pendingAsyncWork == 0 && _batchesInFlight == 0 && _loadersWithPendingKeys is not { Count: > 0 };
            }
        }
    }

    /// <summary>Queues work to run on the loop (used to start the next serial mutation field).</summary>
    public void Enqueue(SendOrPostCallback work, object? state) => Post(work, state);

    /// <summary>Called by a loader when it receives its first undispatched key.</summary>
    internal void ScheduleBatch(DataLoaderBase loader)
    {
        TaskCompletionSource? wake;
        _touched = true;
        lock (_gate)
        {
            (_loadersWithPendingKeys ??= []).Add(loader);
            wake = _wakeup;
            _wakeup = null;
        }
        wake?.TrySetResult();
    }

    /// <summary>
    /// Runs queued work until nothing is queued, pending, in flight or waiting for a batch. <paramref name="onIdle"/>
    /// is asked for more work when everything else has finished (serial mutation fields); it returns false when done.
    /// </summary>
    public async Task RunAsync(Func<bool>? onIdle, CancellationToken cancellationToken)
    {
        var previous = Current;
        while (true)
        {
            SetSynchronizationContext(this);
            try
            {
                while (TryDequeue(out var work))
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    work.Callback(work.State);
                }
            }
            finally
            {
                SetSynchronizationContext(previous);
            }

            DataLoaderBase[]? toDispatch = null;
            TaskCompletionSource? wait = null;
            var idle = false;
            lock (_gate)
            {
                if (_queue is { Count: > 0 })
                {
                    continue;
                }
                if (_batchesInFlight == 0 && _loadersWithPendingKeys is { Count: > 0 })
                {
                    // Oldest first; loaders beyond the limit keep collecting keys and go out in a later round.
                    var count = Math.Min(_maxConcurrentBatches, _loadersWithPendingKeys.Count);
                    toDispatch = [.. _loadersWithPendingKeys.GetRange(0, count)];
                    _loadersWithPendingKeys.RemoveRange(0, count);
                    _batchesInFlight += toDispatch.Length;
                    DispatchedBatches += toDispatch.Length;
                }
                else if (_pendingAsyncWork == 0 && _batchesInFlight == 0)
                {
                    idle = true;
                }
                else
                {
                    _wakeup = wait = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                }
            }

            if (toDispatch is not null)
            {
                SetSynchronizationContext(this);
                try
                {
                    foreach (var loader in toDispatch)
                    {
                        _ = RunBatchAsync(loader);
                    }
                }
                finally
                {
                    SetSynchronizationContext(previous);
                }
                continue;
            }
            if (idle)
            {
                if (onIdle is not null && onIdle())
                {
                    continue;
                }
                return;
            }
            await wait!.Task.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
    }

    private bool TryDequeue(out (SendOrPostCallback Callback, object? State) work)
    {
        lock (_gate)
        {
            if (_queue is null)
            {
                work = default;
                return false;
            }
            return _queue.TryDequeue(out work);
        }
    }

    private async Task RunBatchAsync(DataLoaderBase loader)
    {
        try
        {
            await loader.DispatchAsync().ConfigureAwait(false);
        }
        finally
        {
            // Every waiter's continuation was posted while the batch completed its keys, so by the time the loop
            // sees no batch in flight those continuations are already queued ahead of the next dispatch decision.
            TaskCompletionSource? wake;
            lock (_gate)
            {
                _batchesInFlight--;
                wake = _wakeup;
                _wakeup = null;
            }
            wake?.TrySetResult();
        }
    }
}
