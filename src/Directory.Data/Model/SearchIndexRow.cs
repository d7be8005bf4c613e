namespace Directory.Data.Model;

/// <summary>
/// A row of one of SQLite's FTS5 search indexes (<see cref="Migrations.SearchIndexesMigration.SqliteSearchTables"/>)
/// as a query reads it: the indexed row's id, and the hidden column named after the table, which FTS5 reads a
/// comparison with as <c>MATCH</c> (<c>WHERE contacts_search = @query</c>). Queried by the table's name
/// (<c>db.Set&lt;SearchIndexRow&gt;("contacts_search")</c>), so the match query is a parameter and the SQL text stays
/// the same from one search to the next, which lets EF Core cache it (a <c>FromSql</c> argument does not). SQLite only.
/// </summary>
public sealed class SearchIndexRow
{
    /// <summary>The id (rowid) of the indexed row: the contact's or the organisation's.</summary>
    public int Id { get; init; }

    /// <summary>The FTS5 query to match: only ever compared with, never read.</summary>
    public string Query { get; init; } = "";
}
