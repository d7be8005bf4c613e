using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Utilities;

/// <summary>
/// The messages for a literal that does not fit its input type (graphql-js v17 <c>validateInputLiteral</c>), built
/// in one place because two checkers report them: <see cref="InputLiteralValidator"/> (schema default values) and
/// the ValuesOfCorrectType validation rule (operation documents). Each quotes the offending literal as printed.
/// </summary>
internal static class InputValueMessages
{
    public static string NullForNonNull(GraphQLType type) =>
        $"Expected value of non-null type \"{type}\" not to be null.";

    public static string NotAnObject(InputObjectType type, ValueNode found) =>
        $"Expected value of type \"{type}\" to be an object, found: {Printer.Print(found)}.";

    public static string MissingRequiredField(InputObjectType type, string fieldName, ValueNode found) =>
        $"Expected value of type \"{type}\" to include required field \"{fieldName}\", found: {Printer.Print(found)}.";

    /// <summary>With "Did you mean …" naming the type's closest fields, unless suggestions are hidden.</summary>
    public static string UnknownField(InputObjectType type, string fieldName, bool includeSuggestions, ValueNode found)
    {
        var suggestion = includeSuggestions
            ? SuggestionList.DidYouMean(SuggestionList.List(fieldName, type.Fields.Select(f => f.Name)))
            : "";
        return $"Expected value of type \"{type}\" not to include unknown field \"{fieldName}\""
            + (suggestion.Length > 0 ? $".{suggestion} Found" : ", found") + $": {Printer.Print(found)}.";
    }

    public static string OneOfNotExactlyOne(InputObjectType type) =>
        $"Within OneOf Input Object type \"{type}\", exactly one field must be specified, and the value for that field must be non-null.";

    /// <summary>A custom scalar's literal parsing threw something other than a GraphQL error.</summary>
    public static string ScalarThrew(GraphQLType type, string detail, ValueNode found) =>
        $"Expected value of type \"{type}\", but encountered error \"{detail}\"; found: {Printer.Print(found)}.";
}
