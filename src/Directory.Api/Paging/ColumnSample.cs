using System.Collections.Concurrent;

namespace Directory.Api.Paging;

/// <summary>
/// PostgreSQL: the values of a text column that <c>ANALYZE</c> keeps as the planner's statistics (<c>pg_stats</c>: the
/// most common values with their frequencies, and the histogram's bounds — about 100 values at the default statistics
/// target), remembered per database, table and column, so that a search can tell how many rows hold its words the way
/// the planner estimates a <c>LIKE</c> (the share of the sample that does) without a command of its own. pg_trgm's GIN
/// index has no vocabulary to count trigrams from, as FTS5's has (<see cref="TrigramFrequencies"/>, SQLite).
/// <para>
/// An estimate to choose a plan by, never to answer with: a stale sample or none (a table not yet analysed) costs
/// speed, never a match. Read when a search first needs it and again once older than
/// <see cref="TrigramFrequencies.Lifetime"/> (autovacuum analyses a table again as it changes).
/// </para>
/// </summary>
internal sealed class ColumnSample
{
    private static readonly ConcurrentDictionary<(string Database, string Table, string Column), ColumnSample> PerColumn = new();

    private readonly string _table;
    private readonly string _column;
    private Sample? _sample;

    private sealed record Sample(IReadOnlyList<(string Value, double Weight)> Values, long ReadAt);

    private ColumnSample(string table, string column) => (_table, _column) = (table, column);

    /// <summary>The sample of <paramref name="table"/>.<paramref name="column"/> (names of ours, never input) in <paramref name="db"/>'s database.</summary>
    public static ColumnSample Of(DirectoryDbContext db, string table, string column) =>
        PerColumn.GetOrAdd((db.Database.GetConnectionString() ?? "", table, column), key => new ColumnSample(key.Table, key.Column));

    /// <summary>
    /// About what share of the rows hold every one of <paramref name="words"/> in the column (as a substring): the
    /// frequencies of the common values that do, plus the rest of the rows in proportion to the histogram's values
    /// that do. 0 when nothing is sampled (the table never analysed) or no sampled value holds them.
    /// </summary>
    public double ShareContaining(DirectoryDbContext db, IReadOnlyList<string> words)
    {
        var now = Environment.TickCount64;
        if (Volatile.Read(ref _sample) is not { } sample || now - sample.ReadAt > TrigramFrequencies.Lifetime.TotalMilliseconds)
        {
            sample = new Sample(Read(db), now);
            Volatile.Write(ref _sample, sample);
        }
        return sample.Values.Where(v => words.All(w => v.Value.Contains(w, StringComparison.Ordinal))).Sum(v => v.Weight);
    }

    // Each sampled value with the share of the rows it stands for: a common value its frequency, a histogram bound an
    // equal part of the rows the common values leave.
    private List<(string Value, double Weight)> Read(DirectoryDbContext db)
    {
        string[]? common = null, histogram = null;
        float[]? frequencies = null;
        db.Database.OpenConnection();
        try
        {
            using var command = db.Database.GetDbConnection().CreateCommand();
            // anyarray columns, as text[] through their text form.
            command.CommandText = """
                SELECT most_common_vals::text::text[], most_common_freqs, histogram_bounds::text::text[]
                FROM pg_stats WHERE schemaname = current_schema() AND tablename = @table AND attname = @column
                """;
            foreach (var (name, value) in new[] { ("table", _table), ("column", _column) })
            {
                var parameter = command.CreateParameter();
                parameter.ParameterName = name;
                parameter.Value = value;
                command.Parameters.Add(parameter);
            }
            using var reader = command.ExecuteReader();
            if (reader.Read())
            {
                common = reader.IsDBNull(0) ? null : reader.GetFieldValue<string[]>(0);
                frequencies = reader.IsDBNull(1) ? null : reader.GetFieldValue<float[]>(1);
                histogram = reader.IsDBNull(2) ? null : reader.GetFieldValue<string[]>(2);
            }
        }
        finally
        {
            db.Database.CloseConnection();
        }
        var values = new List<(string Value, double Weight)>();
        var rest = 1.0;
        if (common is not null && frequencies is not null)
        {
            values.AddRange(common.Zip(frequencies, (value, frequency) => (value, (double)frequency)));
            rest -= frequencies.Sum();
        }
        if (histogram is { Length: > 0 })
        {
            values.AddRange(histogram.Select(value => (value, rest / histogram.Length)));
        }
        return values;
    }
}
