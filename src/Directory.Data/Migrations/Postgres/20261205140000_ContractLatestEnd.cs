using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="ContractLatestEndMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(ContractLatestEndMigration.Id)]
public sealed class ContractLatestEnd : ContractLatestEndMigration;
