using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="PageOrderIndexesMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(PageOrderIndexesMigration.Id)]
public sealed class PageOrderIndexes : PageOrderIndexesMigration;
