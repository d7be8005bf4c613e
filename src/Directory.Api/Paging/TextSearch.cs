using System.Linq.Expressions;

namespace Directory.Api.Paging;

/// <summary>
/// What a list's <c>search</c> matches: the normalised search columns of its rows and, on SQLite, the FTS5 table
/// (trigram tokenizer, external content) that indexes them under the rows' ids (queried as <see cref="SearchIndexRow"/>).
/// </summary>
internal sealed record SearchIndex<T>(string Fts5Table, Expression<Func<T, int>> Id, IReadOnlyList<Expression<Func<T, string>>> Columns);

/// <summary>
/// Indexed free-text search with the meaning search always had: every word of the search (normalised like the
/// columns, <see cref="Data.Text.SearchText"/>) must be a substring of one of the row's search columns. Words of three
/// characters or more go through a trigram index. On SQLite one FTS5 <c>MATCH</c> (<c>id IN (SELECT rowid …)</c>) of
/// each word's rarest trigrams only (<see cref="TrigramFrequencies"/>) finds candidates, which every word then checks
/// with <c>instr</c> on the columns, in the same command: a row has all of a word's trigrams when it has the word, so
/// the candidates include every match, and the check keeps exactly the matches. On PostgreSQL a <c>LIKE '%word%'</c>
/// per column (<see cref="string.Contains(string)"/>, escaped by Npgsql) that pg_trgm's GIN indexes answer.
/// Trigrams cannot index shorter words, so those match as the start of a word (after a space or at the start of a
/// column) by a scan of the rows the long words, the visibility rule and the filter have already narrowed — or of
/// the whole list when every word is short. The last word needs no special case for prefix matching as one types: a
/// substring match includes every prefix. Everything stays one SQL predicate, composed with the caller's query.
/// </summary>
internal static class TextSearch
{
    /// <summary>The shortest word a trigram index can answer.</summary>
    public const int IndexedWordLength = 3;

    /// <param name="throughIndex">
    /// False to leave the FTS5 table out on SQLite (every word then checked on the rows alone): for rows already
    /// narrowed some other way, as <see cref="RowsToWalk"/>'s walk of a list's order is.
    /// </param>
    public static IQueryable<T> Apply<T>(DirectoryDbContext db, IQueryable<T> rows, SearchIndex<T> index, IReadOnlyList<string> words, bool throughIndex = true)
    {
        var conditions = new List<Expression<Func<T, bool>>>();
        var indexed = words.Where(w => w.Length >= IndexedWordLength).Distinct(StringComparer.Ordinal).ToList();
        if (indexed.Count > 0)
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                if (throughIndex && Fts5Match(db, index, indexed) is { } candidates)
                {
                    conditions.Add(candidates);
                }
                conditions.AddRange(indexed.Select(w => AnyColumn(index, column => Contains(column, w))));
            }
            else
            {
                conditions.AddRange(indexed.Select(w => AnyColumn(index, column => Contains(column, w))));
            }
        }
        conditions.AddRange(words.Where(w => w.Length < IndexedWordLength).Distinct(StringComparer.Ordinal)
            .Select(w => AnyColumn(index, column => StartsAWord(column, w))));
        return Predicates.AllOf(conditions) is { } all ? rows.Where(all) : rows;
    }

    /// <summary>
    /// Rows a list's order can be read in, checking each on its own, to find <paramref name="wanted"/> rows that hold
    /// every word (at the top relevance, each in the person's own text) — null when the matches look too sparse for
    /// that to beat the index. When they are dense (at ×100 "commissioning manager" is in 1 contact of 12) the first
    /// page is near the start of the order: reading ~300 rows of an index in order costs a fraction of ranking the
    /// 5,600 matches the index finds (0.1 against 7 ms in sqlite3). The estimate (<see cref="TrigramFrequencies.Estimate"/>)
    /// only chooses: the walk reads twice the rows it expects to need, at most <see cref="MaxRowsWalked"/> and never
    /// more than the matches it expects (what ranking them would read), and a walk that finds too few gives way to
    /// the index (the caller's concern). On PostgreSQL the same walk, chosen by the planner's sample of the column
    /// instead of trigram counts (<see cref="ColumnSample"/>). Every word needs a trigram.
    /// </summary>
    public static int? RowsToWalk<T>(DirectoryDbContext db, SearchIndex<T> index, IReadOnlyList<string> words, int wanted)
    {
        if (words.Count == 0 || words.Any(w => TrigramFrequencies.Trigrams(w).Count == 0))
        {
            return null;
        }
        if (db.Provider == DatabaseProvider.Postgres)
        {
            return PostgresRowsToWalk(db, index, words, wanted);
        }
        var table = db.Model.FindEntityType(typeof(T))?.GetTableName() ?? throw new InvalidOperationException($"{typeof(T).Name} has no table.");
        var (matches, rows) = TrigramFrequencies.Of(db, index.Fts5Table).Estimate(db, table, words.Distinct(StringComparer.Ordinal));
        if (matches < 1)
        {
            return null;
        }
        var walk = Math.Ceiling(2.0 * wanted * rows / matches);
        return walk <= Math.Min(matches, MaxRowsWalked) ? (int)walk : null;
    }

    // PostgreSQL's walk (a plan it does not pick on its own: the relevance it orders by first is no index's): the
    // walk keeps the rows with every word in the index's first column (the person's own text), and the planner's
    // sample of that column (ColumnSample) says what share of the rows those are. At ×100 the ranked first page of
    // "commissioning manager" reads its 5,600 matches (≈ 25 ms), the walk ≈ 150 rows of the order's index (≈ 0.4 ms).
    // A word the sample does not show in any value rules the walk out.
    private static int? PostgresRowsToWalk<T>(DirectoryDbContext db, SearchIndex<T> index, IReadOnlyList<string> words, int wanted)
    {
        var entity = db.Model.FindEntityType(typeof(T)) ?? throw new InvalidOperationException($"{typeof(T).Name} is not in the model.");
        var property = ((MemberExpression)index.Columns[0].Body).Member.Name;
        var column = entity.FindProperty(property)?.GetColumnName() ?? throw new InvalidOperationException($"{typeof(T).Name}.{property} has no column.");
        var share = ColumnSample.Of(db, entity.GetTableName()!, column).ShareContaining(db, [.. words.Distinct(StringComparer.Ordinal)]);
        if (share <= 0)
        {
            return null;
        }
        var walk = Math.Ceiling(2.0 * wanted / share);
        return walk <= MaxRowsWalked ? (int)walk : null;
    }

    /// <summary>The most rows <see cref="RowsToWalk"/> lets a walk read: at ×100 ≈ 1 ms in sqlite3, wasted when it finds too few.</summary>
    public const int MaxRowsWalked = 2_000;

    /// <summary>How many of <paramref name="words"/> start a word of <paramref name="column"/>: a relevance for names.</summary>
    public static Expression<Func<T, int>> WordStarts<T>(Expression<Func<T, string>> column, IReadOnlyList<string> words) =>
        Count(column, words, w => StartsAWord(column.Body, w));

    /// <summary>How many of <paramref name="words"/> are in <paramref name="column"/> (as <see cref="Apply"/> matches them).</summary>
    public static Expression<Func<T, int>> Matches<T>(Expression<Func<T, string>> column, IReadOnlyList<string> words) =>
        Count(column, words, w => w.Length >= IndexedWordLength ? Contains(column.Body, w) : StartsAWord(column.Body, w));

    // Σ CASE WHEN condition THEN 1 ELSE 0 END, from the row alone (no index statistics such as bm25): the same on both
    // providers, and unchanged when other rows change, as a keyset cursor over it needs.
    private static Expression<Func<T, int>> Count<T>(Expression<Func<T, string>> column, IReadOnlyList<string> words, Func<string, Expression> condition)
    {
        var sum = words.Distinct(StringComparer.Ordinal)
            .Select(w => (Expression)Expression.Condition(condition(w), Expression.Constant(1), Expression.Constant(0)))
            .Aggregate(Expression.Add);
        return Expression.Lambda<Func<T, int>>(sum, column.Parameters);
    }

    // id IN (SELECT rowid FROM fts WHERE fts = @query), which FTS5 reads as MATCH, with @query '"t1" AND "t2" …': each
    // chosen trigram a phrase, quotes doubled, so none is read as FTS5 syntax (AND, NEAR, *, column filters). The
    // query a parameter of a fixed SQL text, so EF Core generates the command's SQL once per shape, not per request.
    // Null when no word has three code points (a word of three UTF-16 characters can be two letters), which leaves
    // the words' instr checks to scan.
    private static Expression<Func<T, bool>>? Fts5Match<T>(DirectoryDbContext db, SearchIndex<T> index, IReadOnlyList<string> words)
    {
        var trigrams = TrigramFrequencies.Of(db, index.Fts5Table).RarestOf(db, words);
        if (trigrams.Count == 0)
        {
            return null;
        }
        var query = string.Join(" AND ", trigrams.Select(t => "\"" + t.Replace("\"", "\"\"", StringComparison.Ordinal) + "\""));
        var ids = db.Set<SearchIndexRow>(index.Fts5Table).Where(row => row.Query == query).Select(row => row.Id);
        var contains = Expression.Call(typeof(Queryable), nameof(Queryable.Contains), [typeof(int)], ids.Expression, index.Id.Body);
        return Expression.Lambda<Func<T, bool>>(contains, index.Id.Parameters);
    }

    private static Expression<Func<T, bool>> AnyColumn<T>(SearchIndex<T> index, Func<Expression, Expression> condition)
    {
        var parameter = Expression.Parameter(typeof(T), "row");
        var any = Predicates.Balanced([.. index.Columns.Select(c => condition(Predicates.Rebind(c, parameter)))], Expression.OrElse)!;
        return Expression.Lambda<Func<T, bool>>(any, parameter);
    }

    // instr(column, word) > 0 on SQLite; on PostgreSQL column LIKE @pattern, Npgsql escaping the word's %, _ and \ in
    // the parameter for LIKE's default escape character, which pg_trgm's GIN index answers. (EF.Functions.Like with a
    // pattern escaped by hand was sent with ESCAPE '', which made the backslashes literal: "a_b" found nothing.)
    private static MethodCallExpression Contains(Expression column, string word) => Expression.Call(column, StringContains, Parameter(word));

    // (' ' || column) contains ' ' || word.
    private static Expression StartsAWord(Expression column, string word) =>
        Contains(Expression.Call(StringConcat, Expression.Constant(" "), column), " " + word);

    // A closure's field, so EF Core sends the value as a parameter rather than inlining it into the SQL text.
    private static MemberExpression Parameter(string value) =>
        Expression.Field(Expression.Constant(new Holder(value)), nameof(Holder.Value));

    private sealed class Holder(string value)
    {
        public readonly string Value = value;
    }

    private static readonly System.Reflection.MethodInfo StringContains = typeof(string).GetMethod(nameof(string.Contains), [typeof(string)])!;
    private static readonly System.Reflection.MethodInfo StringConcat = typeof(string).GetMethod(nameof(string.Concat), [typeof(string), typeof(string)])!;
}
