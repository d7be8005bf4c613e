using System.Data.Common;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace Directory.Data.Changes;

/// <summary>
/// Sees every write made through a <see cref="DirectoryDbContext"/> — mutations, imports, erasures — and turns it into
/// <see cref="DirectoryChange"/>s, so that no writer has to announce its changes itself. Changes are collected as each
/// save starts (natural keys are known then, even for new rows) and announced only once the transaction commits:
/// on PostgreSQL by <c>pg_notify</c> inside the writing transaction itself (PostgreSQL delivers it on commit and drops it
/// on rollback, to every instance listening); on SQLite to this process's <see cref="DirectoryChangeFeed"/> after the
/// commit. A save that fails, or a transaction rolled back, announces nothing.
/// </summary>
public sealed class ChangeCapture(DirectoryChangeFeed feed) : ISaveChangesInterceptor, IDbTransactionInterceptor
{
    /// <summary>The PostgreSQL notification channel.</summary>
    public const string Channel = "directory_changes";

    // PostgreSQL refuses a notification payload of 8000 bytes or more; larger batches go as several.
    private const int MaxPayloadBytes = 7000;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    private readonly ConditionalWeakTable<DbContext, Pending> _pending = [];

    private sealed class Pending
    {
        public List<DirectoryChange> Changes { get; } = [];

        /// <summary>How many changes there were before the current save (a failed save drops its own).</summary>
        public int BeforeSave { get; set; }

        /// <summary>The explicit transaction the changes were saved in (null: none yet, or EF Core's own).</summary>
        public Guid? Transaction { get; set; }
    }

    /// <summary>The changes a save is about to make, by entity and natural key.</summary>
    internal static List<DirectoryChange> Collect(DbContext context)
    {
        var at = DateTime.UtcNow;
        var tracker = context.ChangeTracker;
        var erased = new HashSet<string>(StringComparer.Ordinal);
        var changes = new Dictionary<(ChangeKind, string), ChangeAction>();
        void Add(ChangeKind kind, string? key, ChangeAction action)
        {
            if (key is null)
            {
                return;
            }
            // One change per entity and transaction, the strongest: erased over removed over created over updated.
            if (!changes.TryGetValue((kind, key), out var known) || Strength(action) > Strength(known))
            {
                changes[(kind, key)] = action;
            }
        }
        // One pass over the tracked entries (an import saves thousands at a time): the written ones, and the contracts
        // and partnerships at hand by ID for the rows that belong to them.
        var written = new List<EntityEntry>();
        var contracts = new Dictionary<int, string>();
        var partnerships = new Dictionary<int, string>();
        foreach (var entry in tracker.Entries())
        {
            switch (entry.Entity)
            {
                case Contract contract:
                    contracts.TryAdd(contract.Id, contract.Key);
                    break;
                case Partnership partnership:
                    partnerships.TryAdd(partnership.Id, partnership.Key);
                    break;
            }
            if (entry is { Entity: ErasureTombstone tombstone, State: EntityState.Added })
            {
                erased.Add(tombstone.ContactKey);
            }
            if (entry.State is EntityState.Added or EntityState.Modified or EntityState.Deleted)
            {
                written.Add(entry);
            }
        }
        foreach (var entry in written)
        {
            var action = entry.State switch
            {
                EntityState.Added => ChangeAction.Created,
                EntityState.Deleted => ChangeAction.Removed,
                _ => ChangeAction.Updated,
            };
            var (kind, key, owned) = entry.Entity switch
            {
                Organisation organisation => (ChangeKind.Organisation, organisation.Code, false),
                Contact contact => (ChangeKind.Contact, contact.Key, false),
                SurveyResponse response => (ChangeKind.Response, response.Key, false),
                Contract contract => (ChangeKind.Contract, contract.Key, false),
                Partnership partnership => (ChangeKind.Partnership, partnership.Key, false),
                FundingAward award => (ChangeKind.Funding, award.Key, false),
                // A row that belongs to one of those changes it (when the owner is at hand in the same save).
                ContractCoCommissioner coCommissioner => (ChangeKind.Contract, contracts.GetValueOrDefault(coCommissioner.ContractId), true),
                ContractServiceType serviceType => (ChangeKind.Contract, contracts.GetValueOrDefault(serviceType.ContractId), true),
                PartnershipMember member => (ChangeKind.Partnership, partnerships.GetValueOrDefault(member.PartnershipId), true),
                _ => (ChangeKind.Organisation, (string?)null, false),
            };
            if (owned)
            {
                action = ChangeAction.Updated;
            }
            else if (kind == ChangeKind.Contact && action == ChangeAction.Removed && erased.Contains(key!))
            {
                action = ChangeAction.Erased;
            }
            Add(kind, key, action);
        }
        return [.. changes.Select(c => new DirectoryChange(c.Key.Item1, c.Value, c.Key.Item2, at))];
    }

    private static int Strength(ChangeAction action) => action switch
    {
        ChangeAction.Updated => 0,
        ChangeAction.Created => 1,
        ChangeAction.Removed => 2,
        _ => 3,
    };

    /// <summary>The JSON payloads of one or more notifications carrying the changes.</summary>
    internal static List<string> Payloads(IReadOnlyList<DirectoryChange> changes)
    {
        var payloads = new List<string>();
        var batch = new List<DirectoryChange>();
        foreach (var change in changes)
        {
            batch.Add(change);
            if (JsonSerializer.SerializeToUtf8Bytes(batch, Json).Length > MaxPayloadBytes && batch.Count > 1)
            {
                batch.RemoveAt(batch.Count - 1);
                payloads.Add(JsonSerializer.Serialize(batch, Json));
                batch = [change];
            }
        }
        if (batch.Count > 0)
        {
            payloads.Add(JsonSerializer.Serialize(batch, Json));
        }
        return payloads;
    }

    /// <summary>Reads a notification payload back; null when it is not one of ours.</summary>
    public static IReadOnlyList<DirectoryChange>? Parse(string payload)
    {
        try
        {
            return JsonSerializer.Deserialize<List<DirectoryChange>>(payload, Json);
        }
        catch (JsonException)
        {
            return null;
        }
    }

    private Pending PendingOf(DbContext context) => _pending.GetOrCreateValue(context);

    private void OnSaving(DbContext? context)
    {
        if (context is null)
        {
            return;
        }
        var pending = PendingOf(context);
        var transaction = context.Database.CurrentTransaction?.TransactionId;
        if (transaction is null || transaction != pending.Transaction)
        {
            // Whatever is still waiting belongs to a transaction that ended without committing (a disposed one
            // rolls back without telling interceptors): it never happened.
            pending.Changes.Clear();
        }
        pending.Transaction = transaction;
        pending.BeforeSave = pending.Changes.Count;
        pending.Changes.AddRange(Collect(context));
    }

    private void OnSaveFailed(DbContext? context)
    {
        if (context is not null && _pending.TryGetValue(context, out var pending))
        {
            pending.Changes.RemoveRange(pending.BeforeSave, pending.Changes.Count - pending.BeforeSave);
        }
    }

    private List<DirectoryChange>? Take(DbContext? context)
    {
        if (context is null || !_pending.TryGetValue(context, out var pending) || pending.Changes.Count == 0)
        {
            return null;
        }
        var changes = new List<DirectoryChange>(pending.Changes);
        pending.Changes.Clear();
        return changes;
    }

    private static bool IsPostgres(DbContext context) => ((DirectoryDbContext)context).Provider == DatabaseProvider.Postgres;

    private static DbCommand NotifyCommand(DbConnection connection, DbTransaction? transaction, List<string> payloads)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        var calls = new List<string>();
        for (var i = 0; i < payloads.Count; i++)
        {
            var parameter = command.CreateParameter();
            parameter.ParameterName = "p" + i;
            parameter.Value = payloads[i];
            command.Parameters.Add(parameter);
            calls.Add($"pg_notify('{Channel}', @p{i})");
        }
        command.CommandText = "SELECT " + string.Join(", ", calls);
        return command;
    }

    // After a save that ran in no transaction of ours (EF Core's own one has committed by now, and announced its
    // changes while committing), the changes are committed: announce them.
    private async Task AfterSaveAsync(DbContext? context, CancellationToken cancellationToken)
    {
        if (context is null || context.Database.CurrentTransaction is not null || Take(context) is not { } changes)
        {
            return;
        }
        if (IsPostgres(context))
        {
            var connection = context.Database.GetDbConnection();
            await context.Database.OpenConnectionAsync(cancellationToken);
            try
            {
                await using var command = NotifyCommand(connection, null, Payloads(changes));
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
            finally
            {
                await context.Database.CloseConnectionAsync();
            }
        }
        else
        {
            feed.Publish(changes);
        }
    }

    private async Task BeforeCommitAsync(DbContext? context, DbTransaction transaction, CancellationToken cancellationToken)
    {
        if (context is null || !IsPostgres(context) || Take(context) is not { } changes)
        {
            return;
        }
        await using var command = NotifyCommand(transaction.Connection!, transaction, Payloads(changes));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private void AfterCommit(DbContext? context)
    {
        if (context is not null && !IsPostgres(context) && Take(context) is { } changes)
        {
            feed.Publish(changes);
        }
    }

    private void Forget(DbContext? context) => Take(context);

    // ISaveChangesInterceptor ----------------------------------------------------------------------------------------

    public InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        OnSaving(eventData.Context);
        return result;
    }

    public ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken cancellationToken = default)
    {
        OnSaving(eventData.Context);
        return ValueTask.FromResult(result);
    }

    public int SavedChanges(SaveChangesCompletedEventData eventData, int result)
    {
        AfterSaveAsync(eventData.Context, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        await AfterSaveAsync(eventData.Context, cancellationToken);
        return result;
    }

    public void SaveChangesFailed(DbContextErrorEventData eventData) => OnSaveFailed(eventData.Context);

    public Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        OnSaveFailed(eventData.Context);
        return Task.CompletedTask;
    }

    // IDbTransactionInterceptor --------------------------------------------------------------------------------------

    public InterceptionResult TransactionCommitting(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result)
    {
        BeforeCommitAsync(eventData.Context, transaction, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    public async ValueTask<InterceptionResult> TransactionCommittingAsync(DbTransaction transaction, TransactionEventData eventData, InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await BeforeCommitAsync(eventData.Context, transaction, cancellationToken);
        return result;
    }

    public void TransactionCommitted(DbTransaction transaction, TransactionEndEventData eventData) => AfterCommit(eventData.Context);

    public Task TransactionCommittedAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        AfterCommit(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionRolledBack(DbTransaction transaction, TransactionEndEventData eventData) => Forget(eventData.Context);

    public Task TransactionRolledBackAsync(DbTransaction transaction, TransactionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }

    public void TransactionFailed(DbTransaction transaction, TransactionErrorEventData eventData) => Forget(eventData.Context);

    public Task TransactionFailedAsync(DbTransaction transaction, TransactionErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        Forget(eventData.Context);
        return Task.CompletedTask;
    }
}
