using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>
/// Issue 18 §4: SQLite's FTS5 search indexes (<see cref="SearchIndexesMigration"/>) again, with <c>detail=none</c>
/// and <c>columnsize=0</c>: each trigram keeps only the rows it is in, not its columns and positions, and no row's
/// size is kept. Search never needed them: it asks the index for rows holding single trigrams and checks every word
/// as a substring of the columns itself (<c>instr</c>), and ranks by its own counts, not bm25. Writing them was more
/// than half of FTS5's cost per row in an import and three quarters of the index's size (the ×100 rows: 48 → 12 MB;
/// docs/benchmarks.md "Data import", eighth step). FTS5 then refuses phrases of several trigrams and column
/// filters, which nothing sends. PostgreSQL's pg_trgm indexes are not affected, so this migration is SQLite's alone.
/// </summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(Id)]
public sealed class SearchIndexesWithoutPositions : Migration
{
    public const string Id = "20261208100000_SearchIndexesWithoutPositions";

    /// <summary>The FTS5 options this migration adds to both search indexes.</summary>
    public const string Options = ", detail=none, columnsize=0";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndexesMigration.DropSqliteIndexes + SearchIndexesMigration.SqliteIndexes(Options));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(SearchIndexesMigration.DropSqliteIndexes + SearchIndexesMigration.SqliteIndexes(""));
    }
}
