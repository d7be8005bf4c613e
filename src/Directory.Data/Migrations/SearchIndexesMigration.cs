using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Migrations;

/// <summary>
/// Issue 18 §1–2: indexed search. Adds <c>contacts.organisation_search_text</c> (organisation name and type,
/// department name) and <c>organisations.search_text</c> (code, names), filled after migrating by
/// <see cref="Text.SearchTextMaintenance.FillEmptyAsync"/> (normalising is C#), and indexes them with the contact's
/// <c>search_text</c>: on SQLite FTS5 external-content tables with the trigram tokenizer, kept in step with the
/// columns by triggers (so every write path, the import and erasure included, keeps them without code of its own);
/// on PostgreSQL pg_trgm GIN indexes (which the model also describes, see <see cref="PostgresDirectoryDbContext"/>).
/// </summary>
public abstract class SearchIndexesMigration : Migration
{
    public const string Id = "20261206100000_SearchIndexes";

    /// <summary>The FTS5 tables (each with its shadow tables, <c>name_…</c>): no part of the model, SQLite only.</summary>
    public static readonly string[] SqliteSearchTables = ["contacts_search", "organisations_search"];

    protected override void Up(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.AddColumn<string>(name: "organisation_search_text", table: "contacts", maxLength: 1000, nullable: false, defaultValue: "");
        migrationBuilder.AddColumn<string>(name: "search_text", table: "organisations", maxLength: 1000, nullable: false, defaultValue: "");
        migrationBuilder.Sql(MigrationScripts.IsPostgres(migrationBuilder) ? PostgresIndexes : SqliteIndexes(""));
    }

    protected override void Down(MigrationBuilder migrationBuilder)
    {
        ArgumentNullException.ThrowIfNull(migrationBuilder);
        migrationBuilder.Sql(MigrationScripts.IsPostgres(migrationBuilder)
            ? """
              DROP INDEX "IX_contacts_search_text"; DROP INDEX "IX_contacts_organisation_search_text"; DROP INDEX "IX_organisations_search_text";
              """
            : DropSqliteIndexes);
        migrationBuilder.DropColumn(name: "organisation_search_text", table: "contacts");
        migrationBuilder.DropColumn(name: "search_text", table: "organisations");
    }

    // Debian's PostgreSQL ships pg_trgm as a trusted extension: the database's owner may create it.
    private const string PostgresIndexes = """
        CREATE EXTENSION IF NOT EXISTS pg_trgm;
        CREATE INDEX "IX_contacts_search_text" ON contacts USING gin (search_text gin_trgm_ops);
        CREATE INDEX "IX_contacts_organisation_search_text" ON contacts USING gin (organisation_search_text gin_trgm_ops);
        CREATE INDEX "IX_organisations_search_text" ON organisations USING gin (search_text gin_trgm_ops);
        """;

    /// <summary>Drops SQLite's search indexes: their triggers, then the FTS5 tables with their shadow tables.</summary>
    internal const string DropSqliteIndexes = """
        DROP TRIGGER contacts_search_after_insert; DROP TRIGGER contacts_search_after_delete; DROP TRIGGER contacts_search_after_update;
        DROP TRIGGER organisations_search_after_insert; DROP TRIGGER organisations_search_after_delete; DROP TRIGGER organisations_search_after_update;
        DROP TABLE contacts_search; DROP TABLE organisations_search;
        """;

    /// <summary>
    /// Creates SQLite's search indexes, with <paramref name="options"/> (empty, or <c>, name=value…</c>) after each
    /// table's tokenizer, and fills them from their tables. External content: the index holds trigrams, the text stays
    /// in the table. 'secure-delete' makes a delete remove the row's entries from the index at once (not only mark them
    /// until a merge), so an erased person's trigrams do not linger; secure_delete then zeroes the freed pages. Two
    /// columns for contacts so that a row's text can be read per column (relevance tells the person's own text from
    /// their organisation's).
    /// </summary>
    internal static string SqliteIndexes(string options) => $"""
        CREATE VIRTUAL TABLE contacts_search USING fts5(search_text, organisation_search_text, content='contacts', content_rowid='id', tokenize='trigram'{options});
        INSERT INTO contacts_search(contacts_search, rank) VALUES ('secure-delete', 1);
        CREATE TRIGGER contacts_search_after_insert AFTER INSERT ON contacts BEGIN
            INSERT INTO contacts_search(rowid, search_text, organisation_search_text) VALUES (new.id, new.search_text, new.organisation_search_text);
        END;
        CREATE TRIGGER contacts_search_after_delete AFTER DELETE ON contacts BEGIN
            INSERT INTO contacts_search(contacts_search, rowid, search_text, organisation_search_text) VALUES ('delete', old.id, old.search_text, old.organisation_search_text);
        END;
        CREATE TRIGGER contacts_search_after_update AFTER UPDATE OF search_text, organisation_search_text ON contacts BEGIN
            INSERT INTO contacts_search(contacts_search, rowid, search_text, organisation_search_text) VALUES ('delete', old.id, old.search_text, old.organisation_search_text);
            INSERT INTO contacts_search(rowid, search_text, organisation_search_text) VALUES (new.id, new.search_text, new.organisation_search_text);
        END;
        INSERT INTO contacts_search(contacts_search) VALUES ('rebuild');

        CREATE VIRTUAL TABLE organisations_search USING fts5(search_text, content='organisations', content_rowid='id', tokenize='trigram'{options});
        INSERT INTO organisations_search(organisations_search, rank) VALUES ('secure-delete', 1);
        CREATE TRIGGER organisations_search_after_insert AFTER INSERT ON organisations BEGIN
            INSERT INTO organisations_search(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        CREATE TRIGGER organisations_search_after_delete AFTER DELETE ON organisations BEGIN
            INSERT INTO organisations_search(organisations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
        END;
        CREATE TRIGGER organisations_search_after_update AFTER UPDATE OF search_text ON organisations BEGIN
            INSERT INTO organisations_search(organisations_search, rowid, search_text) VALUES ('delete', old.id, old.search_text);
            INSERT INTO organisations_search(rowid, search_text) VALUES (new.id, new.search_text);
        END;
        INSERT INTO organisations_search(organisations_search) VALUES ('rebuild');
        """;
}
