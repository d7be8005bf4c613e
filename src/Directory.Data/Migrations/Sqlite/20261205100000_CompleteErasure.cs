using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="CompleteErasureMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(CompleteErasureMigration.Id)]
public sealed class CompleteErasure : CompleteErasureMigration;
