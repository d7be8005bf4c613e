using System.Diagnostics;
using System.Runtime.CompilerServices;

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
    private static readonly AsyncLocal<StrongBox<int>?> Current = new();
    private static int subscribed;

    private SqlCommandCounter()
    {
    }

    /// <summary>Starts counting for the current async flow; read the count from the returned scope.</summary>
    public static Scope Start()
    {
        if (Interlocked.Exchange(ref subscribed, 1) == 0)
        {
            DiagnosticListener.AllListeners.Subscribe(Instance);
        }
        var box = new StrongBox<int>();
        Current.Value = box;
        return new Scope(box);
    }

    /// <summary>The commands counted since <see cref="Start"/>, in this flow and the tasks it started.</summary>
    public sealed class Scope(StrongBox<int> box) : IDisposable
    {
        public int Commands => Volatile.Read(ref box.Value);

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
        if (Current.Value is { } box)
        {
            Interlocked.Increment(ref box.Value);
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
