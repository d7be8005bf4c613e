using Directory.Api.Audit;
using Directory.Api.Auth;

namespace Directory.Api.Writes;

/// <summary>Starts a mutation resolver: <see cref="Mutation{TResult, TPayload}"/> for its payload type.</summary>
internal static class Mutation
{
    /// <summary>
    /// The services, the input and the payload a mutation answers with: <paramref name="payload"/> builds it from the
    /// result (null when refused) and the user errors.
    /// </summary>
    public static Mutation<TResult, TPayload> Start<TResult, TPayload>(ResolverContext context, Func<TResult?, IReadOnlyList<UserError>, TPayload> payload)
        where TResult : class
    {
        ArgumentNullException.ThrowIfNull(context);
        var services = context.Services;
        return new(
            services.GetRequiredService<Viewer>(),
            services.GetRequiredService<AuditTrail>(),
            new MutationInput(context),
            new WriteContexts(services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(), services.GetRequiredService<DatabaseIdentity>()),
            payload,
            context.CancellationToken);
    }

    /// <summary>A removal or erasure, answered with the removed entity's global ID.</summary>
    public static Mutation<string, RemovePayload> StartRemoval(ResolverContext context) =>
        Start<string, RemovePayload>(context, (removedId, errors) => new(removedId, errors));

    /// <summary>The names of the properties the pending save changes on an entity, for the audit log (never values).</summary>
    public static string[] ChangedFields(DirectoryDbContext db, object entity)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        return [.. db.Entry(entity).Properties.Where(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)).Select(p => JsonName(p.Metadata.Name))];
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>
/// One mutation resolver's request: who is asking, the audit trail, the checked input, its write transaction
/// (<see cref="BeginWriteAsync"/>, from before the first read) and its answer. Every mutation ends in
/// <see cref="SaveAsync(DirectoryDbContext, TResult)"/> or <see cref="Refused"/>, so the rule "any user error and
/// nothing is written, the entity is null" holds in one place.
/// </summary>
internal sealed class Mutation<TResult, TPayload>(
    Viewer viewer, AuditTrail audit, MutationInput input, WriteContexts contexts, Func<TResult?, IReadOnlyList<UserError>, TPayload> payload, CancellationToken cancellationToken)
    where TResult : class
{
    public Viewer Viewer => viewer;

    public AuditTrail Audit => audit;

    public MutationInput Input => input;

    public void Deconstruct(out Viewer viewer, out AuditTrail audit, out MutationInput input) =>
        (viewer, audit, input) = (Viewer, Audit, Input);

    /// <summary>A context inside the write transaction (see <see cref="WriteContexts"/>).</summary>
    public Task<DirectoryDbContext> BeginWriteAsync() => contexts.BeginWriteAsync(cancellationToken);

    /// <summary>The answer when nothing is written: no entity, the input's user errors.</summary>
    public TPayload Refused() => payload(null, input.Errors);

    /// <summary>The answer for a write that is already saved and committed.</summary>
    public TPayload Succeeded(TResult result) => payload(result, []);

    /// <summary>Saves and commits, then answers with <paramref name="result"/>, or refuses with the user errors.</summary>
    public async Task<TPayload> SaveAsync(DirectoryDbContext db, TResult result) =>
        await SaveAsync(db, commit: true) ? Succeeded(result) : Refused();

    /// <summary>
    /// Saves nothing while the input has user errors. Otherwise saves and commits the write transaction
    /// (<paramref name="commit"/> false keeps it open for a further save), turning a concurrent writer's change into
    /// a CONFLICT error and a unique value taken into DUPLICATE.
    /// </summary>
    public async Task<bool> SaveAsync(DirectoryDbContext db, bool commit)
    {
        if (!input.Ok)
        {
            return false;
        }
        switch (await DirectoryDatabase.SaveAsync(db, commit, cancellationToken))
        {
            case SaveOutcome.ConcurrentChange:
                input.Fail(UserErrorCode.CONFLICT, "Someone else changed this at the same time: reload it and apply your change again.", "version");
                return false;
            case SaveOutcome.UniqueValueTaken:
                input.Fail(UserErrorCode.DUPLICATE, "A value that must be unique is already taken.");
                return false;
            default:
                return true;
        }
    }

    /// <summary>
    /// The entity a change or removal is about, once <paramref name="found"/> has it (a missing one is already a
    /// NOT_FOUND error), <paramref name="authorize"/> has let the caller through (it throws otherwise) and the caller
    /// holds its current version (<see cref="IsCurrent"/>); null when the mutation is to be refused.
    /// </summary>
    public async Task<T?> CurrentAsync<T>(DirectoryDbContext db, Task<T?> found, string what, Func<T, Task> authorize)
        where T : class, IVersioned
    {
        ArgumentNullException.ThrowIfNull(found);
        ArgumentNullException.ThrowIfNull(authorize);
        if (await found is not { } entity)
        {
            return null;
        }
        await authorize(entity);
        return IsCurrent(db, entity, what) ? entity : null;
    }

    /// <summary><see cref="CurrentAsync{T}(DirectoryDbContext, Task{T}, string, Func{T, Task})"/> with a check that needs no reads.</summary>
    public Task<T?> CurrentAsync<T>(DirectoryDbContext db, Task<T?> found, string what, Action<T> authorize)
        where T : class, IVersioned
    {
        ArgumentNullException.ThrowIfNull(authorize);
        return CurrentAsync(db, found, what, entity =>
        {
            authorize(entity);
            return Task.CompletedTask;
        });
    }

    /// <summary>Refuses a stale version: the entity changed since the caller read it.</summary>
    public bool IsCurrent(DirectoryDbContext db, IVersioned entity, string what)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Version != input.Version)
        {
            input.Fail(UserErrorCode.CONFLICT, $"The {what} has changed since you read it (you sent version {input.Version}, it is now at {entity.Version}): reload it and apply your change again.", "version");
            return false;
        }
        // Kept as the original value, so a change committed by someone else before our save fails it too.
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = input.Version;
        return true;
    }
}
