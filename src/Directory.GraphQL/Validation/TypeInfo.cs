using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Tracks, while a document is walked, which schema elements the current node refers to (graphql-js
/// `utilities/TypeInfo.ts`): the output type and parent composite type of selections, the field definition, the
/// argument and directive, the expected input type (and its parent) of values, the default value of the
/// position a value fills, and the enum value. The walker enters a node here before the rules see it and leaves
/// it after them.
/// </summary>
internal sealed class TypeInfo(Schema schema)
{
    private readonly List<GraphQLType?> _typeStack = [];
    private readonly List<NamedType?> _parentTypeStack = [];
    private readonly List<GraphQLType?> _inputTypeStack = [];
    private readonly List<FieldDefinition?> _fieldDefStack = [];
    private readonly List<ValueNode?> _defaultValueStack = [];

    public Schema Schema { get; } = schema;

    /// <summary>The output type of the current field, fragment or operation.</summary>
    public GraphQLType? Type => _typeStack.Count > 0 ? _typeStack[^1] : null;

    /// <summary>The composite type whose selection set we are in.</summary>
    public NamedType? ParentType => _parentTypeStack.Count > 0 ? _parentTypeStack[^1] : null;

    /// <summary>The type the current value (argument, list item, object field, variable default) must have.</summary>
    public GraphQLType? InputType => _inputTypeStack.Count > 0 ? _inputTypeStack[^1] : null;

    /// <summary>The input type one level up (the list type for a list item).</summary>
    public GraphQLType? ParentInputType => _inputTypeStack.Count > 1 ? _inputTypeStack[^2] : null;

    public FieldDefinition? FieldDef => _fieldDefStack.Count > 0 ? _fieldDefStack[^1] : null;

    /// <summary>The default value of the argument or input field the current value fills, if it declares one.</summary>
    public ValueNode? DefaultValue => _defaultValueStack.Count > 0 ? _defaultValueStack[^1] : null;

    public DirectiveDefinition? Directive { get; private set; }

    public InputValueDefinition? Argument { get; private set; }

    public EnumValueDefinition? EnumValue { get; private set; }

    public void Enter(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
                {
                    var namedType = SchemaFacts.GetNamedType(Type);
                    _parentTypeStack.Add(SchemaFacts.IsCompositeType(namedType) ? namedType : null);
                    break;
                }
            case FieldNode field:
                {
                    var fieldDef = ParentType is { } parent ? SchemaFacts.GetField(Schema, parent, field.Name.Value) : null;
                    _fieldDefStack.Add(fieldDef);
                    _typeStack.Add(fieldDef?.Type);
                    break;
                }
            case DirectiveNode directive:
                Directive = SchemaFacts.GetDirective(Schema, directive.Name.Value);
                break;
            case OperationDefinitionNode operation:
                _typeStack.Add(SchemaFacts.GetRootType(Schema, operation.Operation));
                break;
            case InlineFragmentNode inline:
                {
                    var type = inline.TypeCondition is { } condition
                        ? SchemaFacts.TypeFromAst(Schema, condition)
                        : SchemaFacts.GetNamedType(Type);
                    _typeStack.Add(SchemaFacts.IsOutputType(type) ? type : null);
                    break;
                }
            case FragmentDefinitionNode fragment:
                {
                    var type = SchemaFacts.TypeFromAst(Schema, fragment.TypeCondition);
                    _typeStack.Add(SchemaFacts.IsOutputType(type) ? type : null);
                    break;
                }
            case VariableDefinitionNode variableDefinition:
                {
                    var type = SchemaFacts.TypeFromAst(Schema, variableDefinition.Type);
                    _inputTypeStack.Add(SchemaFacts.IsInputType(type) ? type : null);
                    break;
                }
            case ArgumentNode argument:
                {
                    InputValueDefinition? argDef = null;
                    if (Directive is { } directive)
                    {
                        argDef = directive.Arguments[argument.Name.Value];
                    }
                    else if (FieldDef is { } fieldDef)
                    {
                        argDef = fieldDef.Arguments[argument.Name.Value];
                    }
                    Argument = argDef;
                    _defaultValueStack.Add(argDef?.DefaultValue);
                    _inputTypeStack.Add(SchemaFacts.IsInputType(argDef?.Type) ? argDef!.Type : null);
                    break;
                }
            case ListValueNode:
                {
                    var listType = SchemaFacts.GetNullableType(InputType) as ListType;
                    _defaultValueStack.Add(null);
                    _inputTypeStack.Add(listType?.OfType);
                    break;
                }
            case ObjectFieldNode objectField:
                {
                    InputValueDefinition? inputField = null;
                    if (SchemaFacts.GetNamedType(InputType) is InputObjectType inputObject)
                    {
                        inputField = inputObject.Fields[objectField.Name.Value];
                    }
                    _defaultValueStack.Add(inputField?.DefaultValue);
                    _inputTypeStack.Add(SchemaFacts.IsInputType(inputField?.Type) ? inputField!.Type : null);
                    break;
                }
            case EnumValueNode enumValue:
                EnumValue = SchemaFacts.GetNamedType(InputType) is EnumType enumType ? enumType.GetValue(enumValue.Value) : null;
                break;
        }
    }

    public void Leave(SyntaxNode node)
    {
        switch (node)
        {
            case SelectionSetNode:
                Pop(_parentTypeStack);
                break;
            case FieldNode:
                Pop(_fieldDefStack);
                Pop(_typeStack);
                break;
            case DirectiveNode:
                Directive = null;
                break;
            case OperationDefinitionNode or InlineFragmentNode or FragmentDefinitionNode:
                Pop(_typeStack);
                break;
            case VariableDefinitionNode:
                Pop(_inputTypeStack);
                break;
            case ArgumentNode:
                Argument = null;
                Pop(_defaultValueStack);
                Pop(_inputTypeStack);
                break;
            case ListValueNode or ObjectFieldNode:
                Pop(_defaultValueStack);
                Pop(_inputTypeStack);
                break;
            case EnumValueNode:
                EnumValue = null;
                break;
        }
    }

    /// <summary>Forgets a walk that was aborted half-way, so the instance can serve the next validation.</summary>
    internal void Reset()
    {
        _typeStack.Clear();
        _parentTypeStack.Clear();
        _inputTypeStack.Clear();
        _fieldDefStack.Clear();
        _defaultValueStack.Clear();
        Directive = null;
        Argument = null;
        EnumValue = null;
    }

    private static void Pop<T>(List<T> stack) => stack.RemoveAt(stack.Count - 1);
}
