using System.Diagnostics;

namespace Directory.Api.GraphQL;

/// <summary>
/// Counts the SQL commands EF Core executes within an async flow (a request, a test), from EF Core's diagnostic events —
/// no change to the database layer and no interceptor per provider. Used by the <c>GraphQL-Diagnostics</c> header
/// and by the tests that prove DataLoaders keep the number of commands independent of page size.
/// </summary>
public sealed class SqlCommandCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>
{
    private const string CommandExecuting = "Microsoft.EntityFrameworkCore.Database.Command.CommandExecuting";

    private static readonly SqlCommandCounter Instance = new();
    private static readonly AsyncLocal<Scope?> Current = new();
    private static int _subscribed;

    private SqlCommandCounter()
    {
    }

    /// <summary>
    /// Subscribes to EF Core's diagnostic events. Done at start-up rather than on the first counted request, so that
    /// no command of that request runs before the subscription is in place.
    /// </summary>
    public static void Subscribe()
    {
        if (Interlocked.Exchange(ref _subscribed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(Instance);
        }
    }

    /// <summary>Starts counting for the current async flow; read the count from the returned scope.</summary>
    public static Scope Start()
    {
        Subscribe();
        var scope = new Scope();
        Current.Value = scope;
        return scope;
    }

    /// <summary>The commands counted since <see cref="Start"/>, in this flow and the tasks it started.</summary>
    public sealed class Scope : IDisposable
    {
        private readonly List<string> _texts = [];

        public int Commands
        {
            get { lock (_texts) { return _texts.Count; } }
        }

        /// <summary>The SQL of each command, in the order executed (for the diagnostics of a single request).</summary>
        public IReadOnlyList<string> CommandTexts
        {
            get { lock (_texts) { return [.. _texts]; } }
        }

        internal void Add(string text)
        {
            lock (_texts)
            {
                _texts.Add(text);
            }
        }

        public void Dispose() => Current.Value = null;
    }

    void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
    {
        if (value.Name == "Microsoft.EntityFrameworkCore")
        {
            value.Subscribe(this, name => name == CommandExecuting);
        }
    }

    void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
    {
        // The predicate given to Subscribe only tells EF Core which events to produce; a DiagnosticListener hands every
        // event it writes to every subscriber. Once OpenTelemetry's EF Core instrumentation asks for CommandCreated and
        // CommandExecuted too, each command would be counted three times without this check.
        if (value.Key == CommandExecuting && Current.Value is { } scope)
        {
            scope.Add(value.Value is Microsoft.EntityFrameworkCore.Diagnostics.CommandEventData data ? data.Command.CommandText : "");
        }
    }

    void IObserver<DiagnosticListener>.OnCompleted()
    {
    }

    void IObserver<DiagnosticListener>.OnError(Exception error)
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnCompleted()
    {
    }

    void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
    {
    }
}
