using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types.Introspection;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Types;

/// <summary>The root types an SDL document declares (of any kind; validation checks they are objects).</summary>
internal sealed record DeclaredRoots(NamedType? Query, NamedType? Mutation, NamedType? Subscription, IReadOnlyList<OperationTypeDefinitionNode> Nodes);

/// <summary>
/// Turns SDL definitions and extensions into types and directives (graphql-js <c>buildASTSchema</c> +
/// <c>extendSchema</c> over one document) and reports the SDL's own problems — the checks graphql-js's
/// <c>assertValidSDL</c> makes: unique names, known types and directives, directive placement and arguments,
/// extensions of defined types of the right kind.
/// </summary>
internal sealed class SdlSchemaFactory
{
    private readonly List<GraphQLError> _errors = [];
    private readonly IReadOnlyDictionary<string, ScalarCoercion> _scalarHooks;
    private readonly Dictionary<string, NamedType> _types = new(StringComparer.Ordinal);
    private readonly Dictionary<string, TypeDefinitionNode> _typeDefs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<TypeExtensionNode>> _typeExtensions = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DirectiveDefinition> _directives = new(StringComparer.Ordinal);
    private readonly List<SchemaDefinitionNode> _extraSchemaDefinitions = [];

    public SdlSchemaFactory(IReadOnlyDictionary<string, ScalarCoercion> scalarHooks)
    {
        _scalarHooks = scalarHooks;
    }

    public IReadOnlyList<GraphQLError> Errors => _errors;

    public List<NamedType> Types { get; } = [];

    public List<DirectiveDefinition> Directives { get; } = [];

    public DeclaredRoots Roots { get; private set; } = new(null, null, null, []);

    public SchemaDefinitionNode? SchemaDefinition { get; private set; }

    public List<SchemaExtensionNode> SchemaExtensions { get; } = [];

    public void Build(IReadOnlyList<DocumentNode> documents)
    {
        var directiveDefs = new List<DirectiveDefinitionNode>();
        var extensionOrder = new List<TypeExtensionNode>();
        foreach (var definition in documents.SelectMany(d => d.Definitions))
        {
            switch (definition)
            {
                case SchemaDefinitionNode schemaDef:
                    if (SchemaDefinition is not null)
                    {
                        Report("Must provide only one schema definition.", schemaDef);
                        _extraSchemaDefinitions.Add(schemaDef);
                    }
                    else
                    {
                        SchemaDefinition = schemaDef;
                    }
                    break;
                case SchemaExtensionNode schemaExt:
                    SchemaExtensions.Add(schemaExt);
                    break;
                case TypeDefinitionNode typeDef:
                    if (_typeDefs.TryGetValue(typeDef.Name.Value, out var known))
                    {
                        Report($"There can be only one type named \"{typeDef.Name.Value}\".", known.Name, typeDef.Name);
                    }
                    else
                    {
                        _typeDefs[typeDef.Name.Value] = typeDef;
                    }
                    break;
                case TypeExtensionNode ext:
                    extensionOrder.Add(ext);
                    break;
                case DirectiveDefinitionNode directiveDef:
                    if (directiveDefs.Find(d => d.Name.Value == directiveDef.Name.Value) is { } knownDirective)
                    {
                        Report($"There can be only one directive named \"@{directiveDef.Name.Value}\".", knownDirective.Name, directiveDef.Name);
                    }
                    else
                    {
                        directiveDefs.Add(directiveDef);
                    }
                    break;
                case ExecutableDefinitionNode executable:
                    Report("Schema documents may only contain type system definitions.", executable);
                    break;
            }
        }

        foreach (var ext in extensionOrder)
        {
            CheckExtension(ext);
        }

        // Shells first so that types can refer to each other in any order.
        foreach (var def in _typeDefs.Values)
        {
            var type = CreateShell(def);
            _types[def.Name.Value] = type;
            Types.Add(type);
        }
        foreach (var node in directiveDefs)
        {
            var locations = new List<DirectiveLocation>();
            foreach (var l in node.Locations)
            {
                if (DirectiveLocationExtensions.TryParse(l.Value, out var location))
                {
                    locations.Add(location);
                }
                else
                {
                    Report($"Unexpected directive location \"{l.Value}\".", l);
                }
            }
            var directive = new DirectiveDefinition(node.Name.Value, locations)
            {
                Description = node.Description?.Value,
                IsRepeatable = node.Repeatable,
                AstNode = node,
            };
            _directives[directive.Name] = directive;
            Directives.Add(directive);
        }
        foreach (var builtIn in BuiltInDirectives.All)
        {
            if (!_directives.ContainsKey(builtIn.Name))
            {
                _directives[builtIn.Name] = builtIn;
                Directives.Add(builtIn);
            }
        }

        // Document order, so that problems are reported in the order graphql-js's SDL validation finds them.
        foreach (var definition in documents.SelectMany(d => d.Definitions))
        {
            switch (definition)
            {
                case DirectiveDefinitionNode node when _directives.TryGetValue(node.Name.Value, out var directive) && ReferenceEquals(directive.AstNode, node):
                    directive.Arguments = BuildArguments(node.Arguments, "@" + directive.Name);
                    break;
                case TypeDefinitionNode def when ReferenceEquals(_typeDefs.GetValueOrDefault(def.Name.Value), def):
                    Fill(_types[def.Name.Value], def, _typeExtensions.GetValueOrDefault(def.Name.Value) ?? []);
                    break;
            }
        }

        CheckAppliedDirectives(SchemaDefinition is null ? [] : [SchemaDefinition.Directives], DirectiveLocation.Schema);
        foreach (var ext in SchemaExtensions)
        {
            CheckAppliedDirectives([ext.Directives], DirectiveLocation.Schema);
        }
        BuildRoots();
    }

    private void CheckExtension(TypeExtensionNode ext)
    {
        var name = ext.Name.Value;
        if (!_typeDefs.TryGetValue(name, out var def))
        {
            var allNames = BuiltInScalars.All.Select(s => s.Name).Concat(_typeDefs.Keys);
            Report($"Cannot extend type \"{name}\" because it is not defined." + SuggestionList.DidYouMean(SuggestionList.List(name, allNames)), ext.Name);
            return;
        }
        var (expected, kindName) = ext switch
        {
            ScalarTypeExtensionNode => (SyntaxKind.ScalarTypeDefinition, "scalar"),
            ObjectTypeExtensionNode => (SyntaxKind.ObjectTypeDefinition, "object"),
            InterfaceTypeExtensionNode => (SyntaxKind.InterfaceTypeDefinition, "interface"),
            UnionTypeExtensionNode => (SyntaxKind.UnionTypeDefinition, "union"),
            EnumTypeExtensionNode => (SyntaxKind.EnumTypeDefinition, "enum"),
            _ => (SyntaxKind.InputObjectTypeDefinition, "input object"),
        };
        if (def.Kind != expected)
        {
            Report($"Cannot extend non-{kindName} type \"{name}\".", def, ext);
            return;
        }
        if (!_typeExtensions.TryGetValue(name, out var list))
        {
            list = [];
            _typeExtensions[name] = list;
        }
        list.Add(ext);
    }

    private NamedType CreateShell(TypeDefinitionNode def)
    {
        var description = def.Description?.Value;
        NamedType type = def switch
        {
            ScalarTypeDefinitionNode when BuiltInScalars.Get(def.Name.Value) is { } builtIn => builtIn,
            ScalarTypeDefinitionNode => ScalarType.Custom(def.Name.Value, description, _scalarHooks.GetValueOrDefault(def.Name.Value)),
            ObjectTypeDefinitionNode => new ObjectType(def.Name.Value, description),
            InterfaceTypeDefinitionNode => new InterfaceType(def.Name.Value, description),
            UnionTypeDefinitionNode => new UnionType(def.Name.Value, description),
            EnumTypeDefinitionNode => new EnumType(def.Name.Value, description),
            _ => new InputObjectType(def.Name.Value, description),
        };
        if (!(type is ScalarType { IsBuiltIn: true }))
        {
            type.AstNode = def;
        }
        return type;
    }

    private void Fill(NamedType type, TypeDefinitionNode def, List<TypeExtensionNode> extensions)
    {
        if (type is ScalarType { IsBuiltIn: true })
        {
            return;
        }
        type.ExtensionAstNodes = extensions;
        var directiveLists = new List<IReadOnlyList<DirectiveNode>> { def.Directives };
        directiveLists.AddRange(extensions.Select(e => e.Directives));
        type.AppliedDirectives = directiveLists.SelectMany(d => d).ToList();
        switch (type)
        {
            case ScalarType scalar:
                CheckAppliedDirectives(directiveLists, DirectiveLocation.Scalar);
                scalar.SpecifiedByUrl = directiveLists.Select(l => StringArgument(l, "specifiedBy", "url")).LastOrDefault(u => u is not null);
                break;
            case ObjectType or InterfaceType:
                var complex = (ComplexType)type;
                CheckAppliedDirectives(directiveLists, type is ObjectType ? DirectiveLocation.Object : DirectiveLocation.Interface);
                var fieldNodes = new List<FieldDefinitionNode>(def is ObjectTypeDefinitionNode o ? o.Fields : ((InterfaceTypeDefinitionNode)def).Fields);
                var interfaceNodes = new List<NamedTypeNode>(def is ObjectTypeDefinitionNode o2 ? o2.Interfaces : ((InterfaceTypeDefinitionNode)def).Interfaces);
                foreach (var ext in extensions)
                {
                    fieldNodes.AddRange(ext is ObjectTypeExtensionNode oe ? oe.Fields : ((InterfaceTypeExtensionNode)ext).Fields);
                    interfaceNodes.AddRange(ext is ObjectTypeExtensionNode oe2 ? oe2.Interfaces : ((InterfaceTypeExtensionNode)ext).Interfaces);
                }
                complex.Fields = BuildFields(complex, fieldNodes);
                var declared = interfaceNodes.Select(n => Named(n)).ToList();
                complex.DeclaredInterfaces = declared;
                complex.Interfaces = declared.OfType<InterfaceType>().ToList();
                break;
            case UnionType union:
                CheckAppliedDirectives(directiveLists, DirectiveLocation.Union);
                var memberNodes = new List<NamedTypeNode>(((UnionTypeDefinitionNode)def).Types);
                memberNodes.AddRange(extensions.SelectMany(e => ((UnionTypeExtensionNode)e).Types));
                var members = memberNodes.Select(n => Named(n)).ToList();
                union.DeclaredMembers = members;
                union.Types = members.OfType<ObjectType>().Distinct().ToList();
                break;
            case EnumType enumType:
                CheckAppliedDirectives(directiveLists, DirectiveLocation.Enum);
                var valueNodes = new List<EnumValueDefinitionNode>(((EnumTypeDefinitionNode)def).Values);
                valueNodes.AddRange(extensions.SelectMany(e => ((EnumTypeExtensionNode)e).Values));
                enumType.Values = BuildEnumValues(enumType, valueNodes);
                break;
            case InputObjectType input:
                CheckAppliedDirectives(directiveLists, DirectiveLocation.InputObject);
                var inputNodes = new List<InputValueDefinitionNode>(((InputObjectTypeDefinitionNode)def).Fields);
                inputNodes.AddRange(extensions.SelectMany(e => ((InputObjectTypeExtensionNode)e).Fields));
                input.Fields = BuildInputValues(inputNodes, type.Name, isInputField: true);
                input.IsOneOf = directiveLists.Any(l => l.Any(d => d.Name.Value == "oneOf"));
                break;
        }
    }

    private NamedCollection<FieldDefinition> BuildFields(ComplexType owner, List<FieldDefinitionNode> nodes)
    {
        var fields = new List<FieldDefinition>();
        var seen = new Dictionary<string, FieldDefinitionNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (seen.TryGetValue(node.Name.Value, out var first))
            {
                Report($"Field \"{owner.Name}.{node.Name.Value}\" can only be defined once.", first.Name, node.Name);
                continue;
            }
            seen[node.Name.Value] = node;
            CheckAppliedDirectives([node.Directives], DirectiveLocation.FieldDefinition);
            var field = new FieldDefinition(node.Name.Value, TypeFromAst(node.Type))
            {
                Description = node.Description?.Value,
                DeprecationReason = DeprecationReason(node.Directives),
                AstNode = node,
                AppliedDirectives = node.Directives,
                DeclaringType = owner,
                Index = fields.Count,
            };
            field.Arguments = BuildInputValues(node.Arguments, owner.Name + "." + node.Name.Value, isInputField: false);
            fields.Add(field);
        }
        return new NamedCollection<FieldDefinition>(fields);
    }

    private NamedCollection<InputValueDefinition> BuildArguments(IReadOnlyList<InputValueDefinitionNode> nodes, string parentName) =>
        BuildInputValues(nodes, parentName, isInputField: false);

    private NamedCollection<InputValueDefinition> BuildInputValues(IReadOnlyList<InputValueDefinitionNode> nodes, string parentName, bool isInputField)
    {
        var values = new List<InputValueDefinition>();
        var seen = new Dictionary<string, InputValueDefinitionNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (seen.TryGetValue(node.Name.Value, out var first))
            {
                Report(
                    isInputField
                        ? $"Field \"{parentName}.{node.Name.Value}\" can only be defined once."
                        : $"Argument \"{parentName}({node.Name.Value}:)\" can only be defined once.",
                    first.Name,
                    node.Name);
                continue;
            }
            seen[node.Name.Value] = node;
            CheckAppliedDirectives([node.Directives], isInputField ? DirectiveLocation.InputFieldDefinition : DirectiveLocation.ArgumentDefinition);
            values.Add(new InputValueDefinition(node.Name.Value, TypeFromAst(node.Type))
            {
                Description = node.Description?.Value,
                DefaultValue = node.DefaultValue,
                DeprecationReason = DeprecationReason(node.Directives),
                AstNode = node,
                AppliedDirectives = node.Directives,
                Index = values.Count,
                Coordinate = isInputField ? parentName + "." + node.Name.Value : parentName + "(" + node.Name.Value + ":)",
            });
        }
        return new NamedCollection<InputValueDefinition>(values);
    }

    private NamedCollection<EnumValueDefinition> BuildEnumValues(EnumType owner, List<EnumValueDefinitionNode> nodes)
    {
        var values = new List<EnumValueDefinition>();
        var seen = new Dictionary<string, EnumValueDefinitionNode>(StringComparer.Ordinal);
        foreach (var node in nodes)
        {
            if (seen.TryGetValue(node.Name.Value, out var first))
            {
                Report($"Enum value \"{owner.Name}.{node.Name.Value}\" can only be defined once.", first.Name, node.Name);
                continue;
            }
            seen[node.Name.Value] = node;
            CheckAppliedDirectives([node.Directives], DirectiveLocation.EnumValue);
            values.Add(new EnumValueDefinition(node.Name.Value, node.Name.Value)
            {
                Description = node.Description?.Value,
                DeprecationReason = DeprecationReason(node.Directives),
                AstNode = node,
                AppliedDirectives = node.Directives,
            });
        }
        return new NamedCollection<EnumValueDefinition>(values);
    }

    private void BuildRoots()
    {
        NamedType? query = null, mutation = null, subscription = null;
        var nodes = new List<OperationTypeDefinitionNode>();
        var seen = new Dictionary<OperationType, OperationTypeDefinitionNode>();
        var operationNodes = (SchemaDefinition?.OperationTypes ?? [])
            .Concat(_extraSchemaDefinitions.SelectMany(d => d.OperationTypes))
            .Concat(SchemaExtensions.SelectMany(e => e.OperationTypes));
        foreach (var op in operationNodes)
        {
            var operationName = op.Operation.ToString().ToLowerInvariant();
            if (seen.TryGetValue(op.Operation, out var first))
            {
                Report($"There can be only one {operationName} type in schema.", first, op);
                continue;
            }
            seen[op.Operation] = op;
            nodes.Add(op);
            var type = Named(op.Type);
            switch (op.Operation)
            {
                case OperationType.Query: query = type; break;
                case OperationType.Mutation: mutation = type; break;
                default: subscription = type; break;
            }
        }
        if (SchemaDefinition is null)
        {
            query = _types.GetValueOrDefault("Query") ?? query;
            mutation = _types.GetValueOrDefault("Mutation") ?? mutation;
            subscription = _types.GetValueOrDefault("Subscription") ?? subscription;
        }
        Roots = new DeclaredRoots(query, mutation, subscription, nodes);
    }

    private GraphQLType TypeFromAst(TypeNode node) => node switch
    {
        NonNullTypeNode nn => new NonNullType(TypeFromAst(nn.Type)),
        ListTypeNode list => new ListType(TypeFromAst(list.Type)),
        _ => Named((NamedTypeNode)node),
    };

    private NamedType Named(NamedTypeNode node)
    {
        var name = node.Name.Value;
        if (_types.TryGetValue(name, out var type))
        {
            return type;
        }
        if (BuiltInScalars.Get(name) is { } builtIn)
        {
            return builtIn;
        }
        var candidates = BuiltInScalars.All.Select(s => s.Name).Concat(IntrospectionNames.TypeNames).Concat(_typeDefs.Keys);
        Report($"Unknown type \"{name}\"." + SuggestionList.DidYouMean(SuggestionList.List(name, candidates)), node);
        // A stand-in keeps the build going so that every problem is reported; the build fails anyway.
        return BuiltInScalars.String;
    }

    private static string? DeprecationReason(IReadOnlyList<DirectiveNode> directives)
    {
        foreach (var d in directives)
        {
            if (d.Name.Value == "deprecated")
            {
                return StringArgument([d], "deprecated", "reason") ?? BuiltInDirectives.DefaultDeprecationReason;
            }
        }
        return null;
    }

    private static string? StringArgument(IReadOnlyList<DirectiveNode> directives, string directiveName, string argumentName)
    {
        foreach (var d in directives)
        {
            if (d.Name.Value != directiveName)
            {
                continue;
            }
            foreach (var a in d.Arguments)
            {
                if (a.Name.Value == argumentName && a.Value is StringValueNode s)
                {
                    return s.Value;
                }
            }
        }
        return null;
    }

    /// <summary>
    /// Applied directives must be defined, allowed at the location, used once unless repeatable (across a type's
    /// definition and extensions), and given known, unique, required arguments.
    /// </summary>
    private void CheckAppliedDirectives(IEnumerable<IReadOnlyList<DirectiveNode>> directiveLists, DirectiveLocation location)
    {
        var seen = new Dictionary<string, DirectiveNode>(StringComparer.Ordinal);
        foreach (var node in directiveLists.SelectMany(l => l))
        {
            var name = node.Name.Value;
            if (!_directives.TryGetValue(name, out var directive))
            {
                Report($"Unknown directive \"@{name}\".", node);
                continue;
            }
            if (!directive.HasLocation(location))
            {
                Report($"Directive \"@{name}\" may not be used on {location.ToSpecName()}.", node);
            }
            if (!directive.IsRepeatable)
            {
                if (seen.TryGetValue(name, out var first))
                {
                    Report($"The directive \"@{name}\" can only be used once at this location.", first, node);
                }
                else
                {
                    seen[name] = node;
                }
            }
            var argNames = new Dictionary<string, List<ArgumentNode>>(StringComparer.Ordinal);
            foreach (var arg in node.Arguments)
            {
                if (!argNames.TryGetValue(arg.Name.Value, out var same))
                {
                    same = [];
                    argNames[arg.Name.Value] = same;
                }
                same.Add(arg);
                if (!directive.Arguments.Contains(arg.Name.Value))
                {
                    Report($"Unknown argument \"{arg.Name.Value}\" on directive \"@{name}\"."
                        + SuggestionList.DidYouMean(SuggestionList.List(arg.Name.Value, directive.Arguments.Select(a => a.Name))), arg);
                }
            }
            foreach (var (argName, same) in argNames)
            {
                if (same.Count > 1)
                {
                    Report($"There can be only one argument named \"{argName}\".", same.Select(a => (SyntaxNode)a.Name).ToArray());
                }
            }
            foreach (var argDef in directive.Arguments)
            {
                if (argDef.IsRequired && !argNames.ContainsKey(argDef.Name))
                {
                    Report($"Argument \"@{name}({argDef.Name}:)\" of type \"{argDef.Type}\" is required, but it was not provided.", node);
                }
            }
        }
    }

    private void Report(string message, params SyntaxNode?[] nodes) => _errors.Add(GraphQLError.At(message, ErrorCodes.ValidationFailed, nodes));
}
