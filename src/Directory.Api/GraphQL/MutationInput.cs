using System.Globalization;
using System.Net.Mail;
using Directory.Data;
using Directory.Data.Model;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.GraphQL;

#pragma warning disable CA1707 // The members are spelled as the GraphQL enum values they are.
/// <summary>Kinds of <see cref="UserError"/>, spelled as the contract's <c>UserErrorCode</c>.</summary>
public enum UserErrorCode
{
    VALIDATION,
    NOT_FOUND,
    CONFLICT,
    DUPLICATE,
}
#pragma warning restore CA1707

/// <summary>A problem with a mutation's input that the caller can correct, with the path to the field at fault.</summary>
public sealed record UserError(UserErrorCode Code, string Message, IReadOnlyList<string> Field);

/// <summary>
/// Reads and checks a mutation's <c>input</c> object. Every problem is collected, with its path, rather than stopping
/// at the first, so a form can mark all its mistakes at once; a mutation writes nothing unless <see cref="Ok"/>.
/// Strings are trimmed and an empty string counts as no value.
/// </summary>
public sealed class MutationInput
{
    private readonly IReadOnlyDictionary<string, object?> values;
    private readonly IReadOnlyList<string> path;

    public MutationInput(ResolverContext context)
        : this(context?.GetArgument<IReadOnlyDictionary<string, object?>>("input") ?? new Dictionary<string, object?>(), ["input"], [])
    {
    }

    private MutationInput(IReadOnlyDictionary<string, object?> values, IReadOnlyList<string> path, List<UserError> errors)
    {
        this.values = values;
        this.path = path;
        Errors = errors;
    }

    public List<UserError> Errors { get; }

    public bool Ok => Errors.Count == 0;

    /// <summary>Whether the field was given at all (explicit null included): partial updates change only these.</summary>
    public bool Has(string name) => values.ContainsKey(name);

    public void Fail(UserErrorCode code, string message, params string[] field) =>
        Errors.Add(new UserError(code, message, [.. path, .. field]));

    public string? Text(string name, int maxLength, bool required = false)
    {
        var text = (values.GetValueOrDefault(name) as string)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(UserErrorCode.VALIDATION, $"{name} is required.", name);
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be at most {maxLength} characters (it has {text.Length}).", name);
        }
        return text;
    }

    /// <summary>A work email address: one <c>@</c>, a dotted domain, no display name or spaces.</summary>
    public string? Email(string name, bool required = false)
    {
        var text = Text(name, 320, required);
        if (text is not null && !IsEmail(text))
        {
            Fail(UserErrorCode.VALIDATION, $"\"{text}\" is not an email address.", name);
        }
        return text;
    }

    internal static bool IsEmail(string text) =>
        text.Count(c => c == '@') == 1
        && !text.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum =>
        values.GetValueOrDefault(name) is { } value ? System.Enum.Parse<TEnum>(value.ToString()!) : null;

    /// <summary>A list of enum values, each at most once.</summary>
    public IReadOnlyList<TEnum> Enums<TEnum>(string name)
        where TEnum : struct, Enum =>
        [.. Strings(name).Select(System.Enum.Parse<TEnum>)];

    public int? Int(string name, int min, int max)
    {
        if (values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        if (number < min || number > max)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be between {min} and {max}.", name);
        }
        return number;
    }

    /// <summary>A list of strings (e.g. codes), each at most once.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var list = (values.GetValueOrDefault(name) as IEnumerable<object?> ?? []).Select(v => v?.ToString() ?? "").ToList();
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} lists a value more than once.", name);
        }
        return list;
    }

    public DateOnly? Date(string name) => values.GetValueOrDefault(name) is DateOnly date ? date : null;

    /// <summary>An amount of money in pounds: not negative, whole pence (stored as pence).</summary>
    public decimal? Money(string name)
    {
        if (values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var amount = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        if (amount < 0 || decimal.Round(amount, 2) != amount || amount > 1_000_000_000_000m)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be an amount in pounds of at least 0, in whole pence (got {amount.ToString(CultureInfo.InvariantCulture)}).", name);
        }
        return amount;
    }

    /// <summary>The organisations a list of global IDs names, each at most once; an unknown one is a NOT_FOUND error.</summary>
    public async Task<IReadOnlyList<Organisation>> OrganisationsAsync(DirectoryDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = values.GetValueOrDefault(name) as IEnumerable<object?> ?? [];
        var codes = new List<string>();
        foreach (var (id, index) in ids.Select((id, index) => (id as string, index)))
        {
            if (!GlobalId.TryParse(id ?? "", out var type, out var code) || type != "Organisation")
            {
                Fail(UserErrorCode.NOT_FOUND, $"\"{id}\" is not the ID of an Organisation.", name, index.ToString(CultureInfo.InvariantCulture));
            }
            else
            {
                codes.Add(code);
            }
        }
        if (codes.Distinct(StringComparer.Ordinal).Count() != codes.Count)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} lists an organisation more than once.", name);
        }
        var found = await db.Organisations.Where(o => codes.Contains(o.Code)).ToListAsync(cancellationToken);
        foreach (var missing in codes.Except(found.Select(o => o.Code), StringComparer.Ordinal))
        {
            Fail(UserErrorCode.NOT_FOUND, $"There is no organisation with the code {missing}.", name);
        }
        return found;
    }

    /// <summary>
    /// A key for a row added through the API: the prefix, the date and random hex (<c>K-261205-1a2b3c4d</c>), so it
    /// never collides with the import's numbered keys (<c>K0001</c>). One already taken is drawn again: the mutation's
    /// write transaction keeps every other writer out until the commit, so a key found free is still free at insert.
    /// </summary>
    public static async Task<string> NewKeyAsync(string prefix, Func<string, Task<bool>> taken)
    {
        ArgumentNullException.ThrowIfNull(taken);
        while (true)
        {
            var key = $"{prefix}-{DateTime.UtcNow.ToString("yyMMdd", CultureInfo.InvariantCulture)}-{Convert.ToHexStringLower(System.Security.Cryptography.RandomNumberGenerator.GetBytes(4))}";
            if (!await taken(key))
            {
                return key;
            }
        }
    }

    public bool? Bool(string name) => values.GetValueOrDefault(name) is { } value ? Convert.ToBoolean(value, CultureInfo.InvariantCulture) : null;

    /// <summary>The version the caller last read, compared with the entity's when it is loaded.</summary>
    public int Version => Convert.ToInt32(values.GetValueOrDefault("version"), CultureInfo.InvariantCulture);

    /// <summary>Full-time equivalent: more than 0, at most 1, at most four decimal places (stored as ten-thousandths).</summary>
    public decimal? Fte(string name)
    {
        if (values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var fte = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        if (fte <= 0 || fte > 1 || decimal.Round(fte, 4) != fte)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be more than 0 and at most 1, with at most four decimal places (got {fte.ToString(CultureInfo.InvariantCulture)}).", name);
        }
        return fte;
    }

    public MutationInput? Object(string name) =>
        values.GetValueOrDefault(name) is IReadOnlyDictionary<string, object?> nested ? new MutationInput(nested, [.. path, name], Errors) : null;

    public IReadOnlyList<MutationInput> Objects(string name) =>
        [.. (values.GetValueOrDefault(name) as IEnumerable<object?> ?? [])
            .Select((item, index) => new MutationInput((IReadOnlyDictionary<string, object?>)item!, [.. path, name, index.ToString(CultureInfo.InvariantCulture)], Errors))];

    /// <summary>The key inside a global ID of the given type; a malformed or foreign ID is a NOT_FOUND error.</summary>
    public string? Key(string name, string type)
    {
        var id = values.GetValueOrDefault(name) as string;
        if (id is null)
        {
            return null;
        }
        if (!GlobalId.TryParse(id, out var actual, out var key) || actual != type)
        {
            Fail(UserErrorCode.NOT_FOUND, $"\"{id}\" is not the ID of a {type}.", name);
            return null;
        }
        return key;
    }

    /// <summary>The organisation the global ID in <paramref name="name"/> names; null (with a NOT_FOUND error) when none.</summary>
    public async Task<Organisation?> OrganisationAsync(DirectoryDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (Key(name, "Organisation") is not { } code)
        {
            return null;
        }
        var organisation = await db.Organisations.FirstOrDefaultAsync(o => o.Code == code, cancellationToken);
        if (organisation is null)
        {
            NotFound(name, "organisation");
        }
        return organisation;
    }

    public void NotFound(string name, string what) => Fail(UserErrorCode.NOT_FOUND, $"There is no {what} with this ID that you may see.", name);

    /// <summary>Refuses a stale version: the entity changed since the caller read it.</summary>
    public bool IsCurrent(DirectoryDbContext db, IVersioned entity, string what)
    {
        ArgumentNullException.ThrowIfNull(db);
        ArgumentNullException.ThrowIfNull(entity);
        if (entity.Version != Version)
        {
            Fail(UserErrorCode.CONFLICT, $"The {what} has changed since you read it (you sent version {Version}, it is now at {entity.Version}): reload it and apply your change again.", "version");
            return false;
        }
        // Kept as the original value, so a change committed by someone else before our save fails it too.
        db.Entry(entity).Property(nameof(IVersioned.Version)).OriginalValue = Version;
        return true;
    }

    /// <summary>
    /// Saves and commits the write transaction (<paramref name="commit"/> false keeps it open for a further save),
    /// turning a concurrent writer's change into a CONFLICT error and a unique value taken into DUPLICATE.
    /// </summary>
    public async Task<bool> SaveAsync(DirectoryDbContext db, CancellationToken cancellationToken, bool commit = true)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!Ok)
        {
            return false;
        }
        try
        {
            await db.SaveChangesAsync(cancellationToken);
            if (commit && db.Database.CurrentTransaction is { } transaction)
            {
                await transaction.CommitAsync(cancellationToken);
            }
            return true;
        }
        catch (DbUpdateConcurrencyException)
        {
            Fail(UserErrorCode.CONFLICT, "Someone else changed this at the same time: reload it and apply your change again.", "version");
            return false;
        }
        catch (DbUpdateException e) when (DirectoryDatabase.IsUniqueViolation(e))
        {
            Fail(UserErrorCode.DUPLICATE, "A value that must be unique is already taken.");
            return false;
        }
    }

    /// <summary>The names of the properties the pending save changes on an entity, for the audit log (never values).</summary>
    public static string[] ChangedFields(DirectoryDbContext db, object entity)
    {
        ArgumentNullException.ThrowIfNull(db);
        db.ChangeTracker.DetectChanges();
        return [.. db.Entry(entity).Properties.Where(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)).Select(p => JsonName(p.Metadata.Name))];
    }

    private static string JsonName(string name) => char.ToLowerInvariant(name[0]) + name[1..];
}

/// <summary>What every mutation resolver needs from the request: who is asking, the audit trail, the database.</summary>
internal sealed record MutationServices(Auth.Viewer Viewer, Audit.AuditTrail Audit, WriteContexts Contexts)
{
    public static MutationServices Of(ResolverContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return new(
            context.Services.GetRequiredService<Auth.Viewer>(),
            context.Services.GetRequiredService<Audit.AuditTrail>(),
            new WriteContexts(
                context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(),
                context.Services.GetRequiredService<DatabaseIdentity>()));
    }
}

/// <summary>
/// Contexts for mutations, each inside its write transaction (<see cref="DatabaseIdentity.BeginWriteAsync"/>) from
/// before its first read, so that checks and keys read stay true until the commit. When the database is not the one
/// the service started on, the mutation is refused with <see cref="UnavailableCode"/> (HTTP 503), nothing written.
/// </summary>
internal sealed class WriteContexts(IDbContextFactory<DirectoryDbContext> contexts, DatabaseIdentity identity)
{
    public const string UnavailableCode = "SERVICE_UNAVAILABLE";

    /// <summary>Seconds a refused writer is told to wait (<c>Retry-After</c>): long enough for a queue of writes to drain.</summary>
    public const int RetryAfterSeconds = 5;

    /// <summary>503 with <c>Retry-After</c>, for a GraphQL answer or an export that carries <see cref="UnavailableCode"/>.</summary>
    public static void MarkUnavailable(HttpResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        response.StatusCode = StatusCodes.Status503ServiceUnavailable;
        response.Headers.RetryAfter = RetryAfterSeconds.ToString(CultureInfo.InvariantCulture);
    }

    public async Task<DirectoryDbContext> BeginWriteAsync(CancellationToken cancellationToken)
    {
        var db = await contexts.CreateDbContextAsync(cancellationToken);
        try
        {
            await identity.BeginWriteAsync(db, cancellationToken);
            return db;
        }
        catch (DatabaseUnavailableException e)
        {
            await db.DisposeAsync();
            throw new GraphQLError(e.Message, code: UnavailableCode);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }
}

/// <summary>The result of a removal or erasure.</summary>
public sealed record RemovePayload(string? RemovedId, IReadOnlyList<UserError> Errors);

/// <summary>The payload and user-error types every mutation shares.</summary>
internal static class MutationTypes
{
    public static SchemaBuilder BindMutationTypes(this SchemaBuilder schema) => schema
        .BindType<UserError>("UserError")
        .BindType<RemovePayload>("RemovePayload");
}
