using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="PageOrderIndexesMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(PageOrderIndexesMigration.Id)]
public sealed class PageOrderIndexes : PageOrderIndexesMigration;
