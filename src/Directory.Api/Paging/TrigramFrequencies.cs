using System.Collections.Concurrent;
using System.Text.Json;

namespace Directory.Api.Paging;

/// <summary>
/// How many rows of an FTS5 trigram table hold each trigram (its document frequency, read from the table's
/// vocabulary through an <c>fts5vocab</c> table), remembered per database and table, so that a search looks up only
/// the rarest trigrams of each word: an FTS5 phrase of a long word intersects the rows of every one of its trigrams
/// (11 for "commissioning", each in 15,000–41,000 contacts at ×100), two rare ones narrow as much for a tenth of the work.
/// <para>
/// The counts only choose which trigrams to look up; <see cref="TextSearch"/> then checks every word against the text
/// itself, so a count that is stale or missing costs speed, never a match. A trigram the vocabulary lacks counts as
/// 0 rows and is therefore looked up first: if the data has gained it since, FTS5 finds it all the same. Counts are
/// read when a search first needs them and again once older than <see cref="Lifetime"/>, by the request that needs
/// them (one command for all of a search's unknown trigrams; at ×100 about 0.5 ms per common trigram).
/// </para>
/// </summary>
internal sealed class TrigramFrequencies
{
    /// <summary>How long a count is used before it is read again.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(5);

    /// <summary>
    /// Trigrams looked up per word: the rarest two (fewer in a word of three or four letters). With the sample ×100,
    /// "commissioning" AND "manager" by their two rarest trigrams each yields exactly the 5,600 matches.
    /// </summary>
    private const int TrigramsPerWord = 2;

    // A table's vocabulary has a few thousand trigrams; a bound keeps searches for made-up trigrams from growing the
    // memory without end (past it, everything is forgotten and read again as needed).
    private const int MaxRemembered = 50_000;

    private static readonly ConcurrentDictionary<(string Database, string Table), TrigramFrequencies> PerIndex = new();

    private readonly string _table;
    private readonly ConcurrentDictionary<string, (long Rows, long ReadAt)> _rows = new(StringComparer.Ordinal);
    private TableRows? _tableRows;

    private sealed record TableRows(long Rows, long ReadAt);

    private TrigramFrequencies(string table) => _table = table;

    /// <summary>The frequencies of <paramref name="fts5Table"/> (a name of ours, never input) in <paramref name="db"/>'s database.</summary>
    public static TrigramFrequencies Of(DirectoryDbContext db, string fts5Table) =>
        PerIndex.GetOrAdd((db.Database.GetConnectionString() ?? "", fts5Table), key => new TrigramFrequencies(key.Table));

    /// <summary>
    /// The trigrams to look up for <paramref name="words"/>: the rarest <see cref="TrigramsPerWord"/> of each word
    /// (ties in a fixed order, so the same search sends the same MATCH). Empty when no word has three characters.
    /// </summary>
    public IReadOnlyList<string> RarestOf(DirectoryDbContext db, IEnumerable<string> words)
    {
        var perWord = Counted(db, words);
        return [.. perWord.SelectMany(t => t.OrderBy(Rows).ThenBy(x => x, StringComparer.Ordinal).Take(TrigramsPerWord)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>
    /// About how many of the <paramref name="table"/>'s rows (the FTS5 table's content, a name of ours) hold every
    /// one of <paramref name="words"/>, and how many rows it has: each word is in at most as many rows as its rarest
    /// trigram, and the words are taken as independent. An estimate, to choose a plan by, never to answer with: words
    /// that go together (a job title's) are more often found together than this says.
    /// </summary>
    public (double Matches, long Rows) Estimate(DirectoryDbContext db, string table, IEnumerable<string> words)
    {
        var perWord = Counted(db, words);
        var now = Environment.TickCount64;
        if (Volatile.Read(ref _tableRows) is not { } known || now - known.ReadAt > Lifetime.TotalMilliseconds)
        {
            var count = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\""; // the model's table name, never input
            known = new TableRows(db.Database.SqlQueryRaw<long>(count).AsEnumerable().Single(), now);
            Volatile.Write(ref _tableRows, known);
        }
        var rows = Math.Max(known.Rows, 1);
        var matches = perWord.Aggregate((double)rows, (estimate, trigrams) => estimate * trigrams.Min(Rows) / rows);
        return (matches, known.Rows);
    }

    private long Rows(string trigram) => _rows.TryGetValue(trigram, out var known) ? known.Rows : 0;

    // Each word's trigrams, with their counts known and fresh (read in one command when any is not).
    private List<IReadOnlyList<string>> Counted(DirectoryDbContext db, IEnumerable<string> words)
    {
        var perWord = words.Select(Trigrams).Where(t => t.Count > 0).ToList();
        var now = Environment.TickCount64;
        var unknown = perWord.SelectMany(t => t).Distinct(StringComparer.Ordinal)
            .Where(t => !_rows.TryGetValue(t, out var known) || now - known.ReadAt > Lifetime.TotalMilliseconds).ToList();
        if (unknown.Count > 0)
        {
            Read(db, unknown, now);
        }
        return perWord;
    }

    /// <summary>
    /// The distinct substrings of three characters of <paramref name="word"/>, as FTS5's trigram tokenizer cuts text:
    /// by Unicode code point, so a letter outside the Basic Multilingual Plane is one character, not two.
    /// </summary>
    public static IReadOnlyList<string> Trigrams(string word)
    {
        var starts = new List<int>(word.Length + 1);
        for (var i = 0; i < word.Length; i += char.IsSurrogatePair(word, i) ? 2 : 1)
        {
            starts.Add(i);
        }
        starts.Add(word.Length);
        var trigrams = new List<string>();
        for (var i = 0; i + 3 < starts.Count; i++)
        {
            var trigram = word[starts[i]..starts[i + 3]];
            if (!trigrams.Contains(trigram, StringComparer.Ordinal))
            {
                trigrams.Add(trigram);
            }
        }
        return trigrams;
    }

    // The vocabulary is a temporary table of the connection (fts5vocab over the main database's table): nothing in
    // the schema, created once per native connection, which the pool keeps.
    private void Read(DirectoryDbContext db, IReadOnlyList<string> trigrams, long now)
    {
        if (_rows.Count + trigrams.Count > MaxRemembered)
        {
            _rows.Clear();
        }
        var vocabulary = _table + "_vocabulary";
        var read = new Dictionary<string, long>(StringComparer.Ordinal);
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            command.CommandText = $"""
                CREATE VIRTUAL TABLE IF NOT EXISTS temp.{vocabulary} USING fts5vocab(main, {_table}, row);
                SELECT term, doc FROM temp.{vocabulary} WHERE term IN (SELECT value FROM json_each($trigrams))
                """;
            var parameter = command.CreateParameter();
            parameter.ParameterName = "$trigrams";
            parameter.Value = JsonSerializer.Serialize(trigrams);
            command.Parameters.Add(parameter);
            using var reader = command.ExecuteReader();
            while (reader.Read())
            {
                read[reader.GetString(0)] = reader.GetInt64(1);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
        foreach (var trigram in trigrams)
        {
            _rows[trigram] = (read.GetValueOrDefault(trigram), now);
        }
    }
}
