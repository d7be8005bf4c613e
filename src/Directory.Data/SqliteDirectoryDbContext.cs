namespace Directory.Data;

/// <summary>The directory on SQLite; its own type so that it finds only the migrations in Migrations/Sqlite.</summary>
public sealed class SqliteDirectoryDbContext(DbContextOptions<SqliteDirectoryDbContext> options) : DirectoryDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // The FTS5 search indexes, as far as a query needs them (their match column and the row id).
        Configuration.SearchIndexRowConfiguration.Configure(modelBuilder);
    }
}
