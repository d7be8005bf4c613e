namespace Directory.Data;

/// <summary>The directory on SQLite; its own type so that it finds only the migrations in Migrations/Sqlite.</summary>
public sealed class SqliteDirectoryDbContext(DbContextOptions<SqliteDirectoryDbContext> options) : DirectoryDbContext(options);
