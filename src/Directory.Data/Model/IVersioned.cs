namespace Directory.Data.Model;

/// <summary>
/// An editable row. <see cref="Version"/> is its optimistic concurrency token: <see cref="DirectoryDbContext"/>
/// increments it whenever the row is saved with a changed value, and an UPDATE or DELETE only succeeds while the
/// stored version is still the one that was read. An int works the same on SQLite and PostgreSQL (xmin would not).
/// </summary>
public interface IVersioned
{
    int Version { get; set; }
}
