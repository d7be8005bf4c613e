using System.Runtime.CompilerServices;
using Directory.GraphQL.Errors;

namespace Directory.GraphQL.Language;

/// <summary>
/// Parses GraphQL source text (spec §2 executable documents and §3 type system documents) into the AST.
/// Every failure is a <see cref="GraphQLError"/> with code <see cref="ErrorCodes.SyntaxError"/> (or a limit code)
/// whose message matches graphql-js's.
/// </summary>
internal static class Parser
{
    public static DocumentNode Parse(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new ParserCore(source, options ?? ParserOptions.Default);
        try
        {
            return parser.ParseDocument();
        }
        finally
        {
            parser.Release();
        }
    }

    /// <summary>Parses a single value literal, variables allowed (graphql-js `parseValue`).</summary>
    public static ValueNode ParseValue(string source, ParserOptions? options = null) => ParseValue(source, false, options);

    /// <summary>Parses a single constant value literal: a variable is a syntax error (graphql-js `parseConstValue`).</summary>
    public static ValueNode ParseConstValue(string source, ParserOptions? options = null) => ParseValue(source, true, options);

    /// <summary>Parses a type reference such as <c>[String!]!</c> (graphql-js `parseType`).</summary>
    public static TypeNode ParseType(string source, ParserOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new ParserCore(source, options ?? ParserOptions.Default);
        try
        {
            parser.Expect(TokenKind.StartOfFile);
            var type = parser.ParseTypeReference();
            parser.Expect(TokenKind.EndOfFile);
            return type;
        }
        finally
        {
            parser.Release();
        }
    }

    private static ValueNode ParseValue(string source, bool isConst, ParserOptions? options)
    {
        ArgumentNullException.ThrowIfNull(source);
        var parser = new ParserCore(source, options ?? ParserOptions.Default);
        try
        {
            parser.Expect(TokenKind.StartOfFile);
            var value = parser.ParseValueLiteral(isConst);
            parser.Expect(TokenKind.EndOfFile);
            return value;
        }
        finally
        {
            parser.Release();
        }
    }
}

/// <summary>
/// The recursive-descent parser, one method per grammar production as in graphql-js `parser.ts`. It is a ref struct
/// holding the lexer inline; child lists are gathered on one shared scratch stack and copied into exact-size arrays.
/// </summary>
internal ref struct ParserCore
{
    private Lexer _lexer;
    private readonly int _maxTokens;
    private readonly int _maxDepth;
    private readonly bool _noLocation;
    private int _tokenCount;
    private int _depth;
    private int _lastEnd;
    private SyntaxNode[] _stack;
    private int _stackCount;
    private readonly ParserThreadCache _cache;

    public ParserCore(ReadOnlySpan<char> source, ParserOptions options)
    {
        _lexer = new Lexer(source);
        _maxTokens = options.MaxTokens;
        _maxDepth = options.MaxDepth;
        _noLocation = options.NoLocation;
        _cache = ParserThreadCache.Current;
        _stack = _cache.RentStack();
    }

    /// <summary>Returns the scratch stack to the thread cache; call once parsing has finished or failed.</summary>
    public void Release()
    {
        _cache.ReturnStack(_stack, _stackCount);
        _stackCount = 0;
    }

    // ---- Document (§2.2)

    public DocumentNode ParseDocument()
    {
        Expect(TokenKind.StartOfFile);
        var mark = _stackCount;
        do
        {
            Push(ParseDefinition());
        }
        while (!ExpectOptional(TokenKind.EndOfFile));
        var definitions = PopList<DefinitionNode>(mark);
        return new DocumentNode
        {
            Definitions = definitions,
            Location = _noLocation ? null : new Location(0, _lastEnd, 1, 1),
        };
    }

    private DefinitionNode ParseDefinition()
    {
        if (Peek(TokenKind.BraceL))
        {
            return ParseOperationDefinition();
        }
        var hasDescription = PeekDescription();
        var keyword = _lexer;
        if (hasDescription)
        {
            keyword.Advance();
        }
        if (hasDescription && keyword.Kind == TokenKind.BraceL)
        {
            throw Error(_lexer.Start, "Unexpected description, descriptions are not supported on shorthand queries.");
        }
        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.RawSpan)
            {
                case "schema": return ParseSchemaDefinition();
                case "scalar": return ParseScalarTypeDefinition();
                case "type": return ParseObjectTypeDefinition();
                case "interface": return ParseInterfaceTypeDefinition();
                case "union": return ParseUnionTypeDefinition();
                case "enum": return ParseEnumTypeDefinition();
                case "input": return ParseInputObjectTypeDefinition();
                case "directive": return ParseDirectiveDefinition();
                case "query" or "mutation" or "subscription": return ParseOperationDefinition();
                case "fragment": return ParseFragmentDefinition();
            }
            if (hasDescription)
            {
                throw Error(_lexer.Start, "Unexpected description, only GraphQL definitions support descriptions.");
            }
            if (keyword.RawSpan is "extend")
            {
                return ParseTypeSystemExtension();
            }
        }
        throw Unexpected(keyword.Start, Describe(keyword));
    }

    // ---- Operations (§2.3)

    private OperationDefinitionNode ParseOperationDefinition()
    {
        var start = Mark();
        if (Peek(TokenKind.BraceL))
        {
            var shorthand = ParseSelectionSet();
            return new OperationDefinitionNode { Operation = OperationType.Query, SelectionSet = shorthand, Location = Loc(start) };
        }
        var description = ParseDescription();
        var operation = ParseOperationType();
        var name = Peek(TokenKind.Name) ? ParseName() : null;
        var variableDefinitions = ParseVariableDefinitions();
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new OperationDefinitionNode
        {
            Description = description,
            Operation = operation,
            Name = name,
            VariableDefinitions = variableDefinitions,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private OperationType ParseOperationType()
    {
        if (_lexer.Kind != TokenKind.Name)
        {
            throw ExpectedError(TokenKind.Name);
        }
        OperationType? operation = _lexer.RawSpan switch
        {
            "query" => OperationType.Query,
            "mutation" => OperationType.Mutation,
            "subscription" => OperationType.Subscription,
            _ => null,
        };
        var tokenStart = _lexer.Start;
        var description = operation is null ? Describe(_lexer) : null;
        Advance();
        return operation ?? throw Unexpected(tokenStart, description!);
    }

    private VariableDefinitionNode[] ParseVariableDefinitions()
    {
        if (!ExpectOptional(TokenKind.ParenL))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            Push(ParseVariableDefinition());
        }
        while (!ExpectOptional(TokenKind.ParenR));
        return PopList<VariableDefinitionNode>(mark);
    }

    private VariableDefinitionNode ParseVariableDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        var variable = ParseVariable();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptional(TokenKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(true);
        return new VariableDefinitionNode
        {
            Description = description,
            Variable = variable,
            Type = type,
            DefaultValue = defaultValue,
            Directives = directives,
            Location = Loc(start),
        };
    }

    private VariableNode ParseVariable()
    {
        var start = Mark();
        Expect(TokenKind.Dollar);
        var name = ParseName();
        return new VariableNode { Name = name, Location = Loc(start) };
    }

    private SelectionSetNode ParseSelectionSet()
    {
        EnterNesting();
        var start = Mark();
        Expect(TokenKind.BraceL);
        var mark = _stackCount;
        do
        {
            Push(ParseSelection());
        }
        while (!ExpectOptional(TokenKind.BraceR));
        var selections = PopList<SelectionNode>(mark);
        _depth--;
        return new SelectionSetNode { Selections = selections, Location = Loc(start) };
    }

    private SelectionNode ParseSelection() => Peek(TokenKind.Spread) ? ParseFragment() : ParseField();

    private FieldNode ParseField()
    {
        var start = Mark();
        var nameOrAlias = ParseName();
        NameNode? alias = null;
        var name = nameOrAlias;
        if (ExpectOptional(TokenKind.Colon))
        {
            alias = nameOrAlias;
            name = ParseName();
        }
        var arguments = ParseArguments(false);
        var directives = ParseDirectives(false);
        var selectionSet = Peek(TokenKind.BraceL) ? ParseSelectionSet() : null;
        return new FieldNode
        {
            Alias = alias,
            Name = name,
            Arguments = arguments,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private ArgumentNode[] ParseArguments(bool isConst)
    {
        if (!ExpectOptional(TokenKind.ParenL))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            var start = Mark();
            var name = ParseName();
            Expect(TokenKind.Colon);
            var value = ParseValueLiteral(isConst);
            Push(new ArgumentNode { Name = name, Value = value, Location = Loc(start) });
        }
        while (!ExpectOptional(TokenKind.ParenR));
        return PopList<ArgumentNode>(mark);
    }

    // ---- Fragments (§2.8)

    private SelectionNode ParseFragment()
    {
        var start = Mark();
        Expect(TokenKind.Spread);
        var hasTypeCondition = ExpectOptionalKeyword("on");
        if (!hasTypeCondition && Peek(TokenKind.Name))
        {
            var name = ParseFragmentName();
            var spreadDirectives = ParseDirectives(false);
            return new FragmentSpreadNode { Name = name, Directives = spreadDirectives, Location = Loc(start) };
        }
        var typeCondition = hasTypeCondition ? ParseNamedType() : null;
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new InlineFragmentNode
        {
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private FragmentDefinitionNode ParseFragmentDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("fragment");
        var name = ParseFragmentName();
        ExpectKeyword("on");
        var typeCondition = ParseNamedType();
        var directives = ParseDirectives(false);
        var selectionSet = ParseSelectionSet();
        return new FragmentDefinitionNode
        {
            Description = description,
            Name = name,
            TypeCondition = typeCondition,
            Directives = directives,
            SelectionSet = selectionSet,
            Location = Loc(start),
        };
    }

    private NameNode ParseFragmentName()
    {
        // graphql-js compares the token's value, so a string "on" is rejected here too.
        if (_lexer.Kind is TokenKind.Name or TokenKind.String or TokenKind.BlockString && _lexer.Value == "on")
        {
            throw Unexpected();
        }
        return ParseName();
    }

    // ---- Values (§2.9)

    public ValueNode ParseValueLiteral(bool isConst)
    {
        var start = Mark();
        switch (_lexer.Kind)
        {
            case TokenKind.BracketL:
                return ParseList(isConst);
            case TokenKind.BraceL:
                return ParseObject(isConst);
            case TokenKind.Int:
                {
                    var value = _lexer.Value!;
                    Advance();
                    return new IntValueNode(value) { Location = Loc(start) };
                }
            case TokenKind.Float:
                {
                    var value = _lexer.Value!;
                    Advance();
                    return new FloatValueNode(value) { Location = Loc(start) };
                }
            case TokenKind.String:
            case TokenKind.BlockString:
                return ParseStringLiteral();
            case TokenKind.Name:
                {
                    switch (_lexer.RawSpan)
                    {
                        case "true":
                            Advance();
                            return new BooleanValueNode(true) { Location = Loc(start) };
                        case "false":
                            Advance();
                            return new BooleanValueNode(false) { Location = Loc(start) };
                        case "null":
                            Advance();
                            return new NullValueNode { Location = Loc(start) };
                        default:
                            var value = _cache.GetName(_lexer.RawSpan);
                            Advance();
                            return new EnumValueNode(value) { Location = Loc(start) };
                    }
                }
            case TokenKind.Dollar:
                if (isConst)
                {
                    Expect(TokenKind.Dollar);
                    if (_lexer.Kind == TokenKind.Name)
                    {
                        throw Error(start.Start, $"Unexpected variable \"${_lexer.Value}\" in constant value.");
                    }
                    throw Unexpected(start.Start, TokenKinds.Describe(TokenKind.Dollar));
                }
                return ParseVariable();
            default:
                throw Unexpected();
        }
    }

    private StringValueNode ParseStringLiteral()
    {
        var start = Mark();
        var block = _lexer.Kind == TokenKind.BlockString;
        var value = _lexer.Value!;
        Advance();
        return new StringValueNode(value, block) { Location = Loc(start) };
    }

    private ListValueNode ParseList(bool isConst)
    {
        EnterNesting();
        var start = Mark();
        Expect(TokenKind.BracketL);
        var mark = _stackCount;
        while (!ExpectOptional(TokenKind.BracketR))
        {
            Push(ParseValueLiteral(isConst));
        }
        var values = PopList<ValueNode>(mark);
        _depth--;
        return new ListValueNode { Values = values, Location = Loc(start) };
    }

    private ObjectValueNode ParseObject(bool isConst)
    {
        EnterNesting();
        var start = Mark();
        Expect(TokenKind.BraceL);
        var mark = _stackCount;
        while (!ExpectOptional(TokenKind.BraceR))
        {
            var fieldStart = Mark();
            var name = ParseName();
            Expect(TokenKind.Colon);
            var value = ParseValueLiteral(isConst);
            Push(new ObjectFieldNode { Name = name, Value = value, Location = Loc(fieldStart) });
        }
        var fields = PopList<ObjectFieldNode>(mark);
        _depth--;
        return new ObjectValueNode { Fields = fields, Location = Loc(start) };
    }

    // ---- Directives (§2.12)

    private DirectiveNode[] ParseDirectives(bool isConst)
    {
        if (!Peek(TokenKind.At))
        {
            return [];
        }
        var mark = _stackCount;
        while (Peek(TokenKind.At))
        {
            var start = Mark();
            Advance();
            var name = ParseName();
            var arguments = ParseArguments(isConst);
            Push(new DirectiveNode { Name = name, Arguments = arguments, Location = Loc(start) });
        }
        return PopList<DirectiveNode>(mark);
    }

    // ---- Type references (§2.11)

    public TypeNode ParseTypeReference()
    {
        var start = Mark();
        TypeNode type;
        if (ExpectOptional(TokenKind.BracketL))
        {
            EnterNesting();
            var inner = ParseTypeReference();
            Expect(TokenKind.BracketR);
            _depth--;
            type = new ListTypeNode { Type = inner, Location = Loc(start) };
        }
        else
        {
            type = ParseNamedType();
        }
        if (ExpectOptional(TokenKind.Bang))
        {
            return new NonNullTypeNode { Type = type, Location = Loc(start) };
        }
        return type;
    }

    private NamedTypeNode ParseNamedType()
    {
        var start = Mark();
        var name = ParseName();
        return new NamedTypeNode { Name = name, Location = Loc(start) };
    }

    // ---- Type system (§3)

    private readonly bool PeekDescription() => _lexer.Kind is TokenKind.String or TokenKind.BlockString;

    private StringValueNode? ParseDescription() => PeekDescription() ? ParseStringLiteral() : null;

    private SchemaDefinitionNode ParseSchemaDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        Expect(TokenKind.BraceL);
        var mark = _stackCount;
        do
        {
            Push(ParseOperationTypeDefinition());
        }
        while (!ExpectOptional(TokenKind.BraceR));
        var operationTypes = PopList<OperationTypeDefinitionNode>(mark);
        return new SchemaDefinitionNode
        {
            Description = description,
            Directives = directives,
            OperationTypes = operationTypes,
            Location = Loc(start),
        };
    }

    private OperationTypeDefinitionNode[] ParseOptionalOperationTypes()
    {
        if (!ExpectOptional(TokenKind.BraceL))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            Push(ParseOperationTypeDefinition());
        }
        while (!ExpectOptional(TokenKind.BraceR));
        return PopList<OperationTypeDefinitionNode>(mark);
    }

    private OperationTypeDefinitionNode ParseOperationTypeDefinition()
    {
        var start = Mark();
        var operation = ParseOperationType();
        Expect(TokenKind.Colon);
        var type = ParseNamedType();
        return new OperationTypeDefinitionNode { Operation = operation, Type = type, Location = Loc(start) };
    }

    private ScalarTypeDefinitionNode ParseScalarTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(true);
        return new ScalarTypeDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) };
    }

    private ObjectTypeDefinitionNode ParseObjectTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("type");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(true);
        var fields = ParseFieldsDefinition();
        return new ObjectTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    private NamedTypeNode[] ParseImplementsInterfaces()
    {
        if (!ExpectOptionalKeyword("implements"))
        {
            return [];
        }
        return ParseDelimitedNamedTypes(TokenKind.Amp);
    }

    private NamedTypeNode[] ParseDelimitedNamedTypes(TokenKind delimiter)
    {
        ExpectOptional(delimiter);
        var mark = _stackCount;
        do
        {
            Push(ParseNamedType());
        }
        while (ExpectOptional(delimiter));
        return PopList<NamedTypeNode>(mark);
    }

    private FieldDefinitionNode[] ParseFieldsDefinition()
    {
        if (!ExpectOptional(TokenKind.BraceL))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            Push(ParseFieldDefinition());
        }
        while (!ExpectOptional(TokenKind.BraceR));
        return PopList<FieldDefinitionNode>(mark);
    }

    private FieldDefinitionNode ParseFieldDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        var name = ParseName();
        var arguments = ParseInputValueDefinitions(TokenKind.ParenL, TokenKind.ParenR);
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var directives = ParseDirectives(true);
        return new FieldDefinitionNode
        {
            Description = description,
            Name = name,
            Arguments = arguments,
            Type = type,
            Directives = directives,
            Location = Loc(start),
        };
    }

    private InputValueDefinitionNode[] ParseInputValueDefinitions(TokenKind open, TokenKind close)
    {
        if (!ExpectOptional(open))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            Push(ParseInputValueDefinition());
        }
        while (!ExpectOptional(close));
        return PopList<InputValueDefinitionNode>(mark);
    }

    private InputValueDefinitionNode ParseInputValueDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        var name = ParseName();
        Expect(TokenKind.Colon);
        var type = ParseTypeReference();
        var defaultValue = ExpectOptional(TokenKind.Equals) ? ParseValueLiteral(true) : null;
        var directives = ParseDirectives(true);
        return new InputValueDefinitionNode
        {
            Description = description,
            Name = name,
            Type = type,
            DefaultValue = defaultValue,
            Directives = directives,
            Location = Loc(start),
        };
    }

    private InterfaceTypeDefinitionNode ParseInterfaceTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("interface");
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(true);
        var fields = ParseFieldsDefinition();
        return new InterfaceTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Interfaces = interfaces,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    private UnionTypeDefinitionNode ParseUnionTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var types = ParseUnionMemberTypes();
        return new UnionTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Types = types,
            Location = Loc(start),
        };
    }

    private NamedTypeNode[] ParseUnionMemberTypes() =>
        ExpectOptional(TokenKind.Equals) ? ParseDelimitedNamedTypes(TokenKind.Pipe) : [];

    private EnumTypeDefinitionNode ParseEnumTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var values = ParseEnumValuesDefinition();
        return new EnumTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Values = values,
            Location = Loc(start),
        };
    }

    private EnumValueDefinitionNode[] ParseEnumValuesDefinition()
    {
        if (!ExpectOptional(TokenKind.BraceL))
        {
            return [];
        }
        var mark = _stackCount;
        do
        {
            var start = Mark();
            var description = ParseDescription();
            if (_lexer.Kind is TokenKind.Name or TokenKind.String or TokenKind.BlockString
                && _lexer.Value is "true" or "false" or "null")
            {
                throw Error(_lexer.Start, $"{Describe(_lexer)} is reserved and cannot be used for an enum value.");
            }
            var name = ParseName();
            var directives = ParseDirectives(true);
            Push(new EnumValueDefinitionNode { Description = description, Name = name, Directives = directives, Location = Loc(start) });
        }
        while (!ExpectOptional(TokenKind.BraceR));
        return PopList<EnumValueDefinitionNode>(mark);
    }

    private InputObjectTypeDefinitionNode ParseInputObjectTypeDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceL, TokenKind.BraceR);
        return new InputObjectTypeDefinitionNode
        {
            Description = description,
            Name = name,
            Directives = directives,
            Fields = fields,
            Location = Loc(start),
        };
    }

    private DirectiveDefinitionNode ParseDirectiveDefinition()
    {
        var start = Mark();
        var description = ParseDescription();
        ExpectKeyword("directive");
        Expect(TokenKind.At);
        var name = ParseName();
        var arguments = ParseInputValueDefinitions(TokenKind.ParenL, TokenKind.ParenR);
        var directives = ParseDirectives(true);
        var repeatable = ExpectOptionalKeyword("repeatable");
        ExpectKeyword("on");
        ExpectOptional(TokenKind.Pipe);
        var mark = _stackCount;
        do
        {
            var locationStart = _lexer.Start;
            var locationDescription = _lexer.Kind == TokenKind.Name ? Describe(_lexer) : null;
            var location = ParseName();
            if (!DirectiveLocations.IsValid(location.Value))
            {
                throw Unexpected(locationStart, locationDescription!);
            }
            Push(location);
        }
        while (ExpectOptional(TokenKind.Pipe));
        var locations = PopList<NameNode>(mark);
        return new DirectiveDefinitionNode
        {
            Description = description,
            Name = name,
            Arguments = arguments,
            Directives = directives,
            Repeatable = repeatable,
            Locations = locations,
            Location = Loc(start),
        };
    }

    // ---- Type system extensions (§3.*)

    private TypeSystemExtensionNode ParseTypeSystemExtension()
    {
        var keyword = _lexer;
        keyword.Advance();
        if (keyword.Kind == TokenKind.Name)
        {
            switch (keyword.RawSpan)
            {
                case "schema": return ParseSchemaExtension();
                case "scalar": return ParseScalarTypeExtension();
                case "type": return ParseObjectTypeExtension();
                case "interface": return ParseInterfaceTypeExtension();
                case "union": return ParseUnionTypeExtension();
                case "enum": return ParseEnumTypeExtension();
                case "input": return ParseInputObjectTypeExtension();
            }
        }
        throw Unexpected(keyword.Start, Describe(keyword));
    }

    private SchemaExtensionNode ParseSchemaExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        ExpectKeyword("schema");
        var directives = ParseDirectives(true);
        var operationTypes = ParseOptionalOperationTypes();
        if (directives.Length == 0 && operationTypes.Length == 0)
        {
            throw Unexpected();
        }
        return new SchemaExtensionNode { Directives = directives, OperationTypes = operationTypes, Location = Loc(start) };
    }

    private ScalarTypeExtensionNode ParseScalarTypeExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        ExpectKeyword("scalar");
        var name = ParseName();
        var directives = ParseDirectives(true);
        if (directives.Length == 0)
        {
            throw Unexpected();
        }
        return new ScalarTypeExtensionNode { Name = name, Directives = directives, Location = Loc(start) };
    }

    private ObjectTypeExtensionNode ParseObjectTypeExtension()
    {
        var start = Mark();
        var (name, interfaces, directives, fields) = ParseFieldsTypeExtension("type");
        return new ObjectTypeExtensionNode { Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    private InterfaceTypeExtensionNode ParseInterfaceTypeExtension()
    {
        var start = Mark();
        var (name, interfaces, directives, fields) = ParseFieldsTypeExtension("interface");
        return new InterfaceTypeExtensionNode { Name = name, Interfaces = interfaces, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    /// <summary>
    /// The grammar <c>extend type</c> and <c>extend interface</c> share: a name, then implemented interfaces,
    /// directives and fields, of which at least one must be present.
    /// </summary>
    private (NameNode Name, NamedTypeNode[] Interfaces, DirectiveNode[] Directives, FieldDefinitionNode[] Fields) ParseFieldsTypeExtension(string keyword)
    {
        ExpectKeyword("extend");
        ExpectKeyword(keyword);
        var name = ParseName();
        var interfaces = ParseImplementsInterfaces();
        var directives = ParseDirectives(true);
        var fields = ParseFieldsDefinition();
        if (interfaces.Length == 0 && directives.Length == 0 && fields.Length == 0)
        {
            throw Unexpected();
        }
        return (name, interfaces, directives, fields);
    }

    private UnionTypeExtensionNode ParseUnionTypeExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        ExpectKeyword("union");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var types = ParseUnionMemberTypes();
        if (directives.Length == 0 && types.Length == 0)
        {
            throw Unexpected();
        }
        return new UnionTypeExtensionNode { Name = name, Directives = directives, Types = types, Location = Loc(start) };
    }

    private EnumTypeExtensionNode ParseEnumTypeExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        ExpectKeyword("enum");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var values = ParseEnumValuesDefinition();
        if (directives.Length == 0 && values.Length == 0)
        {
            throw Unexpected();
        }
        return new EnumTypeExtensionNode { Name = name, Directives = directives, Values = values, Location = Loc(start) };
    }

    private InputObjectTypeExtensionNode ParseInputObjectTypeExtension()
    {
        var start = Mark();
        ExpectKeyword("extend");
        ExpectKeyword("input");
        var name = ParseName();
        var directives = ParseDirectives(true);
        var fields = ParseInputValueDefinitions(TokenKind.BraceL, TokenKind.BraceR);
        if (directives.Length == 0 && fields.Length == 0)
        {
            throw Unexpected();
        }
        return new InputObjectTypeExtensionNode { Name = name, Directives = directives, Fields = fields, Location = Loc(start) };
    }

    // ---- Tokens and helpers

    private NameNode ParseName()
    {
        if (_lexer.Kind != TokenKind.Name)
        {
            throw ExpectedError(TokenKind.Name);
        }
        var start = Mark();
        var value = _cache.GetName(_lexer.RawSpan);
        Advance();
        return new NameNode(value) { Location = Loc(start) };
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private readonly bool Peek(TokenKind kind) => _lexer.Kind == kind;

    public void Expect(TokenKind kind)
    {
        if (_lexer.Kind != kind)
        {
            throw ExpectedError(kind);
        }
        Advance();
    }

    private bool ExpectOptional(TokenKind kind)
    {
        if (_lexer.Kind != kind)
        {
            return false;
        }
        Advance();
        return true;
    }

    private void ExpectKeyword(string keyword)
    {
        if (!_lexer.Is(keyword))
        {
            throw Error(_lexer.Start, $"Expected \"{keyword}\", found {Describe(_lexer)}.");
        }
        Advance();
    }

    private bool ExpectOptionalKeyword(string keyword)
    {
        if (!_lexer.Is(keyword))
        {
            return false;
        }
        Advance();
        return true;
    }

    private void Advance()
    {
        _lastEnd = _lexer.End;
        if (_lexer.Advance() != TokenKind.EndOfFile && ++_tokenCount > _maxTokens)
        {
            throw SyntaxError.Create(_lexer.Source, _lexer.Start,
                $"Document contains more than {_maxTokens} tokens. Parsing aborted.", ErrorCodes.MaxTokensExceeded);
        }
    }

    /// <summary>Counts one more level of nesting; fails before the document can exhaust the limit or the stack.</summary>
    private void EnterNesting()
    {
        if (++_depth > _maxDepth || !RuntimeHelpers.TryEnsureSufficientExecutionStack())
        {
            throw SyntaxError.Create(_lexer.Source, _lexer.Start,
                $"Document exceeds the maximum nesting depth of {_maxDepth}. Parsing aborted.", ErrorCodes.MaxDepthExceeded);
        }
    }

    private readonly TokenStart Mark() => new(_lexer.Start, _lexer.Line, _lexer.Column);

    private readonly Location? Loc(TokenStart start) =>
        _noLocation ? null : new Location(start.Start, _lastEnd, start.Line, start.Column);

    private void Push(SyntaxNode node)
    {
        if (_stackCount == _stack.Length)
        {
            Array.Resize(ref _stack, _stack.Length * 2);
        }
        _stack[_stackCount++] = node;
    }

    private T[] PopList<T>(int mark)
        where T : SyntaxNode
    {
        var count = _stackCount - mark;
        if (count == 0)
        {
            return [];
        }
        var result = new T[count];
        for (var i = 0; i < count; i++)
        {
            result[i] = (T)_stack[mark + i];
            _stack[mark + i] = null!;
        }
        _stackCount = mark;
        return result;
    }

    private readonly GraphQLError ExpectedError(TokenKind kind) =>
        Error(_lexer.Start, $"Expected {TokenKinds.Describe(kind)}, found {Describe(_lexer)}.");

    private readonly GraphQLError Unexpected() => Unexpected(_lexer.Start, Describe(_lexer));

    private readonly GraphQLError Unexpected(int position, string tokenDescription) =>
        Error(position, $"Unexpected {tokenDescription}.");

    private readonly GraphQLError Error(int position, string description) =>
        SyntaxError.Create(_lexer.Source, position, description);

    /// <summary>graphql-js `getTokenDesc`: the kind, then the value in quotes when the token has one.</summary>
    private static string Describe(scoped in Lexer token)
    {
        var kind = TokenKinds.Describe(token.Kind);
        return TokenKinds.HasValue(token.Kind) ? $"{kind} \"{token.Value}\"" : kind;
    }

    private readonly record struct TokenStart(int Start, int Line, int Column);
}
