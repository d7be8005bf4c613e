using System.Buffers;
using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace Directory.GraphQL.Language;

/// <summary>
/// The GraphQL lexer (spec §2.1), modelled on graphql-js `lexer.ts`: it reads one token at a time from a span of
/// UTF-16 code units, skipping ignored tokens and tracking lines ("\r\n", "\r", "\n") for 1-based locations.
/// It is a ref struct so that the parser carries it inline; names and numbers are not copied until someone asks
/// for <see cref="Value"/>, and keywords are compared against the span with <see cref="Is"/>.
/// </summary>
internal ref struct Lexer
{
    // Characters that end a run of plain string content, and the ones that end a comment; found with vectorised search.
    private static readonly SearchValues<char> StringSpecials = SearchValues.Create("\"\\\n\r");
    private static readonly SearchValues<char> LineTerminators = SearchValues.Create("\n\r");

    private readonly ReadOnlySpan<char> _source;
    private int _line;
    private int _lineStart;
    private string? _stringValue;

    public Lexer(ReadOnlySpan<char> source)
    {
        _source = source;
        _line = 1;
        Kind = TokenKind.StartOfFile;
        Line = 0;
        Column = 0;
    }

    public readonly ReadOnlySpan<char> Source => _source;

    public TokenKind Kind { get; private set; }

    /// <summary>Offset of the current token's first character.</summary>
    public int Start { get; private set; }

    /// <summary>Offset just after the current token's last character.</summary>
    public int End { get; private set; }

    public int Line { get; private set; }

    public int Column { get; private set; }

    /// <summary>The raw characters of the current token (for strings: including the quotes).</summary>
    public readonly ReadOnlySpan<char> RawSpan => _source[Start..End];

    /// <summary>
    /// The value of a Name, Int, Float, String or BlockString token (strings with escapes resolved and block strings
    /// dedented); null for punctuators and end of file.
    /// </summary>
    public readonly string? Value => Kind switch
    {
        TokenKind.String or TokenKind.BlockString => _stringValue,
        TokenKind.Name or TokenKind.Int or TokenKind.Float => new string(_source[Start..End]),
        _ => null,
    };

    /// <summary>True when the current token is the name <paramref name="keyword"/>; allocates nothing.</summary>
    public readonly bool Is(string keyword) => Kind == TokenKind.Name && _source[Start..End].SequenceEqual(keyword);

    /// <summary>Reads the next token (graphql-js `readNextToken`, comments skipped) and returns its kind.</summary>
    public TokenKind Advance()
    {
        if (Kind == TokenKind.EndOfFile)
        {
            return Kind;
        }
        var source = _source;
        var position = End;
        while (position < source.Length)
        {
            var code = source[position];
            switch (code)
            {
                case '\uFEFF':
                case '\t':
                case ' ':
                case ',':
                    position++;
                    continue;
                case '\n':
                    position++;
                    _line++;
                    _lineStart = position;
                    continue;
                case '\r':
                    position += position + 1 < source.Length && source[position + 1] == '\n' ? 2 : 1;
                    _line++;
                    _lineStart = position;
                    continue;
                case '#':
                    position = SkipComment(position);
                    continue;
                case '!': return Punctuator(TokenKind.Bang, position, 1);
                case '$': return Punctuator(TokenKind.Dollar, position, 1);
                case '&': return Punctuator(TokenKind.Amp, position, 1);
                case '(': return Punctuator(TokenKind.ParenL, position, 1);
                case ')': return Punctuator(TokenKind.ParenR, position, 1);
                case ':': return Punctuator(TokenKind.Colon, position, 1);
                case '=': return Punctuator(TokenKind.Equals, position, 1);
                case '@': return Punctuator(TokenKind.At, position, 1);
                case '[': return Punctuator(TokenKind.BracketL, position, 1);
                case ']': return Punctuator(TokenKind.BracketR, position, 1);
                case '{': return Punctuator(TokenKind.BraceL, position, 1);
                case '|': return Punctuator(TokenKind.Pipe, position, 1);
                case '}': return Punctuator(TokenKind.BraceR, position, 1);
                case '.':
                    {
                        var next = CharAt(position + 1);
                        if (next == '.' && CharAt(position + 2) == '.')
                        {
                            return Punctuator(TokenKind.Spread, position, 3);
                        }
                        if (next == '.')
                        {
                            throw Error(position, "Unexpected \"..\", did you mean \"...\"?");
                        }
                        if (IsDigit(next))
                        {
                            var digitsEnd = ReadDigits(position + 1, next);
                            throw Error(position,
                                $"Invalid number, expected digit before \".\", did you mean \"0.{source[(position + 1)..digitsEnd]}\"?");
                        }
                        break;
                    }
                case '"':
                    if (CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
                    {
                        return ReadBlockString(position);
                    }
                    return ReadString(position);
            }
            if (IsDigit(code) || code == '-')
            {
                return ReadNumber(position, code);
            }
            if (IsNameStart(code))
            {
                var end = position + 1;
                while (end < source.Length && IsNameContinue(source[end]))
                {
                    end++;
                }
                return SetToken(TokenKind.Name, position, end);
            }
            throw Error(position, code == '\''
                ? "Unexpected single quote character ('), did you mean to use a double quote (\")?"
                : IsUnicodeScalarValue(code) || IsSupplementaryCodePoint(source, position)
                    ? $"Unexpected character: {PrintCodePointAt(position)}."
                    : $"Invalid character: {PrintCodePointAt(position)}.");
        }
        return SetToken(TokenKind.EndOfFile, source.Length, source.Length);
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TokenKind Punctuator(TokenKind kind, int position, int length) => SetToken(kind, position, position + length);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private TokenKind SetToken(TokenKind kind, int start, int end)
    {
        Kind = kind;
        Start = start;
        End = end;
        Line = _line;
        Column = 1 + start - _lineStart;
        return kind;
    }

    /// <summary>A comment runs to the end of the line; it stops early at a lone surrogate, which the next read rejects.</summary>
    private readonly int SkipComment(int start)
    {
        var source = _source;
        var position = start + 1;
        var lineEnd = source[position..].IndexOfAny(LineTerminators);
        var end = lineEnd < 0 ? source.Length : position + lineEnd;
        while (position < end)
        {
            var surrogate = source[position..end].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (surrogate < 0)
            {
                return end;
            }
            position += surrogate;
            if (!IsSupplementaryCodePoint(source, position))
            {
                break;
            }
            position += 2;
        }
        return position;
    }

    /// <summary>The character at an offset, or -1 past the end (graphql-js reads NaN there).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly int CharAt(int position) => (uint)position < (uint)_source.Length ? _source[position] : -1;

    private TokenKind ReadNumber(int start, int firstCode)
    {
        var position = start;
        var code = firstCode;
        var isFloat = false;
        if (code == '-')
        {
            code = CharAt(++position);
        }
        if (code == '0')
        {
            code = CharAt(++position);
            if (IsDigit(code))
            {
                throw Error(position, $"Invalid number, unexpected digit after 0: {PrintCodePointAt(position)}.");
            }
        }
        else
        {
            position = ReadDigits(position, code);
            code = CharAt(position);
        }
        if (code == '.')
        {
            isFloat = true;
            code = CharAt(++position);
            position = ReadDigits(position, code);
            code = CharAt(position);
        }
        if (code is 'E' or 'e')
        {
            isFloat = true;
            code = CharAt(++position);
            if (code is '+' or '-')
            {
                code = CharAt(++position);
            }
            position = ReadDigits(position, code);
            code = CharAt(position);
        }
        if (code == '.' || IsNameStart(code))
        {
            throw Error(position, $"Invalid number, expected digit but got: {PrintCodePointAt(position)}.");
        }
        return SetToken(isFloat ? TokenKind.Float : TokenKind.Int, start, position);
    }

    private readonly int ReadDigits(int start, int firstCode)
    {
        if (!IsDigit(firstCode))
        {
            throw Error(start, $"Invalid number, expected digit but got: {PrintCodePointAt(start)}.");
        }
        var position = start + 1;
        while (IsDigit(CharAt(position)))
        {
            position++;
        }
        return position;
    }

    private TokenKind ReadString(int start)
    {
        var source = _source;
        var position = start + 1;
        var chunkStart = position;
        StringBuilder? builder = null;
        while (position < source.Length)
        {
            position = SkipPlainStringCharacters(position);
            if (position >= source.Length)
            {
                break;
            }
            var code = source[position];
            if (code == '"')
            {
                if (builder is null)
                {
                    _stringValue = new string(source[chunkStart..position]);
                }
                else
                {
                    builder.Append(source[chunkStart..position]);
                    _stringValue = builder.ToString();
                    ReleaseBuilder(builder);
                }
                return SetToken(TokenKind.String, start, position + 1);
            }
            if (code == '\\')
            {
                builder ??= RentBuilder();
                builder.Append(source[chunkStart..position]);
                position += CharAt(position + 1) == 'u'
                    ? CharAt(position + 2) == '{'
                        ? ReadEscapedUnicodeVariableWidth(position, builder)
                        : ReadEscapedUnicodeFixedWidth(position, builder)
                    : ReadEscapedCharacter(position, builder);
                chunkStart = position;
                continue;
            }
            if (code is '\n' or '\r')
            {
                break;
            }
            position += StringCharacterWidth(position);
        }
        throw Error(position, "Unterminated string.");
    }

    /// <summary>How many code units the string character at an offset takes: 2 for a surrogate pair, else 1; a lone surrogate is an error.</summary>
    private readonly int StringCharacterWidth(int position)
    {
        if (!char.IsSurrogate(_source[position]))
        {
            return 1;
        }
        return IsSupplementaryCodePoint(_source, position)
            ? 2
            : throw Error(position, $"Invalid character within String: {PrintCodePointAt(position)}.");
    }

    /// <summary>
    /// Skips string content that needs no attention: anything but a quote, backslash, line terminator or lone surrogate.
    /// Returns the offset of the first character the caller must look at (or the end of the source).
    /// </summary>
    private readonly int SkipPlainStringCharacters(int position)
    {
        var source = _source;
        // Most strings are short: a plain loop over the first characters beats setting up a vectorised search.
        var scalarEnd = Math.Min(source.Length, position + 32);
        for (; position < scalarEnd; position++)
        {
            var c = source[position];
            if (c is '"' or '\\' or '\n' or '\r' || char.IsSurrogate(c))
            {
                if (char.IsSurrogate(c) && IsSupplementaryCodePoint(source, position))
                {
                    position++;
                    continue;
                }
                return position;
            }
        }
        while (true)
        {
            var special = source[position..].IndexOfAny(StringSpecials);
            var end = special < 0 ? source.Length : position + special;
            var surrogate = source[position..end].IndexOfAnyInRange('\uD800', '\uDFFF');
            if (surrogate < 0)
            {
                return end;
            }
            position += surrogate;
            if (!IsSupplementaryCodePoint(source, position))
            {
                return position;
            }
            position += 2;
        }
    }

    [ThreadStatic]
    private static StringBuilder? _threadBuilder;

    /// <summary>One builder per thread for strings with escapes; tokens are read one at a time, so it is never shared.</summary>
    private static StringBuilder RentBuilder()
    {
        var builder = _threadBuilder ??= new StringBuilder(64);
        builder.Clear();
        return builder;
    }

    private static void ReleaseBuilder(StringBuilder builder)
    {
        // A builder grown by a huge literal is not kept for the thread's lifetime.
        if (builder.Capacity > 1 << 16)
        {
            _threadBuilder = null;
        }
    }

    private readonly int ReadEscapedUnicodeVariableWidth(int position, StringBuilder builder)
    {
        var point = 0;
        var size = 3;
        while (size < 12)
        {
            var code = CharAt(position + size++);
            if (code == '}')
            {
                if (size < 5 || !IsUnicodeScalarValue(point))
                {
                    break;
                }
                AppendCodePoint(builder, point);
                return size;
            }
            point = (point << 4) | ReadHexDigit(code);
            if (point < 0)
            {
                break;
            }
        }
        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + size)}\".");
    }

    private readonly int ReadEscapedUnicodeFixedWidth(int position, StringBuilder builder)
    {
        var code = Read16BitHexCode(position + 2);
        if (IsUnicodeScalarValue(code))
        {
            builder.Append((char)code);
            return 6;
        }
        // A leading surrogate is only valid as the first half of an escaped surrogate pair.
        if (code is >= 0xD800 and <= 0xDBFF && CharAt(position + 6) == '\\' && CharAt(position + 7) == 'u')
        {
            var trailing = Read16BitHexCode(position + 8);
            if (trailing is >= 0xDC00 and <= 0xDFFF)
            {
                builder.Append((char)code).Append((char)trailing);
                return 12;
            }
        }
        throw Error(position, $"Invalid Unicode escape sequence: \"{Slice(position, position + 6)}\".");
    }

    private readonly int Read16BitHexCode(int position) =>
        (ReadHexDigit(CharAt(position)) << 12)
        | (ReadHexDigit(CharAt(position + 1)) << 8)
        | (ReadHexDigit(CharAt(position + 2)) << 4)
        | ReadHexDigit(CharAt(position + 3));

    private static int ReadHexDigit(int code) => code switch
    {
        >= '0' and <= '9' => code - '0',
        >= 'A' and <= 'F' => code - 'A' + 10,
        >= 'a' and <= 'f' => code - 'a' + 10,
        _ => -1,
    };

    private readonly int ReadEscapedCharacter(int position, StringBuilder builder)
    {
        char? value = CharAt(position + 1) switch
        {
            '"' => '"',
            '\\' => '\\',
            '/' => '/',
            'b' => '\b',
            'f' => '\f',
            'n' => '\n',
            'r' => '\r',
            't' => '\t',
            _ => null,
        };
        if (value is null)
        {
            throw Error(position, $"Invalid character escape sequence: \"{Slice(position, position + 2)}\".");
        }
        builder.Append(value.Value);
        return 2;
    }

    [ThreadStatic]
    private static int[]? _threadLineRanges;

    /// <summary>
    /// Reads a block string, recording each raw line as a (start, end) range of the source and dedenting those ranges
    /// directly (spec BlockStringValue). A block string holding an escaped triple quote (rare) is copied with the
    /// escapes resolved and dedented from that copy instead.
    /// </summary>
    private TokenKind ReadBlockString(int start)
    {
        var source = _source;
        var lineStart = _lineStart;
        var line = _line;
        var position = start + 3;
        var ranges = _threadLineRanges ?? new int[32];
        var count = 0;
        var currentLineStart = position;
        var hasEscapedQuotes = false;
        while (position < source.Length)
        {
            var code = source[position];
            if (code == '"' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"')
            {
                AddRange(ref ranges, ref count, currentLineStart, position);
                _threadLineRanges = ranges.Length <= 1 << 16 ? ranges : null;
                _stringValue = hasEscapedQuotes
                    ? BlockString.Dedent(new string(source[(start + 3)..position]).Replace("\\\"\"\"", "\"\"\"", StringComparison.Ordinal))
                    : BlockString.Dedent(source, ranges.AsSpan(0, count * 2));
                SetToken(TokenKind.BlockString, start, position + 3);
                _line = line;
                _lineStart = lineStart;
                return TokenKind.BlockString;
            }
            if (code == '\\' && CharAt(position + 1) == '"' && CharAt(position + 2) == '"' && CharAt(position + 3) == '"')
            {
                hasEscapedQuotes = true;
                position += 4;
                continue;
            }
            if (code is '\n' or '\r')
            {
                AddRange(ref ranges, ref count, currentLineStart, position);
                position += code == '\r' && CharAt(position + 1) == '\n' ? 2 : 1;
                currentLineStart = position;
                lineStart = position;
                line++;
                continue;
            }
            position += StringCharacterWidth(position);
        }
        throw Error(position, "Unterminated string.");
    }

    private static void AddRange(ref int[] ranges, ref int count, int start, int end)
    {
        if ((count * 2) + 2 > ranges.Length)
        {
            Array.Resize(ref ranges, ranges.Length * 2);
        }
        ranges[count * 2] = start;
        ranges[(count * 2) + 1] = end;
        count++;
    }

    private readonly string Slice(int start, int end) =>
        new(_source[Math.Min(start, _source.Length)..Math.Min(end, _source.Length)]);

    private static void AppendCodePoint(StringBuilder builder, int point)
    {
        if (point < 0x10000)
        {
            builder.Append((char)point);
        }
        else
        {
            point -= 0x10000;
            builder.Append((char)(0xD800 + (point >> 10))).Append((char)(0xDC00 + (point & 0x3FF)));
        }
    }

    /// <summary>graphql-js `printCodePointAt`: printable ASCII quoted, anything else as U+XXXX, and &lt;EOF&gt; past the end.</summary>
    private readonly string PrintCodePointAt(int position)
    {
        if (position >= _source.Length)
        {
            return "<EOF>";
        }
        int code = _source[position];
        if (IsSupplementaryCodePoint(_source, position))
        {
            code = char.ConvertToUtf32(_source[position], _source[position + 1]);
        }
        if (code is >= 0x20 and <= 0x7E)
        {
            return code == '"' ? "'\"'" : "\"" + (char)code + "\"";
        }
        return "U+" + code.ToString("X4", CultureInfo.InvariantCulture);
    }

    private readonly Errors.GraphQLError Error(int position, string description) =>
        SyntaxError.Create(_source, position, description);

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsDigit(int code) => (uint)(code - '0') <= 9;

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNameStart(int code) => (uint)((code | 0x20) - 'a') <= 'z' - 'a' || code == '_';

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static bool IsNameContinue(int code) => IsNameStart(code) || IsDigit(code);

    private static bool IsUnicodeScalarValue(int code) => code is (>= 0 and <= 0xD7FF) or (>= 0xE000 and <= 0x10FFFF);

    private static bool IsSupplementaryCodePoint(ReadOnlySpan<char> source, int position) =>
        position + 1 < source.Length && char.IsHighSurrogate(source[position]) && char.IsLowSurrogate(source[position + 1]);
}
