using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="DropContactNameSearchMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(DropContactNameSearchMigration.Id)]
public sealed class DropContactNameSearch : DropContactNameSearchMigration;
