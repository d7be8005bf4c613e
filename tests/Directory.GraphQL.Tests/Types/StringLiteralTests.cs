using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Tests.Types;

/// <summary>The one string escaper, in its two dialects: GraphQL source (graphql-js printString) and JSON.stringify.</summary>
public sealed class StringLiteralTests
{
    [Theory]
    [InlineData("plain", "\"plain\"", "\"plain\"")]
    [InlineData("a\"b\\c", "\"a\\\"b\\\\c\"", "\"a\\\"b\\\\c\"")]
    [InlineData("\b\f\n\r\t", "\"\\b\\f\\n\\r\\t\"", "\"\\b\\f\\n\\r\\t\"")]
    [InlineData("\u0000\u001F", "\"\\u0000\\u001F\"", "\"\\u0000\\u001f\"")]
    [InlineData("\u007F\u009F\u00A0", "\"\\u007F\\u009F\u00A0\"", "\"\u007F\u009F\u00A0\"")]
    public void Escapes_as_graphql_js_print_and_json_stringify_do(string value, string graphQL, string json)
    {
        StringLiteral.GraphQL(value).ShouldBe(graphQL);
        StringLiteral.Json(value).ShouldBe(json);
    }
}
