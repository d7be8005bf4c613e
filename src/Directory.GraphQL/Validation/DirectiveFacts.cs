using System.Runtime.CompilerServices;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation;

/// <summary>
/// What the directive rules need to know of every directive a document may use: where it may appear, its argument
/// names, its required arguments (with their printed types) and whether it may be repeated. The schema's part is
/// built once per schema and shared by every validation; only a document that defines directives of its own (SDL)
/// gets a copy with those added, so validating an executable document allocates nothing here.
/// </summary>
internal sealed class DirectiveFacts
{
    private static readonly ConditionalWeakTable<Schema, DirectiveFacts> BySchema = [];

    private readonly Dictionary<string, Facts> _byName;

    private DirectiveFacts(Dictionary<string, Facts> byName) => _byName = byName;

    /// <summary>One directive: locations by spec name, argument names, required arguments and uniqueness.</summary>
    internal sealed record Facts(HashSet<string> Locations, List<string> ArgumentNames, List<(string Name, string Type)> Required, bool IsUnique);

    public static DirectiveFacts For(Schema schema, DocumentNode document)
    {
        var shared = BySchema.GetValue(schema, static s => new DirectiveFacts(FromSchema(s)));
        Dictionary<string, Facts>? own = null;
        foreach (var definition in document.Definitions)
        {
            if (definition is DirectiveDefinitionNode directive)
            {
                own ??= new Dictionary<string, Facts>(shared._byName, StringComparer.Ordinal);
                own[directive.Name.Value] = FromDefinition(directive);
            }
        }
        return own is null ? shared : new DirectiveFacts(own);
    }

    public bool TryGet(string name, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out Facts? facts) =>
        _byName.TryGetValue(name, out facts);

    private static Dictionary<string, Facts> FromSchema(Schema schema)
    {
        var byName = new Dictionary<string, Facts>(StringComparer.Ordinal);
        foreach (var directive in schema.Directives)
        {
            var locations = new HashSet<string>(StringComparer.Ordinal);
            foreach (var location in directive.Locations)
            {
                locations.Add(location.ToSpecName());
            }
            var names = new List<string>(directive.Arguments.Count);
            var required = new List<(string, string)>();
            foreach (var argument in directive.Arguments)
            {
                names.Add(argument.Name);
                if (argument.IsRequired)
                {
                    required.Add((argument.Name, argument.Type.ToString()));
                }
            }
            byName[directive.Name] = new Facts(locations, names, required, !directive.IsRepeatable);
        }
        return byName;
    }

    private static Facts FromDefinition(DirectiveDefinitionNode definition)
    {
        var locations = new HashSet<string>(StringComparer.Ordinal);
        foreach (var location in definition.Locations)
        {
            locations.Add(location.Value);
        }
        var names = new List<string>(definition.Arguments.Count);
        var required = new List<(string, string)>();
        foreach (var argument in definition.Arguments)
        {
            names.Add(argument.Name.Value);
            if (argument.Type is NonNullTypeNode && argument.DefaultValue is null)
            {
                required.Add((argument.Name.Value, Printer.Print(argument.Type)));
            }
        }
        return new Facts(locations, names, required, !definition.Repeatable);
    }
}
