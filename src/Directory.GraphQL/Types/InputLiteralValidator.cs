using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Types;

/// <summary>
/// Checks a constant literal against an input type and reports every problem with its path inside the value
/// (graphql-js v17 <c>validateInputLiteral</c> in static mode: variables are accepted without checking). Used for
/// default values in schema validation; the messages match graphql-js.
/// </summary>
public static class InputLiteralValidator
{
    /// <summary>Reports each problem as an error (located at the offending node) and the path to it: field names and list indices.</summary>
    public static void Validate(ValueNode value, GraphQLType type, Action<GraphQLError, IReadOnlyList<object>> onError, bool hideSuggestions = false) =>
        Check(value, type, onError, hideSuggestions, []);

    /// <summary>The problems as messages in graphql-js's " at .a[1]" path notation, empty when valid.</summary>
    public static string PrintPath(IReadOnlyList<object> path) =>
        path.Count == 0 ? "" : " at " + string.Concat(path.Select(p => p is int i ? "[" + i + "]" : "." + p));

    private static void Check(ValueNode node, GraphQLType type, Action<GraphQLError, IReadOnlyList<object>> onError, bool hide, List<object> path)
    {
        if (node is VariableNode)
        {
            return;
        }
        if (type is NonNullType nonNull)
        {
            if (node is NullValueNode)
            {
                Report(onError, InputValueMessages.NullForNonNull(type), node, path);
                return;
            }
            Check(node, nonNull.OfType, onError, hide, path);
            return;
        }
        if (node is NullValueNode)
        {
            return;
        }
        switch (type)
        {
            case ListType list:
                if (node is ListValueNode items)
                {
                    for (var i = 0; i < items.Values.Count; i++)
                    {
                        path.Add(i);
                        Check(items.Values[i], list.OfType, onError, hide, path);
                        path.RemoveAt(path.Count - 1);
                    }
                }
                else
                {
                    Check(node, list.OfType, onError, hide, path);
                }
                break;
            case InputObjectType input:
                CheckObject(node, input, onError, hide, path);
                break;
            case ScalarType scalar:
                try
                {
                    scalar.ParseLiteral(node);
                }
                catch (GraphQLError error)
                {
                    onError(error, path.ToArray());
                }
                catch (Exception error) when (error is not OutOfMemoryException)
                {
                    Report(onError, InputValueMessages.ScalarThrew(type, error.Message, node), node, path);
                }
                break;
            case EnumType enumType:
                try
                {
                    enumType.ParseLiteral(node, hide);
                }
                catch (GraphQLError error)
                {
                    onError(error, path.ToArray());
                }
                break;
        }
    }

    private static void CheckObject(ValueNode node, InputObjectType type, Action<GraphQLError, IReadOnlyList<object>> onError, bool hide, List<object> path)
    {
        if (node is not ObjectValueNode obj)
        {
            Report(onError, InputValueMessages.NotAnObject(type, node), node, path);
            return;
        }
        var given = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
        foreach (var f in obj.Fields)
        {
            given.TryAdd(f.Name.Value, f);
        }
        foreach (var field in type.Fields)
        {
            if (!given.TryGetValue(field.Name, out var fieldNode))
            {
                if (field.IsRequired)
                {
                    Report(onError, InputValueMessages.MissingRequiredField(type, field.Name, node), node, path);
                }
                continue;
            }
            path.Add(field.Name);
            Check(fieldNode.Value, field.Type, onError, hide, path);
            path.RemoveAt(path.Count - 1);
        }
        var known = new List<ObjectFieldNode>();
        foreach (var fieldNode in obj.Fields)
        {
            var name = fieldNode.Name.Value;
            if (!type.Fields.Contains(name))
            {
                Report(onError, InputValueMessages.UnknownField(type, name, includeSuggestions: !hide, node), fieldNode, path);
            }
            else
            {
                known.Add(fieldNode);
            }
        }
        if (type.IsOneOf)
        {
            var message = InputValueMessages.OneOfNotExactlyOne(type);
            if (known.Count != 1)
            {
                Report(onError, message, node, path);
            }
            else if (known[0].Value is NullValueNode)
            {
                path.Add(known[0].Name.Value);
                Report(onError, message, node, path);
                path.RemoveAt(path.Count - 1);
            }
        }
    }

    private static void Report(Action<GraphQLError, IReadOnlyList<object>> onError, string message, SyntaxNode node, List<object> path) =>
        onError(GraphQLError.At(message, ErrorCodes.BadUserInput, node), path.ToArray());
}
