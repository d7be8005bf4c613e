using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>
/// Issue 18 §1–2: PostgreSQL's pg_trgm GIN search indexes keep at most 64 kB of new entries in their pending list
/// (<c>gin_pending_list_limit</c>; the server's default is 4 MB), and whatever they hold now is moved into the index
/// (<c>gin_clean_pending_list</c>). A GIN index with fast update (the default) adds what a write changes to that list,
/// unsorted, and every search through the index reads all of it, until a vacuum or a full list moves it into the
/// index proper. Every contact write that changes a row adds to both contact indexes (no update of an indexed row is
/// HOT), and autovacuum comes only after a fifth of the table has changed, so between vacuums the lists grow towards
/// 4 MB: after ≈ 5,000 job-title writes at the sample ×100 each scan read 134–225 pages of it instead of 7–8 and
/// "domestic abuse" after a write took 8.5–8.8 ms instead of ≈ 4 (docs/benchmarks.md, "One command per search"). A
/// 64 kB list is at most eight pages to read; writes still add in batches, moved into the index every 64 kB.
/// PostgreSQL's alone: SQLite's FTS5 indexes have no such list.
/// </summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(Id)]
public sealed class SearchIndexesSmallPendingLists : Migration
{
    public const string Id = "20261209100000_SearchIndexesSmallPendingLists";

    /// <summary>The pending list's bound, kB (PostgreSQL's least).</summary>
    public const int PendingListKilobytes = 64;

    /// <summary>The GIN indexes of <see cref="PostgresDirectoryDbContext"/>.</summary>
    public static readonly string[] Indexes = ["IX_contacts_search_text", "IX_contacts_organisation_search_text", "IX_organisations_search_text"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var index in Indexes)
        {
            migrationBuilder.Sql($"SELECT gin_clean_pending_list('\"{index}\"'); ALTER INDEX \"{index}\" SET (gin_pending_list_limit = {PendingListKilobytes});");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var index in Indexes)
        {
            migrationBuilder.Sql($"ALTER INDEX \"{index}\" RESET (gin_pending_list_limit);");
        }
    }
}
