using System.Buffers;
using System.Text.Json;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Tests.Conformance;
using Directory.GraphQL.Types;
using Directory.GraphQL.Validation;

namespace Directory.GraphQL.Benchmarks;

/// <summary>Our engine (src/Directory.GraphQL) over the conformance schema and resolvers (ConformanceFixture).</summary>
internal sealed class OurEngine : IBenchmarkedEngine
{
    // The specification's rules only, as graphql-js's specifiedRules and GraphQL.NET's CoreRules.
    private static readonly ValidationOptions SpecRules = ValidationOptions.SpecOnly;

    // DIRECTORY_GRAPHQL_TREE=1 runs our engine with every value completed into the result tree (no JSON written
    // straight from the plan), so the two paths can be timed against each other in one build.
    private static readonly bool WritesJsonDirectly = Environment.GetEnvironmentVariable("DIRECTORY_GRAPHQL_TREE") != "1";

    // DIRECTORY_GRAPHQL_MINRUN=N starts the direct writer only on sub-trees of at least N values (the engine's default
    // otherwise), so that thresholds can be compared in one build.
    private static readonly int MinimumWrittenRun = int.TryParse(Environment.GetEnvironmentVariable("DIRECTORY_GRAPHQL_MINRUN"), out var run)
        ? run
        : ExecutorOptions.DefaultMinimumWrittenRun;

    private readonly Schema _schema;
    private readonly RequestExecutor _executor;
    private readonly RequestExecutor _unvalidated;
    private readonly ConformanceStore _store;
    private readonly string _source;
    private readonly DocumentNode _document;
    private readonly GraphQLRequest _request;
    private readonly ArrayBufferWriter<byte> _output = new(64 * 1024);
    private readonly Utf8JsonWriter _writer;

    public OurEngine(string sdl, ConformanceStore store, string source)
        : this(sdl, store, source, WritesJsonDirectly)
    {
    }

    public OurEngine(string sdl, ConformanceStore store, string source, bool writesJsonDirectly)
    {
        _store = store;
        _source = source;
        _schema = ConformanceFixture.BuildSchema(sdl);
        _executor = new RequestExecutor(_schema, new ExecutorOptions
        {
            Validate = (schema, document) => DocumentValidator.Validate(schema, document, SpecRules),
            WriteJsonDirectly = writesJsonDirectly,
            MinimumWrittenRun = MinimumWrittenRun,
        });
        // Executing an already parsed document validates it; for a document known to be valid that step is
        // skipped, as GraphQL.NET skips it for a cached document and graphql-js's execute() never validates.
        _unvalidated = new RequestExecutor(_schema, new ExecutorOptions { Validate = (_, _) => [], WriteJsonDirectly = writesJsonDirectly, MinimumWrittenRun = MinimumWrittenRun });
        _document = Parser.Parse(source);
        _request = new GraphQLRequest(source);
        _writer = new Utf8JsonWriter(_output, new JsonWriterOptions { SkipValidation = true });
    }

    public string Name => "Ours";

    public object Parse() => Parser.Parse(_source);

    public int Validate() => DocumentValidator.Validate(_schema, _document, SpecRules).Count;

    public ReadOnlyMemory<byte> ExecuteDocument() => Write(_unvalidated.ExecuteAsync(_document, services: _store));

    /// <summary>The document and its operation plan come from the executor's caches (filled by an earlier request).</summary>
    public ReadOnlyMemory<byte> WarmRequest() => Write(_executor.ExecuteAsync(_request, _store));

    /// <summary>The uncached path: validate and plan the freshly parsed document, then execute it.</summary>
    public ReadOnlyMemory<byte> ColdRequest() => Write(_executor.ExecuteAsync(Parser.Parse(_source), services: _store));

    private ReadOnlyMemory<byte> Write(Task<ExecutionResult> execution)
    {
        var result = execution.GetAwaiter().GetResult();
        _output.ResetWrittenCount();
        _writer.Reset(_output);
        result.WriteTo(_writer);
        _writer.Flush();
        return _output.WrittenMemory;
    }
}
