using System.Globalization;
using Directory.Api.GraphQL;

namespace Directory.Api.Writes;

/// <summary>The input's references to rows, looked up inside the mutation's write transaction.</summary>
public sealed partial class MutationInput
{
    /// <summary>
    /// The row the global ID in <paramref name="name"/> names, an ID of the GraphQL type <paramref name="type"/>:
    /// <paramref name="find"/> reads it by its key (among the rows the caller may see). Null when the ID is refused, or
    /// with a NOT_FOUND error naming <paramref name="what"/> when there is no such row.
    /// </summary>
    public async Task<T?> FindAsync<T>(string name, string type, string what, Func<string, Task<T?>> find)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(find);
        if (Key(name, type) is not { } key)
        {
            return null;
        }
        var row = await find(key);
        if (row is null)
        {
            NotFound(name, what);
        }
        return row;
    }

    /// <summary>The organisation the global ID in <paramref name="name"/> names; null (with a NOT_FOUND error) when none.</summary>
    public Task<Organisation?> OrganisationAsync(DirectoryDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        return FindAsync(name, "Organisation", "organisation", code => db.Organisations.FirstOrDefaultAsync(o => o.Code == code, cancellationToken));
    }

    /// <summary>The organisations a list of global IDs names, each at most once; an unknown one is a NOT_FOUND error.</summary>
    public async Task<IReadOnlyList<Organisation>> OrganisationsAsync(DirectoryDbContext db, string name, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(db);
        var ids = _values.GetValueOrDefault(name) as IEnumerable<object?> ?? [];
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
}
