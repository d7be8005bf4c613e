namespace Directory.Data;

/// <summary>The directory on PostgreSQL; its own type so that it finds only the migrations in Migrations/Postgres.</summary>
public sealed class PostgresDirectoryDbContext(DbContextOptions<PostgresDirectoryDbContext> options) : DirectoryDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        base.OnModelCreating(modelBuilder);
        // Search's trigram indexes (issue 18): a LIKE '%word%' on these columns is an index lookup. SQLite's
        // counterpart, FTS5 tables, cannot be described in a model; the SearchIndexes migration creates both.
        modelBuilder.HasPostgresExtension("pg_trgm");
        // Their pending lists of new entries are kept small by the service's sessions, not by a storage parameter
        // (DirectoryDatabase.SearchPendingListKilobytes; Migrations/Postgres, SearchIndexesPendingListsPerSession).
        modelBuilder.Entity<Contact>().HasIndex(c => c.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        modelBuilder.Entity<Contact>().HasIndex(c => c.OrganisationSearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
        modelBuilder.Entity<Organisation>().HasIndex(o => o.SearchText).HasMethod("gin").HasOperators("gin_trgm_ops");
    }
}
