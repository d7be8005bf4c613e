using System.Runtime.CompilerServices;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>
/// Differential tests: 1500 seeded small edits of the kitchen-sink documents (deletions, insertions of tokens and odd
/// characters, duplications, swaps), each compared with what graphql-js 17.1.0 makes of it (Documents/fuzz-cases.json,
/// recorded by Documents/fuzz-expectations.cjs with the spec's non-empty selection sets): either the same syntax error
/// at the same place, or a tree that prints to exactly the same text.
/// </summary>
public sealed class DifferentialFuzzTests
{
    [Fact]
    public void Every_edited_document_parses_or_fails_exactly_as_in_graphql_js()
    {
        var cases = JsonSerializer.Deserialize<FuzzCase[]>(File.ReadAllText(DocumentPath("fuzz-cases.json")), JsonOptions)!;
        var documents = new Dictionary<string, string>();
        var mismatches = new List<string>();

        foreach (var (fuzz, index) in cases.Select((c, i) => (c, i)))
        {
            if (!documents.TryGetValue(fuzz.Doc, out var original))
            {
                documents[fuzz.Doc] = original = File.ReadAllText(DocumentPath(fuzz.Doc));
            }
            var source = Apply(original, fuzz);
            string actual;
            try
            {
                var printed = Printer.Print(Parser.Parse(source));
                actual = "printed " + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(printed)));
            }
            catch (GraphQLError error)
            {
                actual = $"{error.Message} at {error.Locations[0].Line}:{error.Locations[0].Column}";
            }
            var expected = fuzz.PrintedSha256 is { } hash ? "printed " + hash : $"{fuzz.Message} at {fuzz.Line}:{fuzz.Column}";
            if (actual != expected)
            {
                mismatches.Add($"case {index} ({fuzz.Op} at {fuzz.At}): expected {expected}, got {actual}");
            }
        }

        cases.Length.ShouldBe(1500);
        mismatches.ShouldBeEmpty();
    }

    // The same edit the recording script made, with JavaScript's clamping slice semantics.
    private static string Apply(string text, FuzzCase fuzz)
    {
        var at = fuzz.At;
        var len = fuzz.Len;
        var inserted = new string(fuzz.Text.Select(c => (char)c).ToArray());
        return fuzz.Op switch
        {
            "delete" => Slice(text, 0, at) + Slice(text, at + len),
            "insert" => Slice(text, 0, at) + inserted + Slice(text, at),
            "duplicate" => Slice(text, 0, at + len) + Slice(text, at, at + len) + Slice(text, at + len),
            _ => Slice(text, 0, at) + Slice(text, at + 1, at + 2) + Slice(text, at, at + 1) + Slice(text, at + 2),
        };
    }

    private static string Slice(string text, int start, int? end = null)
    {
        var s = Math.Min(start, text.Length);
        var e = Math.Min(end ?? text.Length, text.Length);
        return e > s ? text[s..e] : string.Empty;
    }

    private static readonly JsonSerializerOptions JsonOptions = new() { PropertyNameCaseInsensitive = true };

    private static string DocumentPath(string name, [CallerFilePath] string callerFile = "") =>
        Path.Combine(Path.GetDirectoryName(callerFile)!, "Documents", name);

    private sealed record TokenCase(string Source, string? Printed, string? Message, int Line, int Column);

    private sealed record StringCase(int[] Source, string? Kind, int End, int[]? Value, string? Message, int Line, int Column);

    private sealed record FuzzCase(string Doc, string Op, int At, int Len, int[] Text, string? PrintedSha256, string? Message, int Line, int Column);

    [Fact]
    public void Every_random_string_literal_lexes_exactly_as_in_graphql_js()
    {
        // Documents/string-fuzz-cases.json: seeded literals mixing escapes, surrogates, quotes and line breaks.
        var cases = JsonSerializer.Deserialize<StringCase[]>(File.ReadAllText(DocumentPath("string-fuzz-cases.json")), JsonOptions)!;
        var mismatches = new List<string>();

        foreach (var (literal, index) in cases.Select((c, i) => (c, i)))
        {
            var source = new string(literal.Source.Select(c => (char)c).ToArray());
            var expected = literal.Kind is { } kind
                ? $"{kind} to {literal.End}: {Escape(literal.Value!.Select(c => (char)c))}"
                : $"{literal.Message} at {literal.Line}:{literal.Column}";
            string actual;
            try
            {
                var lexer = new Lexer(source);
                lexer.Advance();
                actual = $"{TokenKinds.Describe(lexer.Kind)} to {lexer.End}: {Escape(lexer.Value ?? string.Empty)}";
            }
            catch (GraphQLError error)
            {
                actual = $"{error.Message} at {error.Locations[0].Line}:{error.Locations[0].Column}";
            }
            if (actual != expected)
            {
                mismatches.Add($"case {index} {Escape(source)}: expected {expected}, got {actual}");
            }
        }

        cases.Length.ShouldBe(1500);
        mismatches.ShouldBeEmpty();
    }

    private static string Escape(IEnumerable<char> text) =>
        string.Concat(text.Select(c => c is >= ' ' and <= '~' ? c.ToString() : $"\\u{(int)c:X4}"));

    [Fact]
    public void Every_random_token_sequence_parses_or_fails_exactly_as_in_graphql_js()
    {
        // Documents/token-fuzz-cases.json: seeded token sequences that mostly break the grammar somewhere new.
        var cases = JsonSerializer.Deserialize<TokenCase[]>(File.ReadAllText(DocumentPath("token-fuzz-cases.json")), JsonOptions)!;
        var mismatches = new List<string>();

        foreach (var (sequence, index) in cases.Select((c, i) => (c, i)))
        {
            var expected = sequence.Printed ?? $"{sequence.Message} at {sequence.Line}:{sequence.Column}";
            string actual;
            try
            {
                actual = Printer.Print(Parser.Parse(sequence.Source));
            }
            catch (GraphQLError error)
            {
                actual = $"{error.Message} at {error.Locations[0].Line}:{error.Locations[0].Column}";
            }
            if (actual != expected)
            {
                mismatches.Add($"case {index} {Escape(sequence.Source)}: expected {expected}, got {actual}");
            }
        }

        cases.Length.ShouldBe(2000);
        mismatches.ShouldBeEmpty();
    }
}
