namespace Directory.GraphQL.Language;

// The abstract syntax tree of the GraphQL language (spec §2 and §3), one class per node kind, modelled on
// graphql-js `language/ast.ts`. Nodes are plain immutable data: the parser builds them, the printer, validator,
// schema builder and executor read them. Lists are never null (empty arrays instead) so that walkers need no
// null checks; optional single children are nullable.

/// <summary>The kind of a syntax node; lets visitors dispatch with a switch instead of type tests.</summary>
public enum SyntaxKind
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

public abstract class SyntaxNode
{
    public abstract SyntaxKind Kind { get; }

    /// <summary>Null only for nodes made in code rather than parsed.</summary>
    public Location? Location { get; init; }
}

public sealed class NameNode(string value) : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Name;
    public string Value { get; } = value;
    public override string ToString() => Value;
}

public sealed class DocumentNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Document;
    public required IReadOnlyList<DefinitionNode> Definitions { get; init; }
}

public abstract class DefinitionNode : SyntaxNode;

public abstract class ExecutableDefinitionNode : DefinitionNode
{
    /// <summary>Descriptions on operations and fragments (spec working draft); null when absent.</summary>
    public StringValueNode? Description { get; init; }
    public NameNode? Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required SelectionSetNode SelectionSet { get; init; }
}

public enum OperationType
{
    Query,
    Mutation,
    Subscription,
}

public sealed class OperationDefinitionNode : ExecutableDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.OperationDefinition;
    public required OperationType Operation { get; init; }
    public IReadOnlyList<VariableDefinitionNode> VariableDefinitions { get; init; } = [];
}

public sealed class VariableDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.VariableDefinition;

    /// <summary>Descriptions on variable definitions (spec working draft); null when absent.</summary>
    public StringValueNode? Description { get; init; }
    public required VariableNode Variable { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class SelectionSetNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.SelectionSet;
    public required IReadOnlyList<SelectionNode> Selections { get; init; }
}

public abstract class SelectionNode : SyntaxNode
{
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class FieldNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.Field;
    public NameNode? Alias { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
    public SelectionSetNode? SelectionSet { get; init; }

    /// <summary>The key of this field in the response: the alias if there is one, otherwise the field name.</summary>
    public string ResponseName => Alias?.Value ?? Name.Value;
}

public sealed class ArgumentNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Argument;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

public sealed class FragmentSpreadNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.FragmentSpread;
    public required NameNode Name { get; init; }
}

public sealed class InlineFragmentNode : SelectionNode
{
    public override SyntaxKind Kind => SyntaxKind.InlineFragment;
    public NamedTypeNode? TypeCondition { get; init; }
    public required SelectionSetNode SelectionSet { get; init; }
}

public sealed class FragmentDefinitionNode : ExecutableDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.FragmentDefinition;
    public required NamedTypeNode TypeCondition { get; init; }

    /// <summary>Never null for a fragment (the base class allows null for anonymous operations).</summary>
    public new required NameNode Name
    {
        get => base.Name!;
        init => base.Name = value;
    }
}

// ---- Values (spec §2.9). Literal values keep their source text; coercion happens against a type later.

public abstract class ValueNode : SyntaxNode;

public sealed class VariableNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.Variable;
    public required NameNode Name { get; init; }
}

public sealed class IntValueNode(string value) : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.IntValue;

    /// <summary>The digits as written (may exceed 32 bits; the Int scalar rejects those).</summary>
    public string Value { get; } = value;
}

public sealed class FloatValueNode(string value) : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.FloatValue;
    public string Value { get; } = value;
}

public sealed class StringValueNode(string value, bool block = false) : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.StringValue;

    /// <summary>The string's value after escapes and block-string indentation are resolved.</summary>
    public string Value { get; } = value;
    public bool Block { get; } = block;
}

public sealed class BooleanValueNode(bool value) : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.BooleanValue;
    public bool Value { get; } = value;
}

public sealed class NullValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.NullValue;
}

public sealed class EnumValueNode(string value) : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumValue;
    public string Value { get; } = value;
}

public sealed class ListValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.ListValue;
    public required IReadOnlyList<ValueNode> Values { get; init; }
}

public sealed class ObjectValueNode : ValueNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectValue;
    public required IReadOnlyList<ObjectFieldNode> Fields { get; init; }
}

public sealed class ObjectFieldNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectField;
    public required NameNode Name { get; init; }
    public required ValueNode Value { get; init; }
}

public sealed class DirectiveNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.Directive;
    public required NameNode Name { get; init; }
    public IReadOnlyList<ArgumentNode> Arguments { get; init; } = [];
}

// ---- Type references

public abstract class TypeNode : SyntaxNode;

public sealed class NamedTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.NamedType;
    public required NameNode Name { get; init; }
}

public sealed class ListTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.ListType;
    public required TypeNode Type { get; init; }
}

public sealed class NonNullTypeNode : TypeNode
{
    public override SyntaxKind Kind => SyntaxKind.NonNullType;

    /// <summary>A NamedTypeNode or a ListTypeNode, never another NonNullTypeNode.</summary>
    public required TypeNode Type { get; init; }
}

// ---- Type system definitions (spec §3)

public abstract class TypeSystemDefinitionNode : DefinitionNode;

public sealed class SchemaDefinitionNode : TypeSystemDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.SchemaDefinition;
    public StringValueNode? Description { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public required IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; }
}

public sealed class OperationTypeDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.OperationTypeDefinition;
    public required OperationType Operation { get; init; }
    public required NamedTypeNode Type { get; init; }
}

public abstract class TypeDefinitionNode : TypeSystemDefinitionNode
{
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class ScalarTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.ScalarTypeDefinition;
}

public sealed class ObjectTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class FieldDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.FieldDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<InputValueDefinitionNode> Arguments { get; init; } = [];
    public required TypeNode Type { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class InputValueDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.InputValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public required TypeNode Type { get; init; }
    public ValueNode? DefaultValue { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class InterfaceTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.InterfaceTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class UnionTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.UnionTypeDefinition;
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

public sealed class EnumTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumTypeDefinition;
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

public sealed class EnumValueDefinitionNode : SyntaxNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumValueDefinition;
    public StringValueNode? Description { get; init; }
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class InputObjectTypeDefinitionNode : TypeDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.InputObjectTypeDefinition;
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}

public sealed class DirectiveDefinitionNode : TypeSystemDefinitionNode
{
    public override SyntaxKind Kind => SyntaxKind.DirectiveDefinition;
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

public abstract class TypeSystemExtensionNode : DefinitionNode;

public sealed class SchemaExtensionNode : TypeSystemExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.SchemaExtension;
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
    public IReadOnlyList<OperationTypeDefinitionNode> OperationTypes { get; init; } = [];
}

public abstract class TypeExtensionNode : TypeSystemExtensionNode
{
    public required NameNode Name { get; init; }
    public IReadOnlyList<DirectiveNode> Directives { get; init; } = [];
}

public sealed class ScalarTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.ScalarTypeExtension;
}

public sealed class ObjectTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.ObjectTypeExtension;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class InterfaceTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.InterfaceTypeExtension;
    public IReadOnlyList<NamedTypeNode> Interfaces { get; init; } = [];
    public IReadOnlyList<FieldDefinitionNode> Fields { get; init; } = [];
}

public sealed class UnionTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.UnionTypeExtension;
    public IReadOnlyList<NamedTypeNode> Types { get; init; } = [];
}

public sealed class EnumTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.EnumTypeExtension;
    public IReadOnlyList<EnumValueDefinitionNode> Values { get; init; } = [];
}

public sealed class InputObjectTypeExtensionNode : TypeExtensionNode
{
    public override SyntaxKind Kind => SyntaxKind.InputObjectTypeExtension;
    public IReadOnlyList<InputValueDefinitionNode> Fields { get; init; } = [];
}
