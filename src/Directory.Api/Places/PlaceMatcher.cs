using System.Text;
using Directory.Data.Text;

namespace Directory.Api.Places;

/// <summary>What a place argument names: a council, a police force area (its commissioner) or a region.</summary>
internal enum PlaceKind
{
    Council,
    PoliceForceArea,
    Region,
}

/// <summary>A matched place: the council or commissioner it is (none for a region) and its display name.</summary>
internal sealed record Place(PlaceKind Kind, string Name, Organisation? Organisation);

/// <summary>
/// Turns what a person types for a place ("Ashfield", "nottinghamshire", "E10000024", "Nottinghamshire police force
/// area", "East Midlands") into the place, in the order issue 16 fixes: an exact code; then a council's name or short
/// name; then a police force area; then a region. Names are compared ignoring case, accents, punctuation and the
/// words that only say what kind of council it is, so "Nottingham City Council" is "nottingham". A council and a force
/// area sharing a name is the council (the earlier level wins); only a tie within one level is ambiguous.
/// </summary>
internal static class PlaceMatcher
{
    private static readonly HashSet<string> KindWords = new(StringComparer.Ordinal)
    {
        "council", "borough", "district", "county", "city", "metropolitan",
    };

    private const string ForceAreaSuffix = " police force area";

    /// <summary>
    /// Lower case, accents folded, punctuation as spaces, "&amp;" as "and", without the council-kind words,
    /// "London Borough of", "Royal Borough of" and a leading "of (the)" — but "City of London" stays itself.
    /// </summary>
    public static string Normalize(string text)
    {
        var folded = SearchText.Normalize(text.Replace("&", " and ", StringComparison.Ordinal));
        var letters = new StringBuilder(folded.Length);
        foreach (var c in folded)
        {
            letters.Append(char.IsLetterOrDigit(c) ? c : ' ');
        }
        var words = letters.ToString().Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        if (words.Count >= 3 && words[0] == "city" && words[1] == "of" && words[2] == "london")
        {
            return string.Join(' ', words.Take(3));
        }
        RemovePhrase(words, "london", "borough", "of");
        RemovePhrase(words, "royal", "borough", "of");
        words.RemoveAll(KindWords.Contains);
        while (words.Count > 1 && words[0] is "of" or "the")
        {
            words.RemoveAt(0);
        }
        while (words.Count > 1 && words[^1] == "and")
        {
            words.RemoveAt(words.Count - 1);
        }
        return string.Join(' ', words);
    }

    private static void RemovePhrase(List<string> words, params string[] phrase)
    {
        for (var i = 0; i + phrase.Length <= words.Count; i++)
        {
            if (words.Skip(i).Take(phrase.Length).SequenceEqual(phrase))
            {
                words.RemoveRange(i, phrase.Length);
                return;
            }
        }
    }

    /// <summary>
    /// The place <paramref name="text"/> names; an unknown or ambiguous place is BAD_USER_INPUT with suggestions. Every
    /// council is a place, in the survey population or not (the City of London is a council whatever the survey did).
    /// </summary>
    public static async Task<Place> MatchAsync(DirectoryDbContext db, string text, CancellationToken cancellationToken)
    {
        var code = text.Trim();
        var wanted = Normalize(text);
        var wantedForceArea = wanted.EndsWith(ForceAreaSuffix, StringComparison.Ordinal) ? wanted[..^ForceAreaSuffix.Length] : null;
        var candidates = await CandidatesAsync(db, code, wanted, wantedForceArea, cancellationToken);
        var regions = await KnownRegionsAsync(db, cancellationToken);
        var councils = candidates.Where(o => o.Type == OrganisationType.LOCAL_AUTHORITY).ToList();
        var commissioners = candidates.Where(o => o.Type == OrganisationType.PCC).ToList();

        if (candidates.FirstOrDefault(o => string.Equals(o.Code, code, StringComparison.OrdinalIgnoreCase)) is { } byCode)
        {
            return byCode.Type == OrganisationType.PCC
                ? new Place(PlaceKind.PoliceForceArea, ForceAreaName(byCode), byCode)
                : new Place(PlaceKind.Council, byCode.Name, byCode);
        }

        var levels = new (PlaceKind Kind, IEnumerable<(string Name, Place Place)> Names)[]
        {
            (PlaceKind.Council, councils.SelectMany(c => CouncilNames(c).Select(n => (n, new Place(PlaceKind.Council, c.Name, c))))),
            (PlaceKind.PoliceForceArea, commissioners.SelectMany(p => CommissionerNames(p).Select(n => (n, new Place(PlaceKind.PoliceForceArea, ForceAreaName(p), p))))),
            (PlaceKind.Region, regions.Select(r => (r, new Place(PlaceKind.Region, r, null)))),
        };
        foreach (var (kind, names) in levels)
        {
            var found = names
                .Where(n => Normalize(n.Name) == wanted || (kind == PlaceKind.PoliceForceArea && Normalize(n.Name) == wantedForceArea))
                .Select(n => n.Place)
                .DistinctBy(p => (p.Organisation?.Id, p.Name))
                .ToList();
            if (found.Count == 1)
            {
                return found[0];
            }
            if (found.Count > 1)
            {
                throw Error($"\"{text}\" is ambiguous: it names {found.Count} places.", [.. found.Select(p => p.Name).Order(StringComparer.Ordinal)]);
            }
        }

        // Nothing matched: the suggestions need every name, not only the candidates the search found.
        var every = await Places(db).ToListAsync(cancellationToken);
        var everyName = every.Where(o => o.Type == OrganisationType.LOCAL_AUTHORITY).SelectMany(CouncilNames)
            .Concat(every.Where(o => o.Type == OrganisationType.PCC).Select(p => ForceAreaName(p) + " police force area"))
            .Concat(regions)
            .Distinct(StringComparer.Ordinal);
        throw Error($"There is no place \"{text}\" (a council, county, police force area or region, by name or code).", Closest(wanted, everyName));
    }

    private static IQueryable<Organisation> Places(DirectoryDbContext db) =>
        db.Organisations.AsNoTracking().Where(o => o.Type == OrganisationType.LOCAL_AUTHORITY || o.Type == OrganisationType.PCC);

    /// <summary>
    /// The councils and commissioners a place could name, found through organisation search (whose text holds the
    /// code, the name and the alternative names) instead of reading them all: the organisation with the code, and
    /// those whose names contain every word of the normalised place that the index can look up. Only words of three
    /// letters or more narrow (a short word may be the tail of "King's"), and not "and", which may stand for "&amp;".
    /// </summary>
    private static async Task<List<Organisation>> CandidatesAsync(DirectoryDbContext db, string code, string wanted, string? wantedForceArea, CancellationToken cancellationToken)
    {
        var candidates = await Places(db).Where(o => o.Code == code.ToUpperInvariant() || o.Code == code).ToListAsync(cancellationToken);
        foreach (var name in new[] { wanted, wantedForceArea }.OfType<string>())
        {
            var words = name.Split(' ', StringSplitOptions.RemoveEmptyEntries)
                .Where(w => w.Length >= Paging.TextSearch.IndexedWordLength && w != "and").ToList();
            candidates.AddRange(words.Count == 0
                ? await Places(db).ToListAsync(cancellationToken)
                : await Organisations.OrganisationResolvers.Search(db, Places(db), words).ToListAsync(cancellationToken));
        }
        return [.. candidates.DistinctBy(o => o.Id)];
    }

    /// <summary>The regions the directory knows: those of its in-scope organisations, by name.</summary>
    public static async Task<List<string>> KnownRegionsAsync(DirectoryDbContext db, CancellationToken cancellationToken) =>
        await db.Organisations.Where(o => o.InScope && o.Region != null).Select(o => o.Region!).Distinct()
            .OrderBy(r => r).ToListAsync(cancellationToken);

    /// <summary>
    /// The region a region argument names, as the data spells it (ignoring case and punctuation); a name that is no
    /// region is BAD_USER_INPUT with the closest regions, never a silent report of zeros.
    /// </summary>
    public static async Task<string> RegionAsync(DirectoryDbContext db, string region, CancellationToken cancellationToken)
    {
        var regions = await KnownRegionsAsync(db, cancellationToken);
        var wanted = Normalize(region);
        return regions.FirstOrDefault(r => Normalize(r) == wanted)
            ?? throw Error($"There is no region \"{region}\".", Closest(wanted, regions));
    }

    private static GraphQLError Error(string message, IReadOnlyList<string> suggestions) =>
        new(message, code: ErrorCodes.BadUserInput, extensions: new Dictionary<string, object?> { ["suggestions"] = suggestions });

    private static IEnumerable<string> CouncilNames(Organisation council)
    {
        yield return council.Name;
        if (OrganisationNames.ShortName(council.Code) is { } shortName)
        {
            yield return shortName;
        }
    }

    private static IEnumerable<string> CommissionerNames(Organisation commissioner)
    {
        yield return commissioner.Name;
        yield return ForceAreaName(commissioner);
    }

    /// <summary>The force area's own name ("Nottinghamshire"), or the commissioner's name where the lists lack it.</summary>
    private static string ForceAreaName(Organisation commissioner) =>
        OrganisationNames.ForceAreaName(commissioner.Code) ?? commissioner.Name;

    /// <summary>The five names closest to <paramref name="wanted"/> by edit distance of their normalized forms.</summary>
    private static List<string> Closest(string wanted, IEnumerable<string> names) =>
        [.. names.Select(n => (Name: n, Distance: Distance(wanted, Normalize(n))))
            .OrderBy(n => n.Distance).ThenBy(n => n.Name, StringComparer.Ordinal)
            .Take(5).Select(n => n.Name)];

    private static int Distance(string a, string b)
    {
        var previous = new int[b.Length + 1];
        var current = new int[b.Length + 1];
        for (var j = 0; j <= b.Length; j++)
        {
            previous[j] = j;
        }
        for (var i = 1; i <= a.Length; i++)
        {
            current[0] = i;
            for (var j = 1; j <= b.Length; j++)
            {
                current[j] = Math.Min(Math.Min(current[j - 1] + 1, previous[j] + 1), previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1));
            }
            (previous, current) = (current, previous);
        }
        return previous[b.Length];
    }
}
