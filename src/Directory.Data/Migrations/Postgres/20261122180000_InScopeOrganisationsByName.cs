using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="InScopeOrganisationsByNameMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration("20261122180000_InScopeOrganisationsByName")]
public sealed class InScopeOrganisationsByName : InScopeOrganisationsByNameMigration;
