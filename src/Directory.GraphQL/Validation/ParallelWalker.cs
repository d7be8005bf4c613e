using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Walks a document once and runs every rule's visitor on each node (graphql-js `visitInParallel` wrapped in
/// `visitWithTypeInfo`): TypeInfo enters a node before the rules and leaves it after them; each rule has its own
/// skip slot so one rule skipping a subtree does not hide it from the others. Children are visited in the order
/// of graphql-js `QueryDocumentKeys` (descriptions and names are not visited: no rule looks at them).
/// </summary>
internal sealed class ParallelWalker
{
    private readonly ValidationVisitor[] _visitors;
    private readonly SyntaxNode?[] _skipping;
    private readonly TypeInfo _typeInfo;
    private readonly List<SyntaxNode> _ancestors;
    private int _active;

    public ParallelWalker(ValidationVisitor[] visitors, TypeInfo typeInfo, List<SyntaxNode> ancestors)
    {
        _visitors = visitors;
        _skipping = new SyntaxNode?[visitors.Length];
        _typeInfo = typeInfo;
        _ancestors = ancestors;
        _active = visitors.Length;
    }

    /// <summary>Clears the skip slots a walk aborted half-way left behind.</summary>
    public void Reset()
    {
        Array.Clear(_skipping);
        _active = _visitors.Length;
    }

    public void Walk(SyntaxNode node)
    {
        _typeInfo.Enter(node);
        var visitors = _visitors;
        for (var i = 0; i < visitors.Length; i++)
        {
            if (_skipping[i] is null && visitors[i].Enter(node) == VisitAction.SkipChildren)
            {
                _skipping[i] = node;
                _active--;
            }
        }

        // When every rule skips this subtree nobody would observe its children.
        if (_active > 0)
        {
            _ancestors.Add(node);
            WalkChildren(node);
            _ancestors.RemoveAt(_ancestors.Count - 1);
        }

        for (var i = 0; i < visitors.Length; i++)
        {
            var skipping = _skipping[i];
            if (skipping is null)
            {
                visitors[i].Leave(node);
            }
            else if (ReferenceEquals(skipping, node))
            {
                _skipping[i] = null;
                _active++;
            }
        }
        _typeInfo.Leave(node);
    }

    private void WalkAll<T>(IReadOnlyList<T> nodes)
        where T : SyntaxNode
    {
        for (var i = 0; i < nodes.Count; i++)
        {
            Walk(nodes[i]);
        }
    }

    private void WalkOptional(SyntaxNode? node)
    {
        if (node is not null)
        {
            Walk(node);
        }
    }

    private void WalkChildren(SyntaxNode node)
    {
        switch (node)
        {
            case DocumentNode document:
                WalkAll(document.Definitions);
                break;
            case OperationDefinitionNode operation:
                WalkAll(operation.VariableDefinitions);
                WalkAll(operation.Directives);
                Walk(operation.SelectionSet);
                break;
            case VariableDefinitionNode variableDefinition:
                Walk(variableDefinition.Variable);
                Walk(variableDefinition.Type);
                WalkOptional(variableDefinition.DefaultValue);
                WalkAll(variableDefinition.Directives);
                break;
            case SelectionSetNode selectionSet:
                WalkAll(selectionSet.Selections);
                break;
            case FieldNode field:
                WalkAll(field.Arguments);
                WalkAll(field.Directives);
                WalkOptional(field.SelectionSet);
                break;
            case ArgumentNode argument:
                Walk(argument.Value);
                break;
            case FragmentSpreadNode spread:
                WalkAll(spread.Directives);
                break;
            case InlineFragmentNode inline:
                WalkOptional(inline.TypeCondition);
                WalkAll(inline.Directives);
                Walk(inline.SelectionSet);
                break;
            case FragmentDefinitionNode fragment:
                Walk(fragment.TypeCondition);
                WalkAll(fragment.Directives);
                Walk(fragment.SelectionSet);
                break;
            case ListValueNode list:
                WalkAll(list.Values);
                break;
            case ObjectValueNode obj:
                WalkAll(obj.Fields);
                break;
            case ObjectFieldNode objectField:
                Walk(objectField.Value);
                break;
            case DirectiveNode directive:
                WalkAll(directive.Arguments);
                break;
            case ListTypeNode listType:
                Walk(listType.Type);
                break;
            case NonNullTypeNode nonNullType:
                Walk(nonNullType.Type);
                break;
            case SchemaDefinitionNode schemaDefinition:
                WalkAll(schemaDefinition.Directives);
                WalkAll(schemaDefinition.OperationTypes);
                break;
            case SchemaExtensionNode schemaExtension:
                WalkAll(schemaExtension.Directives);
                WalkAll(schemaExtension.OperationTypes);
                break;
            case OperationTypeDefinitionNode operationType:
                Walk(operationType.Type);
                break;
            case ObjectTypeDefinitionNode objectType:
                WalkAll(objectType.Interfaces);
                WalkAll(objectType.Directives);
                WalkAll(objectType.Fields);
                break;
            case ObjectTypeExtensionNode objectExtension:
                WalkAll(objectExtension.Interfaces);
                WalkAll(objectExtension.Directives);
                WalkAll(objectExtension.Fields);
                break;
            case InterfaceTypeDefinitionNode interfaceType:
                WalkAll(interfaceType.Interfaces);
                WalkAll(interfaceType.Directives);
                WalkAll(interfaceType.Fields);
                break;
            case InterfaceTypeExtensionNode interfaceExtension:
                WalkAll(interfaceExtension.Interfaces);
                WalkAll(interfaceExtension.Directives);
                WalkAll(interfaceExtension.Fields);
                break;
            case FieldDefinitionNode fieldDefinition:
                WalkAll(fieldDefinition.Arguments);
                Walk(fieldDefinition.Type);
                WalkAll(fieldDefinition.Directives);
                break;
            case InputValueDefinitionNode inputValue:
                Walk(inputValue.Type);
                WalkOptional(inputValue.DefaultValue);
                WalkAll(inputValue.Directives);
                break;
            case UnionTypeDefinitionNode union:
                WalkAll(union.Directives);
                WalkAll(union.Types);
                break;
            case UnionTypeExtensionNode unionExtension:
                WalkAll(unionExtension.Directives);
                WalkAll(unionExtension.Types);
                break;
            case EnumTypeDefinitionNode enumType:
                WalkAll(enumType.Directives);
                WalkAll(enumType.Values);
                break;
            case EnumTypeExtensionNode enumExtension:
                WalkAll(enumExtension.Directives);
                WalkAll(enumExtension.Values);
                break;
            case EnumValueDefinitionNode enumValue:
                WalkAll(enumValue.Directives);
                break;
            case InputObjectTypeDefinitionNode inputObject:
                WalkAll(inputObject.Directives);
                WalkAll(inputObject.Fields);
                break;
            case InputObjectTypeExtensionNode inputExtension:
                WalkAll(inputExtension.Directives);
                WalkAll(inputExtension.Fields);
                break;
            case DirectiveDefinitionNode directiveDefinition:
                WalkAll(directiveDefinition.Arguments);
                break;
            case TypeDefinitionNode typeDefinition:
                WalkAll(typeDefinition.Directives);
                break;
            case TypeExtensionNode typeExtension:
                WalkAll(typeExtension.Directives);
                break;
            default:
                // Leaves: variables, scalar values, named types.
                break;
        }
    }
}
