using System.Collections.Concurrent;
using Directory.GraphQL.Tests.Conformance;
using GraphQL;
using GraphQL.DI;
using GraphQL.Execution;
using GraphQL.Instrumentation;
using GraphQL.Resolvers;
using GraphQL.SystemTextJson;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;

namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// GraphQL.NET 8.8.5, schema-first from the same SDL, with the very resolver functions our engine runs
/// (<see cref="ConformanceFixture.Resolvers"/>); every other field reads its parent's dictionary entry, as our
/// dictionary binding and graphql-js's default resolver do. Results are written with GraphQL.SystemTextJson.
/// </summary>
internal sealed class GraphQLNetEngine : IBenchmarkedEngine
{
    // Custom scalars pass values through unchanged, as graphql-js's buildSchema and our engine treat scalars that
    // have no binding; GraphQL.NET would otherwise map DateTime to its own type and reformat the fixture's strings.
    private static readonly string[] PassThroughScalars = ["DateTime", "Date", "URL", "PostCode"];

    private readonly Schema _schema;
    private readonly DocumentExecuter _executer;
    private readonly GraphQLDocumentBuilder _documentBuilder = new();
    private readonly DocumentValidator _validator = new();
    private readonly GraphQLSerializer _serializer = new();
    private readonly MemoryStream _output = new();
    private readonly ConformanceStore _store;
    private readonly string _source;
    private readonly GraphQLDocument _document;
    private readonly GraphQLOperationDefinition _operation;

    public GraphQLNetEngine(string sdl, ConformanceStore store, string source)
    {
        _store = store;
        _source = source;
        _schema = BuildSchema(sdl);
        // The document cache's hit path only (see RequestDocumentCache); a cold request gets an executer without it.
        _executer = new DocumentExecuter(new GraphQLDocumentBuilder(), new DocumentValidator(), new DefaultExecutionStrategySelector(), [new RequestDocumentCache()]);
        _document = _documentBuilder.Build(source);
        _operation = _document.Definitions.OfType<GraphQLOperationDefinition>().Single();
    }

    public string Name => "GraphQL.NET";

    public object Parse() => _documentBuilder.Build(_source);

    public int Validate()
    {
        var result = _validator.ValidateAsync(new ValidationOptions
        {
            Schema = _schema,
            Document = _document,
            Operation = _operation,
            Rules = DocumentValidator.CoreRules,
            UserContext = new Dictionary<string, object?>(),
            Metrics = Metrics.None,
            Variables = Inputs.Empty,
            Extensions = Inputs.Empty,
            RequestServices = _store,
        }).GetAwaiter().GetResult();
        return result.Errors.Count;
    }

    /// <summary>The parsed document handed in with no validation rules — exactly what a document-cache hit does.</summary>
    public ReadOnlyMemory<byte> ExecuteDocument() => Write(new ExecutionOptions
    {
        Schema = _schema,
        Document = _document,
        ValidationRules = [],
        RequestServices = _store,
    }, ColdExecuter);

    public ReadOnlyMemory<byte> WarmRequest() => Write(new ExecutionOptions
    {
        Schema = _schema,
        Query = _source,
        RequestServices = _store,
    }, _executer);

    public ReadOnlyMemory<byte> ColdRequest() => Write(new ExecutionOptions
    {
        Schema = _schema,
        Query = _source,
        RequestServices = _store,
    }, ColdExecuter);

    private static DocumentExecuter ColdExecuter { get; } = new();

    private ReadOnlyMemory<byte> Write(ExecutionOptions options, DocumentExecuter executer)
    {
        var result = executer.ExecuteAsync(options).GetAwaiter().GetResult();
        _output.SetLength(0);
        _serializer.WriteAsync(_output, result).GetAwaiter().GetResult();
        return _output.GetBuffer().AsMemory(0, (int)_output.Length);
    }

    private static Schema BuildSchema(string sdl)
    {
        Schema? built = null;
        var schema = Schema.For(sdl, builder =>
        {
            var bound = new HashSet<(string, string)>();
            foreach (var (typeName, fieldName, resolve) in ConformanceFixture.Resolvers)
            {
                builder.Types.For(typeName).FieldFor(fieldName).Resolver = new TableResolver(resolve);
                bound.Add((typeName, fieldName));
            }
            var document = GraphQLParser.Parser.Parse(sdl);
            foreach (var definition in document.Definitions)
            {
                switch (definition)
                {
                    case GraphQLObjectTypeDefinition { Name.StringValue: "Subscription" } subscription:
                        // GraphQL.NET refuses a schema whose subscription fields have no source stream; the
                        // benchmark documents are queries, so none is ever asked for.
                        foreach (var field in subscription.Fields?.Items ?? [])
                        {
                            builder.Types.For("Subscription").FieldFor(field.Name.StringValue).StreamResolver = new NoSourceStream();
                        }
                        break;
                    case GraphQLObjectTypeDefinition type:
                        foreach (var field in type.Fields?.Items ?? [])
                        {
                            if (!bound.Contains((type.Name.StringValue, field.Name.StringValue)))
                            {
                                builder.Types.For(type.Name.StringValue).FieldFor(field.Name.StringValue).Resolver = new EntryResolver(field.Name.StringValue, ResultCoercion(field.Type));
                            }
                        }
                        break;
                    case GraphQLInterfaceTypeDefinition or GraphQLUnionTypeDefinition:
                        // The fixture's entries carry __typename, which is how graphql-js's default resolveType and
                        // our engine pick the concrete type too.
                        var name = ((GraphQLTypeDefinition)definition).Name.StringValue;
                        builder.Types.For(name).ResolveType = value =>
                            (IObjectGraphType)built!.AllTypes[(string)((Dictionary<string, object?>)value)["__typename"]!]!;
                        break;
                }
            }
        });
        foreach (var scalar in PassThroughScalars)
        {
            schema.RegisterType(new PassThroughScalar(scalar));
        }
        built = schema;
        schema.Initialize();
        return schema;
    }

    /// <summary>One of the shared conformance resolvers, called with the request's store, parent and arguments.</summary>
    private sealed class TableResolver(Func<FieldCall, object?> resolve) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context)
        {
            var arguments = context.Arguments is { Count: > 0 } given
                ? given.ToDictionary(p => p.Key, p => p.Value.Value)
                : EmptyArguments;
            var store = (ConformanceStore)context.RequestServices!;
            return new(resolve(new FieldCall(store, context.Source, arguments)));
        }

        private static readonly Dictionary<string, object?> EmptyArguments = [];
    }

    /// <summary>A field read from its parent's dictionary entry (GraphQL.NET's own default reads CLR properties).</summary>
    private sealed class EntryResolver(string fieldName, Func<object?, object?> coerce) : IFieldResolver
    {
        public ValueTask<object?> ResolveAsync(IResolveFieldContext context) =>
            new(coerce(((Dictionary<string, object?>)context.Source!).GetValueOrDefault(fieldName)));
    }

    private sealed class NoSourceStream : ISourceStreamResolver
    {
        public ValueTask<IObservable<object?>> ResolveAsync(IResolveFieldContext context) =>
            throw new NotSupportedException("The engine benchmarks run queries only.");
    }

    private sealed class PassThroughScalar : ScalarGraphType
    {
        public PassThroughScalar(string name)
        {
            Name = name;
        }

        public override object? ParseValue(object? value) => value;

        public override object? Serialize(object? value) => value;
    }

    // Result coercion as graphql-js and our engine do it, which the specification allows ("may coerce non-integer
    // internal values ... when reasonable without losing information"): the fixture holds a few values of the wrong
    // JSON type on purpose ("15" places, "98000" income, 700007 as a code, 1 as open), which GraphQL.NET's
    // built-in scalars refuse. GraphQL.NET 8 keeps its own Int, Float, String and Boolean even when a scalar of
    // that name is registered, so the dictionary read converts such values before the scalar sees them; values of
    // the right type pass through untouched.
    private static Func<object?, object?> ResultCoercion(GraphQLType type) => type switch
    {
        GraphQLNonNullType nonNull => ResultCoercion(nonNull.Type),
        GraphQLNamedType { Name.StringValue: "Int" } => value =>
            NumberIn(value) is { } number && number == Math.Floor(number) && number is >= int.MinValue and <= int.MaxValue ? (int)number : value,
        GraphQLNamedType { Name.StringValue: "Float" } => value => NumberIn(value) ?? value,
        GraphQLNamedType { Name.StringValue: "String" } => value => value switch
        {
            int or long => Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture),
            bool flag => flag ? "true" : "false",
            _ => value,
        },
        GraphQLNamedType { Name.StringValue: "Boolean" } => value => value switch
        {
            int number => number != 0,
            long number => number != 0,
            _ => value,
        },
        _ => value => value,
    };

    private static double? NumberIn(object? value) =>
        value is string text && double.TryParse(text, System.Globalization.NumberStyles.Float, System.Globalization.CultureInfo.InvariantCulture, out var number)
            ? number
            : null;

    /// <summary>
    /// GraphQL.MemoryCache's MemoryDocumentCache, which our package mirror does not carry, reduced to what it does
    /// on a hit (set the cached document and clear the validation rules, since it caches only documents that
    /// validated) over a dictionary instead of an IMemoryCache. A warm request goes through this.
    /// </summary>
    private sealed class RequestDocumentCache : IConfigureExecution
    {
        private readonly ConcurrentDictionary<string, GraphQLDocument> _documents = new(StringComparer.Ordinal);

        public float SortOrder => 200;

        public async Task<ExecutionResult> ExecuteAsync(ExecutionOptions options, ExecutionDelegate next)
        {
            if (options.Query is null)
            {
                return await next(options).ConfigureAwait(false);
            }
            var hit = _documents.TryGetValue(options.Query, out var document);
            if (hit)
            {
                options.Document = document;
                options.ValidationRules = [];
            }
            var result = await next(options).ConfigureAwait(false);
            if (!hit && result.Executed && result.Document is not null)
            {
                _documents[options.Query] = result.Document;
            }
            return result;
        }
    }
}
