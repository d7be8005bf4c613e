using System.Data.Common;
using System.Globalization;
using System.Runtime.CompilerServices;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Npgsql;

namespace Directory.Data;

/// <summary>
/// The most database work one command may do (<c>Database:CommandTimeoutSeconds</c>), so that no request, however
/// built, can keep the database busy for longer. PostgreSQL enforces it itself (<c>statement_timeout</c>, sent when
/// a connection opens). SQLite has nothing like it: its busy timeout only bounds waiting for a lock and
/// <c>SqliteCommand.Cancel()</c> does nothing, so each SQLite command runs under a timer that calls
/// <c>sqlite3_interrupt</c> on its connection when the budget is spent or the caller cancels (a request aborted or
/// timed out), which stops the statement at its next step.
/// </summary>
public static class CommandBudget
{
    /// <summary>The default budget of one command.</summary>
    public static readonly TimeSpan Default = TimeSpan.FromSeconds(30);

    /// <summary>Reads <c>Database:CommandTimeoutSeconds</c> (fractions allowed; zero or less is refused).</summary>
    public static TimeSpan From(string? seconds)
    {
        if (string.IsNullOrWhiteSpace(seconds))
        {
            return Default;
        }
        if (!double.TryParse(seconds, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) || value <= 0 || value > int.MaxValue / 1000)
        {
            throw new InvalidOperationException($"Database:CommandTimeoutSeconds must be a positive number of seconds, not '{seconds}'.");
        }
        return TimeSpan.FromSeconds(value);
    }

    /// <summary>Adds the interceptor that interrupts a SQLite command when its budget is spent or its caller cancels.</summary>
    public static void InterruptSqlite(DbContextOptionsBuilder options, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.AddInterceptors(new SqliteInterrupter(budget));
    }

    /// <summary>A PostgreSQL connection string whose sessions stop any statement running longer than the budget.</summary>
    public static string WithStatementTimeout(string connectionString, TimeSpan budget) =>
        DirectoryDatabase.WithSessionSetting(connectionString, "statement_timeout", ((long)budget.TotalMilliseconds).ToString(CultureInfo.InvariantCulture));

    /// <summary>The message of the error a command stopped by its budget fails with.</summary>
    public static string ExceededMessage(TimeSpan budget) =>
        $"The database command was stopped after {budget.TotalSeconds.ToString(CultureInfo.InvariantCulture)} s (Database:CommandTimeoutSeconds).";

    /// <summary>
    /// Arms a timer per SQLite command from the moment it starts until its reader is disposed (a query's work goes on
    /// while rows are read) or it completes. Disposing the registration waits for a running interrupt, so an interrupt
    /// can never reach the next command on a pooled connection.
    /// </summary>
    private sealed class SqliteInterrupter(TimeSpan budget) : DbCommandInterceptor
    {
        private readonly ConditionalWeakTable<DbCommand, CommandTimer> _running = [];

        public override InterceptionResult<DbDataReader> ReaderExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result)
        {
            Start(command, CancellationToken.None);
            return result;
        }

        public override ValueTask<InterceptionResult<DbDataReader>> ReaderExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<DbDataReader> result, CancellationToken cancellationToken = default)
        {
            Start(command, cancellationToken);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult DataReaderDisposing(DbCommand command, DataReaderDisposingEventData eventData, InterceptionResult result)
        {
            Stop(command);
            return result;
        }

        public override InterceptionResult<int> NonQueryExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<int> result)
        {
            Start(command, CancellationToken.None);
            return result;
        }

        public override ValueTask<InterceptionResult<int>> NonQueryExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
        {
            Start(command, cancellationToken);
            return ValueTask.FromResult(result);
        }

        public override int NonQueryExecuted(DbCommand command, CommandExecutedEventData eventData, int result)
        {
            Stop(command);
            return result;
        }

        public override ValueTask<int> NonQueryExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, int result, CancellationToken cancellationToken = default)
        {
            Stop(command);
            return ValueTask.FromResult(result);
        }

        public override InterceptionResult<object> ScalarExecuting(DbCommand command, CommandEventData eventData, InterceptionResult<object> result)
        {
            Start(command, CancellationToken.None);
            return result;
        }

        public override ValueTask<InterceptionResult<object>> ScalarExecutingAsync(
            DbCommand command, CommandEventData eventData, InterceptionResult<object> result, CancellationToken cancellationToken = default)
        {
            Start(command, cancellationToken);
            return ValueTask.FromResult(result);
        }

        public override object? ScalarExecuted(DbCommand command, CommandExecutedEventData eventData, object? result)
        {
            Stop(command);
            return result;
        }

        public override ValueTask<object?> ScalarExecutedAsync(
            DbCommand command, CommandExecutedEventData eventData, object? result, CancellationToken cancellationToken = default)
        {
            Stop(command);
            return ValueTask.FromResult(result);
        }

        public override void CommandFailed(DbCommand command, CommandErrorEventData eventData) => Failed(command, eventData);

        public override Task CommandFailedAsync(DbCommand command, CommandErrorEventData eventData, CancellationToken cancellationToken = default)
        {
            Failed(command, eventData);
            return Task.CompletedTask;
        }

        public override void CommandCanceled(DbCommand command, CommandEndEventData eventData) => Stop(command);

        public override Task CommandCanceledAsync(DbCommand command, CommandEndEventData eventData, CancellationToken cancellationToken = default)
        {
            Stop(command);
            return Task.CompletedTask;
        }

        private void Start(DbCommand command, CancellationToken cancellationToken)
        {
            if (command.Connection is SqliteConnection { Handle: { } handle })
            {
                Stop(command); // a command executed again: its earlier timer must not outlive it
                _running.AddOrUpdate(command, new CommandTimer(handle, budget, cancellationToken));
            }
        }

        private CommandTimer? Stop(DbCommand command)
        {
            if (!_running.TryGetValue(command, out var timer))
            {
                return null;
            }
            _running.Remove(command);
            timer.Dispose();
            return timer;
        }

        // Thrown from here, the exception replaces SQLite's bare "interrupted", so the caller learns why.
        private void Failed(DbCommand command, CommandErrorEventData eventData)
        {
            var timer = Stop(command);
            if (eventData.Exception is SqliteException { SqliteErrorCode: SQLitePCL.raw.SQLITE_INTERRUPT } interrupted && timer is not null)
            {
                if (timer.CallerCancelled.IsCancellationRequested)
                {
                    throw new OperationCanceledException("The database command was cancelled.", interrupted, timer.CallerCancelled);
                }
                if (timer.BudgetSpent)
                {
                    throw new TimeoutException(ExceededMessage(budget), interrupted);
                }
            }
        }
    }

    private sealed class CommandTimer : IDisposable
    {
        private readonly CancellationTokenSource _budgetSource;
        private readonly CancellationTokenRegistration _interrupt;

        public CommandTimer(SQLitePCL.sqlite3 handle, TimeSpan budget, CancellationToken callerCancelled)
        {
            CallerCancelled = callerCancelled;
            _budgetSource = CancellationTokenSource.CreateLinkedTokenSource(callerCancelled);
            _budgetSource.CancelAfter(budget);
            _interrupt = _budgetSource.Token.Register(() => SQLitePCL.raw.sqlite3_interrupt(handle));
        }

        public CancellationToken CallerCancelled { get; }

        public bool BudgetSpent => _budgetSource.IsCancellationRequested;

        public void Dispose()
        {
            _interrupt.Dispose();
            _budgetSource.Dispose();
        }
    }
}
