namespace Directory.GraphQL.Language;

/// <summary>
/// A small per-thread cache of name strings, so that the names a document repeats (field names such as "id" or
/// "name", type names, directive names) are allocated once rather than once per occurrence. Entries are simply
/// overwritten on collision: it is a cache, not a set.
/// </summary>
internal sealed class NameTable
{
    private const int Size = 1024;

    [ThreadStatic]
    private static NameTable? t_current;

    private readonly string?[] _entries = new string?[Size];

    public static NameTable Current => t_current ??= new NameTable();

    public string Get(ReadOnlySpan<char> name)
    {
        if (name.Length > 32)
        {
            return new string(name);
        }
        var hash = (uint)name.Length * 0x9E3779B1u;
        foreach (var c in name)
        {
            hash = (hash ^ c) * 0x01000193u;
        }
        ref var entry = ref _entries[hash & (Size - 1)];
        if (entry is not null && name.SequenceEqual(entry))
        {
            return entry;
        }
        return entry = new string(name);
    }
}
