using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="DropContactNameSearchMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(DropContactNameSearchMigration.Id)]
public sealed class DropContactNameSearch : DropContactNameSearchMigration;
