using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Postgres;

/// <summary>See <see cref="ContactOrganisationNameMigration"/>.</summary>
[DbContext(typeof(PostgresDirectoryDbContext))]
[Migration(ContactOrganisationNameMigration.Id)]
public sealed class ContactOrganisationName : ContactOrganisationNameMigration;
