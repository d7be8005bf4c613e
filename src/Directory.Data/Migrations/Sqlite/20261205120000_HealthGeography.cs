using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="HealthGeographyMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration("20261205120000_HealthGeography")]
public sealed class HealthGeography : HealthGeographyMigration;
