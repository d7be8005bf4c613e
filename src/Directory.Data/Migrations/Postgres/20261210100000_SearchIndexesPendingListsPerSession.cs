using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>
/// The search indexes' pending lists are bounded by the service's sessions (<c>gin_pending_list_limit</c>,
/// <see cref="DirectoryDatabase.SearchPendingListKilobytes"/>) instead of each index's storage parameter, which
/// <see cref="SearchIndexesSmallPendingLists"/> set: a storage parameter wins over the session's setting, and changing
/// it takes a lock that stops every search, so an import could not raise it for its own transaction, and a 64 kB list
/// made the ×100 import's contacts 2–7× slower (docs/benchmarks.md, "Data import"). What the indexes hold stays:
/// the lists were moved into the index when they were bounded, and the sessions keep them small from now on.
/// </summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(Id)]
public sealed class SearchIndexesPendingListsPerSession : Migration
{
    public const string Id = "20261210100000_SearchIndexesPendingListsPerSession";

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var index in SearchIndexesSmallPendingLists.Indexes)
        {
            migrationBuilder.Sql($"ALTER INDEX \"{index}\" RESET (gin_pending_list_limit);");
        }
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        foreach (var index in SearchIndexesSmallPendingLists.Indexes)
        {
            migrationBuilder.Sql($"ALTER INDEX \"{index}\" SET (gin_pending_list_limit = {SearchIndexesSmallPendingLists.PendingListKilobytes});");
        }
    }
}
