using Directory.Data.Migrations;

namespace Directory.Data.Configuration;

/// <summary>
/// Maps <see cref="SearchIndexRow"/> once per FTS5 table, as a shared-type entity named after the table, on SQLite
/// only (PostgreSQL searches through its trigram indexes). Mapped as a view: the FTS5 tables are the SearchIndexes
/// migration's, so nothing (migrations, <c>EnsureCreated</c>) may try to create them from the model.
/// </summary>
internal static class SearchIndexRowConfiguration
{
    public static void Configure(ModelBuilder modelBuilder)
    {
        foreach (var table in SearchIndexesMigration.SqliteSearchTables)
        {
            modelBuilder.SharedTypeEntity<SearchIndexRow>(table, row =>
            {
                row.HasNoKey();
                row.ToView(table);
                row.Property(r => r.Id).HasColumnName("rowid");
                row.Property(r => r.Query).HasColumnName(table);
            });
        }
    }
}
