using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="SearchIndexesMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(SearchIndexesMigration.Id)]
public sealed class SearchIndexes : SearchIndexesMigration;
