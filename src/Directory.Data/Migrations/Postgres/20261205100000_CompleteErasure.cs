using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="CompleteErasureMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(CompleteErasureMigration.Id)]
public sealed class CompleteErasure : CompleteErasureMigration;
