using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations.Sqlite;

/// <summary>See <see cref="ContactOrganisationNameMigration"/>.</summary>
[DbContext(typeof(SqliteDirectoryDbContext))]
[Migration(ContactOrganisationNameMigration.Id)]
public sealed class ContactOrganisationName : ContactOrganisationNameMigration;
