namespace Directory.GraphQL.Language;

/// <summary>
/// What the parser keeps per thread between documents: a small cache of name strings, so that the names a document
/// repeats ("id", "name", type and directive names) are allocated once rather than per occurrence, and the scratch
/// stack on which child lists are gathered, so that large documents do not regrow it (past 85 KB it would land on
/// the large object heap and provoke full collections). Name entries are overwritten on collision: a cache, not a set.
/// </summary>
internal sealed class ParserThreadCache
{
    private const int NameSlots = 1024;

    /// <summary>Stacks larger than this are dropped after use rather than kept for the thread's lifetime.</summary>
    private const int MaxRetainedStack = 1 << 16;

    [ThreadStatic]
    private static ParserThreadCache? _threadCurrent;

    private readonly string?[] _names = new string?[NameSlots];
    private SyntaxNode[]? _stack;

    public static ParserThreadCache Current => _threadCurrent ??= new ParserThreadCache();

    public string GetName(ReadOnlySpan<char> name)
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
        ref var entry = ref _names[hash & (NameSlots - 1)];
        if (entry is not null && name.SequenceEqual(entry))
        {
            return entry;
        }
        return entry = new string(name);
    }

    /// <summary>Takes the thread's scratch stack (a fresh one if a parse on this thread already holds it).</summary>
    public SyntaxNode[] RentStack()
    {
        var stack = _stack ?? new SyntaxNode[64];
        _stack = null;
        return stack;
    }

    /// <summary>Gives the stack back; entries up to <paramref name="used"/> are cleared so no tree stays reachable.</summary>
    public void ReturnStack(SyntaxNode[] stack, int used)
    {
        Array.Clear(stack, 0, Math.Min(used, stack.Length));
        if (stack.Length <= MaxRetainedStack)
        {
            _stack = stack;
        }
    }
}
