using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="SearchIndexesMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(SearchIndexesMigration.Id)]
public sealed class SearchIndexes : SearchIndexesMigration;
