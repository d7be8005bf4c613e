using System.Text.Json.Nodes;
using BenchmarkDotNet.Attributes;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Tests.Conformance;
using Directory.GraphQL.Types;
using Directory.GraphQL.Validation;

namespace Directory.GraphQL.Benchmarks;

/// <summary>
/// The engine's phases on the small, medium and large documents of bench/documents, over the conformance test
/// schema and fixture — the same work bench/graphql-js/bench.mjs gives graphql-js.
/// <list type="bullet">
/// <item>Parse: <c>Parser.Parse</c> of the document text.</item>
/// <item>Validate: the specification's rules (graphql-js specifiedRules) on the parsed document.</item>
/// <item>Execute: a request whose document is already in the executor's cache (parsed, validated and planned by an
/// earlier request), so only execution and result building run — what a warm server does.</item>
/// <item>ParseValidateExecute: parse, then execute the document through the uncached path, which validates it,
/// plans the operation and executes it — a cold request.</item>
/// </list>
/// Every execution gets the same read-only fixture store (the documents are queries; nothing is mutated).
/// </summary>
[MemoryDiagnoser]
public class EngineBenchmarks
{
    private static readonly ValidationOptions SpecRules = ValidationOptions.SpecOnly;

    private string _source = "";
    private DocumentNode _document = null!;
    private Schema _schema = null!;
    private RequestExecutor _executor = null!;
    private ConformanceStore _store = null!;
    private GraphQLRequest _request = null!;

    [Params("small", "medium", "large")]
    public string Document { get; set; } = "small";

    [GlobalSetup]
    public void Setup()
    {
        var root = FindRepositoryRoot();
        _source = File.ReadAllText(Path.Combine(root, "bench", "documents", Document + ".graphql"));
        _document = Parser.Parse(_source);
        _schema = ConformanceFixture.BuildSchema(File.ReadAllText(Path.Combine(root, "tests", "conformance", "schema", "test-schema.graphql")));
        _executor = new RequestExecutor(_schema, new ExecutorOptions
        {
            Validate = (schema, document) => DocumentValidator.Validate(schema, document, SpecRules),
        });
        _store = new ConformanceStore(JsonNode.Parse(File.ReadAllText(Path.Combine(root, "tests", "conformance", "execution", "fixture.json")))!.AsObject());
        _request = new GraphQLRequest(_source);

        var errors = DocumentValidator.Validate(_schema, _document, SpecRules);
        if (errors.Count > 0)
        {
            throw new InvalidOperationException($"{Document}.graphql is invalid: {errors[0].Message}");
        }
        var result = _executor.ExecuteAsync(_request, _store).GetAwaiter().GetResult();
        if (result.Errors.Count > 0 || !result.HasData)
        {
            throw new InvalidOperationException($"{Document}.graphql must execute without errors: {result.ToJson()}");
        }
    }

    [Benchmark]
    public object Parse() => Parser.Parse(_source); // object: the AST type is internal to the engine

    [Benchmark]
    public int Validate() => DocumentValidator.Validate(_schema, _document, SpecRules).Count;

    [Benchmark]
    public ExecutionResult Execute() => _executor.ExecuteAsync(_request, _store).GetAwaiter().GetResult();

    [Benchmark]
    public ExecutionResult ParseValidateExecute() =>
        _executor.ExecuteAsync(Parser.Parse(_source), services: _store).GetAwaiter().GetResult();

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.sln")))
            {
                return folder.FullName;
            }
        }
        for (var folder = new DirectoryInfo(Environment.CurrentDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.sln")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException("Run the benchmarks from inside the repository.");
    }
}
