namespace Directory.GraphQL.Language;

// The abstract syntax tree of the GraphQL language (spec §2 and §3), one class per node kind, modelled on
// graphql-js `language/ast.ts`. Nodes are plain immutable data: the parser builds them, the printer, validator,
// schema builder and executor read them. Lists are never null (empty arrays instead) so that walkers need no
// null checks; optional single children are nullable.

/// <summary>The kind of a syntax node; lets visitors dispatch with a switch instead of type tests.</summary>
internal enum SyntaxKind
{
    Name,
    Document,
    OperationDefinition,
    VariableDefinition,
    SelectionSet,
    Field,
    Argument,
    FragmentSpread,
    InlineFragment,
    FragmentDefinition,
    Variable,
    IntValue,
    FloatValue,
    StringValue,
    BooleanValue,
    NullValue,
    EnumValue,
    ListValue,
    ObjectValue,
    ObjectField,
    Directive,
    NamedType,
    ListType,
    NonNullType,
    SchemaDefinition,
    OperationTypeDefinition,
    ScalarTypeDefinition,
    ObjectTypeDefinition,
    FieldDefinition,
    InputValueDefinition,
    InterfaceTypeDefinition,
    UnionTypeDefinition,
    EnumTypeDefinition,
    EnumValueDefinition,
    InputObjectTypeDefinition,
    DirectiveDefinition,
    SchemaExtension,
    ScalarTypeExtension,
    ObjectTypeExtension,
    InterfaceTypeExtension,
    UnionTypeExtension,
    EnumTypeExtension,
    InputObjectTypeExtension,
}

/// <summary>Where a node sits in its source: character offsets [Start, End) and the 1-based line and column of Start.</summary>
public readonly record struct Location(int Start, int End, int Line, int Column);

/// <summary>A node of a parsed document. Only literal values are public: custom scalars read them when parsing literals.</summary>
public abstract class SyntaxNode
{
    internal abstract SyntaxKind Kind { get; }

    // Kept as a plain Location, not a Location?: Nullable's flag padded every node by 8 bytes (a parse allocates
    // one node per name, field and value). A parsed location's line is never 0, so Line 0 stands for "none".
    private readonly Location _location;

    /// <summary>Null only for nodes made in code rather than parsed (or given a location on line 0).</summary>
    public Location? Location
    {
        get => _location.Line == 0 ? null : _location;
        init => _location = value ?? default;
    }
}

internal sealed class NameNode(string value) : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.Name;
    public string Value { get; } = value;
    public override string ToString() => Value;
}

internal sealed class DocumentNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.Document;
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }
}

internal abstract class DefinitionNode : SyntaxNode;

internal abstract class ExecutableDefinitionNode : DefinitionNode
{
    /// <summary>Descriptions on operations and fragments (spec working draft); null when absent.</summary>
    public StringValueNode? Description { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

/// <summary>The kinds of operation (spec §2.3).</summary>
public enum OperationType
{
    /// <summary>A read-only fetch.</summary>
    Query,
    /// <summary>A write followed by a fetch; root fields run one after another.</summary>
    Mutation,
    /// <summary>A long-lived request that answers once per source event.</summary>
    Subscription,
}

internal sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.OperationDefinition;
    public required OperationType Operation { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
}

internal sealed class VariableDefinitionNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.VariableDefinition;

    /// <summary>Descriptions on variable definitions (spec working draft); null when absent.</summary>
    public StringValueNode? Description { get; init; }
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class SelectionSetNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.SelectionSet;
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

internal abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class FieldNode : SelectionNode
{
    internal override SyntaxKind Kind => SyntaxKind.Field;
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }

    /// <summary>The key of this field in the response: the alias if there is one, otherwise the field name.</summary>
    public string ResponseName => Alias?.Value ?? Name.Value;
}

internal sealed class ArgumentNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.Argument;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

internal sealed class FragmentSpreadNode : SelectionNode
{
    internal override SyntaxKind Kind => SyntaxKind.FragmentSpread;
    public required NameNode Name { get; init; }
}

internal sealed class InlineFragmentNode : SelectionNode
{
    internal override SyntaxKind Kind => SyntaxKind.InlineFragment;
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

internal sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.FragmentDefinition;
    public required NamedTypeNode TypeCondition { get; init; }

    /// <summary>Never null for a fragment (the base class allows null for anonymous operations).</summary>
    public new required NameNode Name
    {
        get => base.Name!;
        init => base.Name = value;
    }
}

// ---- Values (spec §2.9). Literal values keep their source text; coercion happens against a type later.

/// <summary>A literal value in a document (spec §2.9).</summary>
public abstract class ValueNode : SyntaxNode;

internal sealed class VariableNode : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.Variable;
    public required NameNode Name { get; init; }
}

/// <summary>An integer literal, e.g. <c>42</c>.</summary>
public sealed class IntValueNode(string value) : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.IntValue;

    /// <summary>The digits as written (may exceed 32 bits; the Int scalar rejects those).</summary>
    public string Value { get; } = value;
}

/// <summary>A float literal, e.g. <c>4.2e1</c>.</summary>
public sealed class FloatValueNode(string value) : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.FloatValue;
    /// <summary>The number as written.</summary>
    public string Value { get; } = value;
}

/// <summary>A string literal, quoted or block.</summary>
public sealed class StringValueNode(string value, bool block = false) : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.StringValue;

    /// <summary>The string's value after escapes and block-string indentation are resolved.</summary>
    public string Value { get; } = value;
    /// <summary>True when written as a block string (<c>"""…"""</c>).</summary>
    public bool Block { get; } = block;
}

internal sealed class BooleanValueNode(bool value) : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.BooleanValue;
    public bool Value { get; } = value;
}

internal sealed class NullValueNode : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.NullValue;
}

internal sealed class EnumValueNode(string value) : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.EnumValue;
    public string Value { get; } = value;
}

internal sealed class ListValueNode : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.ListValue;
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

internal sealed class ObjectValueNode : ValueNode
{
    internal override SyntaxKind Kind => SyntaxKind.ObjectValue;
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

internal sealed class ObjectFieldNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.ObjectField;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

internal sealed class DirectiveNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.Directive;
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}

// ---- Type references

internal abstract class TypeNode : SyntaxNode;

internal sealed class NamedTypeNode : TypeNode
{
    internal override SyntaxKind Kind => SyntaxKind.NamedType;
    public required NameNode Name { get; init; }
}

internal sealed class ListTypeNode : TypeNode
{
    internal override SyntaxKind Kind => SyntaxKind.ListType;
    public required TypeNode Type { get; init; }
}

internal sealed class NonNullTypeNode : TypeNode
{
    internal override SyntaxKind Kind => SyntaxKind.NonNullType;

    /// <summary>A NamedTypeNode or a ListTypeNode, never another NonNullTypeNode.</summary>
    public required TypeNode Type { get; init; }
}

// ---- Type system definitions (spec §3)

internal abstract class TypeSystemDefinitionNode : DefinitionNode;

internal sealed class SchemaDefinitionNode : TypeSystemDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.SchemaDefinition;
    public StringValueNode? Description { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
}

internal sealed class OperationTypeDefinitionNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;
    public required OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
}

internal abstract class TypeDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class ScalarTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.ScalarTypeDefinition;
}

internal sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.ObjectTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

internal sealed class FieldDefinitionNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.FieldDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class InputValueDefinitionNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.InputValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.InterfaceTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

internal sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.UnionTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

internal sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.EnumTypeDefinition;
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

internal sealed class EnumValueDefinitionNode : SyntaxNode
{
    internal override SyntaxKind Kind => SyntaxKind.EnumValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.InputObjectTypeDefinition;
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}

internal sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    internal override SyntaxKind Kind => SyntaxKind.DirectiveDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];

    /// <summary>Directives applied to the directive definition itself (graphql-js v17 accepts them); usually empty.</summary>
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public bool Repeatable { get; init; }

    /// <summary>Location names as written, e.g. "FIELD", "OBJECT" (validated by the schema builder).</summary>
    public required IReadOnlyList<NameNode> Locations { get; init; }
}

// ---- Type system extensions (spec §3.*.extensions)

internal abstract class TypeSystemExtensionNode : DefinitionNode;

internal sealed class SchemaExtensionNode : TypeSystemExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.SchemaExtension;
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

internal abstract class TypeExtensionNode : TypeSystemExtensionNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

internal sealed class ScalarTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.ScalarTypeExtension;
}

internal sealed class ObjectTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.ObjectTypeExtension;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

internal sealed class InterfaceTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.InterfaceTypeExtension;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

internal sealed class UnionTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.UnionTypeExtension;
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

internal sealed class EnumTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.EnumTypeExtension;
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

internal sealed class InputObjectTypeExtensionNode : TypeExtensionNode
{
    internal override SyntaxKind Kind => SyntaxKind.InputObjectTypeExtension;
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}
