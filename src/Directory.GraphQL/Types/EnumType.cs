using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Types;

/// <summary>A value of an enum type (spec §3.9).</summary>
public sealed class EnumValueDefinition : IHasName
{
    internal EnumValueDefinition(string name, object value)
    {
        Name = name;
        Value = value;
    }

    /// <summary>The GraphQL name, e.g. <c>LOCAL_AUTHORITY</c>.</summary>
    public string Name { get; }

    /// <summary>
    /// The internal value input coercion produces: the bound CLR enum member (see <c>SchemaBuilder.BindEnum</c>),
    /// otherwise the name as a string.
    /// </summary>
    public object Value { get; internal set; }

    /// <summary>The value's description, if any.</summary>
    public string? Description { get; internal set; }

    /// <summary>The reason from <c>@deprecated</c>, or null when not deprecated.</summary>
    public string? DeprecationReason { get; internal set; }

    /// <summary>True when deprecated.</summary>
    public bool IsDeprecated => DeprecationReason is not null;

    internal EnumValueDefinitionNode? AstNode { get; set; }

    internal IReadOnlyList<DirectiveNode> AppliedDirectives { get; set; } = [];

    /// <inheritdoc/>
    public override string ToString() => Name;
}

/// <summary>An enum type (spec §3.9), optionally bound to a CLR enum.</summary>
public sealed class EnumType : NamedType
{
    private NamedCollection<EnumValueDefinition> _values = NamedCollection<EnumValueDefinition>.Empty;
    private Dictionary<object, EnumValueDefinition> _byValue = [];

    // Members of CLR enums that are not bound to this type but convert to a value's name, found by name once each:
    // resolvers returning such a member would otherwise build its name string for every serialised value.
    private readonly System.Collections.Concurrent.ConcurrentDictionary<Enum, EnumValueDefinition?> _byClrName = new();

    internal EnumType(string name, string? description = null)
        : base(name, description)
    {
    }

    /// <inheritdoc/>
    public override TypeKind Kind => TypeKind.Enum;

    /// <summary>The enum's values, in declaration order.</summary>
    public NamedCollection<EnumValueDefinition> Values
    {
        get => _values;
        internal set
        {
            _values = value;
            ReindexValues();
        }
    }

    /// <summary>The CLR enum bound with <c>SchemaBuilder.BindEnum</c>, or null.</summary>
    public Type? ClrType { get; internal set; }

    /// <summary>The value with this name, or null.</summary>
    public EnumValueDefinition? GetValue(string name) => _values[name];

    internal void ReindexValues()
    {
        var byValue = new Dictionary<object, EnumValueDefinition>();
        var encoded = new Dictionary<object, System.Text.Json.JsonEncodedText>();
        foreach (var v in _values)
        {
            byValue.TryAdd(v.Value, v);
            encoded.TryAdd(v.Value, System.Text.Json.JsonEncodedText.Encode(v.Name));
        }
        _byValue = byValue;
        _encodedByValue = encoded;
        _encodedByMember = EncodeByMember();
        _byClrName.Clear();
    }

    private Dictionary<object, System.Text.Json.JsonEncodedText> _encodedByValue = [];

    // For a bound CLR enum over int whose members are small non-negative numbers (the usual 0, 1, 2 …): the encoded
    // names indexed by the member's number, so a value is found without hashing the boxed member.
    private System.Text.Json.JsonEncodedText?[]? _encodedByMember;

    private const int MembersIndexedAtMost = 256;

    private System.Text.Json.JsonEncodedText?[]? EncodeByMember()
    {
        if (ClrType is null || Enum.GetUnderlyingType(ClrType) != typeof(int))
        {
            return null;
        }
        var byMember = new System.Text.Json.JsonEncodedText?[MembersIndexedAtMost];
        var count = 0;
        foreach (var v in _values)
        {
            if (v.Value.GetType() != ClrType || (int)v.Value is < 0 or >= MembersIndexedAtMost)
            {
                return null;
            }
            var member = (int)v.Value;
            byMember[member] ??= System.Text.Json.JsonEncodedText.Encode(v.Name);
            count = Math.Max(count, member + 1);
        }
        return byMember[..count];
    }

    /// <summary>
    /// The JSON string of the value's name, encoded once per value, for a value of the type (its CLR enum member or
    /// internal value); null for anything else, which <see cref="Serialize"/> then converts or rejects.
    /// </summary>
    internal System.Text.Json.JsonEncodedText? EncodedName(object value)
    {
        // Unboxing a member of an enum over int as an int is allowed, and reads its number.
        if (_encodedByMember is { } byMember && value.GetType() == ClrType)
        {
            var member = (int)value;
            return (uint)member < (uint)byMember.Length ? byMember[member] : null;
        }
        return _encodedByValue.TryGetValue(value, out var encoded) ? encoded : null;
    }

    /// <summary>
    /// Result coercion: the internal value (bound CLR enum member or GraphQL name) to the GraphQL name. Also accepts
    /// any CLR enum member whose PascalCase name converts to a value's name (<c>LocalAuthority</c> → <c>LOCAL_AUTHORITY</c>)
    /// and, for CLR-bound enums, the GraphQL name as a string.
    /// </summary>
    public string Serialize(object value)
    {
        ArgumentNullException.ThrowIfNull(value);
        if (_byValue.TryGetValue(value, out var byValue))
        {
            return byValue.Name;
        }
        if (value is Enum e && _byClrName.GetOrAdd(e, static (member, values) => values[NameConventions.ToEnumValueName(member.ToString())], _values) is { } byClrName)
        {
            return byClrName.Name;
        }
        // Resolvers of a CLR-bound enum may still return the GraphQL name (e.g. straight from a database column).
        if (value is string name && _values[name] is { } byName)
        {
            return byName.Name;
        }
        throw new GraphQLError($"Enum \"{Name}\" cannot represent value: {ValueInspector.Inspect(value)}");
    }

    /// <summary>Input coercion of an external value: the value's name as a string (or JSON string).</summary>
    public object ParseValue(object value, bool hideSuggestions = false)
    {
        ArgumentNullException.ThrowIfNull(value);
        var name = value switch
        {
            string s => s,
            System.Text.Json.JsonElement { ValueKind: System.Text.Json.JsonValueKind.String } je => je.GetString(),
            _ => null,
        };
        if (name is null)
        {
            var valueStr = ValueInspector.Inspect(value);
            throw new GraphQLError(
                $"Enum \"{Name}\" cannot represent non-string value: {valueStr}." + (hideSuggestions ? "" : DidYouMean(valueStr)),
                code: ErrorCodes.BadUserInput);
        }
        return _values[name]?.Value ?? throw new GraphQLError(
            $"Value \"{name}\" does not exist in \"{Name}\" enum." + (hideSuggestions ? "" : DidYouMean(name)),
            code: ErrorCodes.BadUserInput);
    }

    /// <summary>Input coercion of a literal: an enum literal naming one of the values.</summary>
    public object ParseLiteral(ValueNode node, bool hideSuggestions = false)
    {
        ArgumentNullException.ThrowIfNull(node);
        if (node is not EnumValueNode enumNode)
        {
            var valueStr = ValuePrinter.Print(node);
            throw GraphQLError.At(
                $"Enum \"{Name}\" cannot represent non-enum value: {valueStr}." + (hideSuggestions ? "" : DidYouMean(valueStr)),
                ErrorCodes.BadUserInput,
                node);
        }
        return _values[enumNode.Value]?.Value ?? throw GraphQLError.At(
            $"Value \"{enumNode.Value}\" does not exist in \"{Name}\" enum." + (hideSuggestions ? "" : DidYouMean(enumNode.Value)),
            ErrorCodes.BadUserInput,
            node);
    }

    private string DidYouMean(string input) =>
        SuggestionList.DidYouMean("the enum value", SuggestionList.List(input, _values.Select(v => v.Name)));
}
