using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="InScopeOrganisationsByNameMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration("20261122180000_InScopeOrganisationsByName")]
public sealed class InScopeOrganisationsByName : InScopeOrganisationsByNameMigration;
