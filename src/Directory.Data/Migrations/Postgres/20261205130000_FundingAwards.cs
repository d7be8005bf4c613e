using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="FundingAwardsMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(FundingAwardsMigration.Id)]
public sealed class FundingAwards : FundingAwardsMigration;
