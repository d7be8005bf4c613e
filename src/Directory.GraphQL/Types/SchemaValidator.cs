using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types.Introspection;

namespace Directory.GraphQL.Types;

/// <summary>
/// Checks that a schema is valid (spec §3 type validation; graphql-js <c>type/validate.ts</c>) and returns every
/// problem, in graphql-js's order and words: root types, then directives, then each type in type-map order.
/// </summary>
internal static class SchemaValidator
{
    public static IReadOnlyList<GraphQLError> Validate(Schema schema) => Validate(schema, null);

    internal static IReadOnlyList<GraphQLError> Validate(Schema schema, DeclaredRoots? declaredRoots)
    {
        var context = new Context(schema);
        ValidateRootTypes(context, declaredRoots);
        ValidateDirectives(context);
        ValidateTypes(context);
        return context.Errors;
    }

    private sealed class Context(Schema schema)
    {
        public Schema Schema { get; } = schema;

        public List<GraphQLError> Errors { get; } = [];

        public void Report(string message, params IEnumerable<SyntaxNode?> nodes) =>
            Errors.Add(GraphQLError.At(message, ErrorCodes.ValidationFailed, nodes.ToArray()));
    }

    private static void ValidateRootTypes(Context context, DeclaredRoots? declared)
    {
        var schema = context.Schema;
        var roots = declared is null
            ? new (OperationType, NamedType?)[] { (OperationType.Query, schema.QueryType), (OperationType.Mutation, schema.MutationType), (OperationType.Subscription, schema.SubscriptionType) }
            : [(OperationType.Query, declared.Query), (OperationType.Mutation, declared.Mutation), (OperationType.Subscription, declared.Subscription)];
        if (roots[0].Item2 is null)
        {
            context.Report("Query root type must be provided.", schema.AstNode);
        }
        var byType = new List<(ObjectType Type, List<OperationType> Operations)>();
        foreach (var (operation, rootType) in roots)
        {
            if (rootType is null)
            {
                continue;
            }
            var operationNode = declared?.Nodes.FirstOrDefault(n => n.Operation == operation)?.Type;
            if (rootType is not ObjectType objectType)
            {
                var operationName = operation.ToString();
                context.Report(
                    operation == OperationType.Query
                        ? $"{operationName} root type must be Object type, it cannot be {rootType}."
                        : $"{operationName} root type must be Object type if provided, it cannot be {rootType}.",
                    (SyntaxNode?)operationNode ?? rootType.AstNode);
                continue;
            }
            var entry = byType.Find(e => ReferenceEquals(e.Type, objectType));
            if (entry.Type is null)
            {
                byType.Add((objectType, [operation]));
            }
            else
            {
                entry.Operations.Add(operation);
            }
        }
        foreach (var (type, operations) in byType)
        {
            if (operations.Count > 1)
            {
                var names = operations.Select(o => o.ToString().ToLowerInvariant()).ToList();
                context.Report(
                    $"All root types must be different, \"{type}\" type is used as {AndList(names)} root types.",
                    operations.Select(o => (SyntaxNode?)declared?.Nodes.FirstOrDefault(n => n.Operation == o)?.Type));
            }
        }
    }

    private static string AndList(IReadOnlyList<string> items) => items.Count switch
    {
        1 => items[0],
        2 => items[0] + " and " + items[1],
        _ => string.Join(", ", items.Take(items.Count - 1)) + ", and " + items[^1],
    };

    private static void ValidateDirectives(Context context)
    {
        foreach (var directive in context.Schema.Directives)
        {
            ValidateName(context, directive.Name, directive.AstNode);
            if (directive.Locations.Count == 0)
            {
                context.Report($"Directive @{directive.Name} must include 1 or more locations.", directive.AstNode);
            }
            foreach (var arg in directive.Arguments)
            {
                ValidateName(context, arg.Name, arg.AstNode);
                if (!TypeHelpers.IsInputType(arg.Type))
                {
                    context.Report($"The type of {arg} must be Input Type but got: {arg.Type}.", arg.AstNode);
                }
                ValidateRequiredNotDeprecated(context, arg, "argument");
                ValidateDefaultValue(context, arg);
            }
        }
    }

    private static void ValidateRequiredNotDeprecated(Context context, InputValueDefinition value, string what)
    {
        if (value.IsRequired && value.DeprecationReason is not null)
        {
            context.Report($"Required {what} {value} cannot be deprecated.", DeprecatedDirectiveNode(value.AstNode?.Directives), value.AstNode?.Type);
        }
    }

    private static DirectiveNode? DeprecatedDirectiveNode(IReadOnlyList<DirectiveNode>? directives) =>
        directives?.FirstOrDefault(d => d.Name.Value == "deprecated");

    private static void ValidateDefaultValue(Context context, InputValueDefinition value)
    {
        if (value.DefaultValue is null)
        {
            return;
        }
        InputLiteralValidator.Validate(value.DefaultValue, value.Type, (error, path) =>
            context.Errors.Add(new GraphQLError(
                $"{value} has invalid default value{InputLiteralValidator.PrintPath(path)}: {error.Message}",
                error.Locations.Count > 0 ? error.Locations : LocationsOf(value.DefaultValue),
                code: ErrorCodes.ValidationFailed)));
    }

    private static List<SourceLocation> LocationsOf(SyntaxNode node) =>
        node.Location is { } l ? [new SourceLocation(l.Line, l.Column)] : [];

    private static void ValidateName(Context context, string name, SyntaxNode? node)
    {
        if (name.StartsWith("__", StringComparison.Ordinal))
        {
            context.Report($"Name \"{name}\" must not begin with \"__\", which is reserved by GraphQL introspection.", node);
        }
    }

    private static void ValidateTypes(Context context)
    {
        var inputObjects = new List<InputObjectType>();
        var defaultValueCycles = new DefaultValueCycleDetector(context);
        foreach (var type in context.Schema.Types)
        {
            var isIntrospection = IntrospectionNames.IsIntrospectionTypeName(type.Name) && type.AstNode is null;
            if (!isIntrospection)
            {
                ValidateName(context, type.Name, type.AstNode);
            }
            switch (type)
            {
                case ComplexType complex:
                    ValidateFields(context, complex);
                    ValidateInterfaces(context, complex);
                    break;
                case UnionType union:
                    ValidateUnionMembers(context, union);
                    break;
                case EnumType enumType:
                    if (enumType.Values.Count == 0)
                    {
                        context.Report($"Enum type {enumType} must define one or more values.", WithExtensions(enumType));
                    }
                    foreach (var value in enumType.Values)
                    {
                        ValidateName(context, value.Name, value.AstNode);
                    }
                    break;
                case InputObjectType input:
                    ValidateInputFields(context, input);
                    inputObjects.Add(input);
                    defaultValueCycles.Check(input);
                    break;
            }
        }
        DetectNonFiniteInputObjects(context, inputObjects);
    }

    private static IEnumerable<SyntaxNode?> WithExtensions(NamedType type) =>
        new SyntaxNode?[] { type.AstNode }.Concat(type.ExtensionAstNodes);

    private static void ValidateFields(Context context, ComplexType type)
    {
        if (type.Fields.Count == 0)
        {
            context.Report($"Type {type} must define one or more fields.", WithExtensions(type));
        }
        foreach (var field in type.Fields)
        {
            ValidateName(context, field.Name, field.AstNode);
            if (!TypeHelpers.IsOutputType(field.Type))
            {
                context.Report($"The type of {field} must be Output Type but got: {field.Type}.", field.AstNode?.Type);
            }
            foreach (var arg in field.Arguments)
            {
                ValidateName(context, arg.Name, arg.AstNode);
                if (!TypeHelpers.IsInputType(arg.Type))
                {
                    context.Report($"The type of {arg} must be Input Type but got: {arg.Type}.", arg.AstNode?.Type);
                }
                ValidateRequiredNotDeprecated(context, arg, "argument");
                ValidateDefaultValue(context, arg);
            }
        }
    }

    private static void ValidateInterfaces(Context context, ComplexType type)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var declared in type.DeclaredInterfaces ?? type.Interfaces)
        {
            if (declared is not InterfaceType iface)
            {
                context.Report($"Type {type} must only implement Interface types, it cannot implement {declared}.", ImplementsNodes(type, declared.Name));
                continue;
            }
            if (ReferenceEquals(type, iface))
            {
                context.Report($"Type {type} cannot implement itself because it would create a circular reference.", ImplementsNodes(type, iface.Name));
                continue;
            }
            if (!seen.Add(iface.Name))
            {
                context.Report($"Type {type} can only implement {iface} once.", ImplementsNodes(type, iface.Name));
                continue;
            }
            ValidateImplementsAncestors(context, type, iface);
            ValidateImplementsInterface(context, type, iface);
        }
    }

    private static void ValidateImplementsInterface(Context context, ComplexType type, InterfaceType iface)
    {
        foreach (var ifaceField in iface.Fields)
        {
            var typeField = type.Fields[ifaceField.Name];
            if (typeField is null)
            {
                context.Report($"Interface field {ifaceField} expected but {type} does not provide it.",
                    new SyntaxNode?[] { ifaceField.AstNode }.Concat(WithExtensions(type)));
                continue;
            }
            if (!TypeHelpers.IsTypeSubTypeOf(context.Schema, typeField.Type, ifaceField.Type))
            {
                context.Report($"Interface field {ifaceField} expects type {ifaceField.Type} but {typeField} is type {typeField.Type}.",
                    ifaceField.AstNode?.Type, typeField.AstNode?.Type);
            }
            foreach (var ifaceArg in ifaceField.Arguments)
            {
                var typeArg = typeField.Arguments[ifaceArg.Name];
                if (typeArg is null)
                {
                    context.Report($"Interface field argument {ifaceArg} expected but {typeField} does not provide it.", ifaceArg.AstNode, typeField.AstNode);
                    continue;
                }
                if (!TypeHelpers.IsEqualType(ifaceArg.Type, typeArg.Type))
                {
                    context.Report($"Interface field argument {ifaceArg} expects type {ifaceArg.Type} but {typeArg} is type {typeArg.Type}.",
                        ifaceArg.AstNode?.Type, typeArg.AstNode?.Type);
                }
            }
            foreach (var typeArg in typeField.Arguments)
            {
                if (typeArg.IsRequired && !ifaceField.Arguments.Contains(typeArg.Name))
                {
                    context.Report($"Argument \"{typeArg}\" must not be required type \"{typeArg.Type}\" if not provided by the Interface field \"{ifaceField}\".",
                        typeArg.AstNode, ifaceField.AstNode);
                }
            }
            if (typeField.DeprecationReason is not null && ifaceField.DeprecationReason is null)
            {
                context.Report(
                    $"Interface field {iface.Name}.{ifaceField.Name} is not deprecated, so implementation field {type.Name}.{typeField.Name} must not be deprecated.",
                    DeprecatedDirectiveNode(typeField.AstNode?.Directives), typeField.AstNode?.Type);
            }
        }
    }

    private static void ValidateImplementsAncestors(Context context, ComplexType type, InterfaceType iface)
    {
        foreach (var transitive in iface.Interfaces)
        {
            if (!type.Interfaces.Contains(transitive))
            {
                context.Report(
                    ReferenceEquals(transitive, type)
                        ? $"Type {type} cannot implement {iface} because it would create a circular reference."
                        : $"Type {type} must implement {transitive} because it is implemented by {iface}.",
                    ImplementsNodes(iface, transitive.Name).Concat(ImplementsNodes(type, iface.Name)));
            }
        }
    }

    private static IEnumerable<SyntaxNode?> ImplementsNodes(ComplexType type, string interfaceName)
    {
        var nodes = new List<SyntaxNode?>();
        IEnumerable<NamedTypeNode> Interfaces(SyntaxNode? node) => node switch
        {
            ObjectTypeDefinitionNode o => o.Interfaces,
            InterfaceTypeDefinitionNode i => i.Interfaces,
            ObjectTypeExtensionNode oe => oe.Interfaces,
            InterfaceTypeExtensionNode ie => ie.Interfaces,
            _ => [],
        };
        foreach (var node in WithExtensions(type))
        {
            nodes.AddRange(Interfaces(node).Where(n => n.Name.Value == interfaceName));
        }
        return nodes;
    }

    private static void ValidateUnionMembers(Context context, UnionType union)
    {
        var members = union.DeclaredMembers ?? union.Types;
        if (members.Count == 0)
        {
            context.Report($"Union type {union} must define one or more member types.", WithExtensions(union));
        }
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var member in members)
        {
            if (!seen.Add(member.Name))
            {
                context.Report($"Union type {union} can only include type {member} once.", UnionMemberNodes(union, member.Name));
                continue;
            }
            if (member is not ObjectType)
            {
                context.Report($"Union type {union} can only include Object types, it cannot include {member}.", UnionMemberNodes(union, member.Name));
            }
        }
    }

    private static IEnumerable<SyntaxNode?> UnionMemberNodes(UnionType union, string typeName) =>
        WithExtensions(union)
            .SelectMany(n => n switch
            {
                UnionTypeDefinitionNode d => d.Types,
                UnionTypeExtensionNode e => e.Types,
                _ => [],
            })
            .Where(t => t.Name.Value == typeName);

    private static void ValidateInputFields(Context context, InputObjectType input)
    {
        if (input.Fields.Count == 0)
        {
            context.Report($"Input Object type {input} must define one or more fields.", WithExtensions(input));
        }
        foreach (var field in input.Fields)
        {
            ValidateName(context, field.Name, field.AstNode);
            if (!TypeHelpers.IsInputType(field.Type))
            {
                context.Report($"The type of {field} must be Input Type but got: {field.Type}.", field.AstNode?.Type);
            }
            ValidateRequiredNotDeprecated(context, field, "input field");
            ValidateDefaultValue(context, field);
            if (input.IsOneOf)
            {
                if (field.Type is NonNullType)
                {
                    context.Report($"OneOf input field {input}.{field.Name} must be nullable.", field.AstNode?.Type);
                }
                if (field.HasDefaultValue)
                {
                    context.Report($"OneOf input field {input}.{field.Name} cannot have a default value.", field.AstNode);
                }
            }
        }
    }

    /// <summary>
    /// An input object must admit some finite value: a cycle of non-null input object fields (or a OneOf whose
    /// every field leads back into the cycle) can never be satisfied (graphql-js v17 "non-finite values").
    /// </summary>
    private static void DetectNonFiniteInputObjects(Context context, List<InputObjectType> inputObjects)
    {
        var states = new Dictionary<InputObjectType, FiniteState>();
        foreach (var input in inputObjects)
        {
            states[input] = new FiniteState(input);
        }
        var finite = new Stack<FiniteState>();
        void MarkFinite(FiniteState s)
        {
            if (!s.HasFiniteValue)
            {
                s.HasFiniteValue = true;
                finite.Push(s);
            }
        }
        foreach (var state in states.Values)
        {
            var input = state.Input;
            foreach (var field in input.Fields)
            {
                var target = FiniteValueTarget(input, field.Type);
                if (target is null)
                {
                    continue;
                }
                state.Targets.Add((field, target));
                if (states.TryGetValue(target, out var targetState))
                {
                    targetState.Dependents.Add(state);
                }
            }
            if (input.IsOneOf)
            {
                if (input.Fields.Count == 0 || state.Targets.Count < input.Fields.Count)
                {
                    MarkFinite(state);
                }
            }
            else
            {
                state.UnresolvedTargetCount = state.Targets.Count;
                if (state.Targets.Count == 0)
                {
                    MarkFinite(state);
                }
            }
        }
        while (finite.Count > 0)
        {
            var next = finite.Pop();
            foreach (var dependent in next.Dependents)
            {
                if (dependent.HasFiniteValue)
                {
                    continue;
                }
                if (dependent.Input.IsOneOf)
                {
                    MarkFinite(dependent);
                    continue;
                }
                if (--dependent.UnresolvedTargetCount == 0)
                {
                    MarkFinite(dependent);
                }
            }
        }

        var visited = new HashSet<InputObjectType>();
        var fieldPath = new List<(string Text, SyntaxNode? Node)>();
        var indexByType = new Dictionary<InputObjectType, int>();
        void ReportCycles(FiniteState state)
        {
            if (!visited.Add(state.Input))
            {
                return;
            }
            indexByType[state.Input] = fieldPath.Count;
            foreach (var (field, target) in state.Targets)
            {
                if (!states.TryGetValue(target, out var targetState) || targetState.HasFiniteValue)
                {
                    continue;
                }
                fieldPath.Add(($"{state.Input}.{field.Name}", field.AstNode));
                if (indexByType.TryGetValue(target, out var cycleIndex))
                {
                    var cycle = fieldPath.Skip(cycleIndex).ToList();
                    context.Report(
                        $"Input Object {target} cannot be provided a finite value because it references itself through fields: {string.Join(", ", cycle.Select(p => p.Text))}.",
                        cycle.Select(p => p.Node));
                }
                else
                {
                    ReportCycles(targetState);
                }
                fieldPath.RemoveAt(fieldPath.Count - 1);
            }
            indexByType.Remove(state.Input);
        }
        foreach (var state in states.Values)
        {
            if (!state.HasFiniteValue)
            {
                ReportCycles(state);
            }
        }
    }

    private static InputObjectType? FiniteValueTarget(InputObjectType input, GraphQLType fieldType)
    {
        if (input.IsOneOf)
        {
            return fieldType as InputObjectType;
        }
        return fieldType is NonNullType { OfType: InputObjectType target } ? target : null;
    }

    private sealed class FiniteState(InputObjectType input)
    {
        public InputObjectType Input { get; } = input;
        public List<(InputValueDefinition Field, InputObjectType Target)> Targets { get; } = [];
        public List<FiniteState> Dependents { get; } = [];
        public int UnresolvedTargetCount { get; set; }
        public bool HasFiniteValue { get; set; }
    }

    /// <summary>Default values of input fields that (through other defaults) contain themselves can never be expanded.</summary>
    private sealed class DefaultValueCycleDetector(Context context)
    {
        private readonly HashSet<string> _visitedFields = new(StringComparer.Ordinal);
        private readonly List<(string Text, SyntaxNode? Node)> _fieldPath = [];
        private readonly Dictionary<string, int> _fieldPathIndex = new(StringComparer.Ordinal);

        public void Check(InputObjectType input) => DetectObject(input, new Dictionary<string, ValueNode>());

        private void DetectObject(InputObjectType input, Dictionary<string, ValueNode> given)
        {
            foreach (var field in input.Fields)
            {
                if (TypeHelpers.GetNamedType(field.Type) is not InputObjectType fieldType)
                {
                    continue;
                }
                if (given.TryGetValue(field.Name, out var value))
                {
                    DetectLiteral(fieldType, value);
                }
                else
                {
                    DetectField(field, fieldType, $"{input}.{field.Name}");
                }
            }
        }

        private void DetectLiteral(InputObjectType input, ValueNode value)
        {
            switch (value)
            {
                case ListValueNode list:
                    foreach (var item in list.Values)
                    {
                        DetectLiteral(input, item);
                    }
                    break;
                case ObjectValueNode obj:
                    var given = new Dictionary<string, ValueNode>(StringComparer.Ordinal);
                    foreach (var f in obj.Fields)
                    {
                        given.TryAdd(f.Name.Value, f.Value);
                    }
                    DetectObject(input, given);
                    break;
            }
        }

        private void DetectField(InputValueDefinition field, InputObjectType fieldType, string fieldText)
        {
            if (field.DefaultValue is null)
            {
                return;
            }
            if (_fieldPathIndex.TryGetValue(fieldText, out var cycleIndex))
            {
                var via = cycleIndex < _fieldPath.Count
                    ? " via the default values of: " + string.Join(", ", _fieldPath.Skip(cycleIndex).Select(p => p.Text))
                    : "";
                context.Report(
                    $"Invalid circular reference. The default value of Input Object field {fieldText} references itself{via}.",
                    _fieldPath.Skip(cycleIndex - 1).Select(p => p.Node));
                return;
            }
            if (_visitedFields.Add(fieldText))
            {
                _fieldPath.Add((fieldText, field.AstNode?.DefaultValue));
                _fieldPathIndex[fieldText] = _fieldPath.Count;
                DetectLiteral(fieldType, field.DefaultValue);
                _fieldPath.RemoveAt(_fieldPath.Count - 1);
                _fieldPathIndex.Remove(fieldText);
            }
        }
    }
}
