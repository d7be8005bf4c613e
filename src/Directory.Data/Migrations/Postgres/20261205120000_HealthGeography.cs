using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="HealthGeographyMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration("20261205120000_HealthGeography")]
public sealed class HealthGeography : HealthGeographyMigration;
