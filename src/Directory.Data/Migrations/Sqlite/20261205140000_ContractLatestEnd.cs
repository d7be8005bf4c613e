using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="ContractLatestEndMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(ContractLatestEndMigration.Id)]
public sealed class ContractLatestEnd : ContractLatestEndMigration;
