using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="FundingAwardsMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(FundingAwardsMigration.Id)]
public sealed class FundingAwards : FundingAwardsMigration;
