using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>The document cache (parsed + validated, by query text) and the operation plan cache (LRU).</summary>
public sealed class CacheTests
{
    [Fact]
    public void Lru_cache_evicts_the_least_recently_used_entry()
    {
        var cache = new LruCache<string, int>(3);
        cache.Set("a", 1);
        cache.Set("b", 2);
        cache.Set("c", 3);
        cache.TryGet("a", out _).ShouldBeTrue();
        cache.Set("d", 4);
        cache.TryGet("b", out _).ShouldBeFalse();
        cache.TryGet("a", out var a).ShouldBeTrue();
        a.ShouldBe(1);
        cache.Count.ShouldBe(3);
    }

    [Fact]
    public async Task Valid_documents_are_parsed_and_validated_once()
    {
        var parses = 0;
        var validations = 0;
        var schema = BuildSchema("type Query { a: String }", b => b.Resolve("Query", "a", _ => "A"));
        var executor = new RequestExecutor(schema, new ExecutorOptions
        {
            Parse = text => { parses++; return GraphQL.Language.Parser.Parse(text); },
            Validate = (s, d) => { validations++; return GraphQL.Validation.DocumentValidator.Validate(s, d); },
        });
        for (var i = 0; i < 3; i++)
        {
            (await executor.ExecuteAsync(Request("{ a }"))).ToJson().ShouldBe(Json("{'data':{'a':'A'}}"));
        }
        (await executor.ExecuteAsync(Request("query Q { a } query R { a }", operationName: "R"))).Errors.ShouldBeEmpty();
        (await executor.ExecuteAsync(Request("query Q { a } query R { a }", operationName: "Q"))).Errors.ShouldBeEmpty();
        parses.ShouldBe(2);
        validations.ShouldBe(2);
        executor.CachedDocumentCount.ShouldBe(2);
        executor.CachedPlanCount.ShouldBe(3);
    }

    [Fact]
    public async Task Invalid_documents_are_not_cached()
    {
        var schema = BuildSchema("type Query { a: String }");
        var executor = Executor(schema);
        (await executor.ExecuteAsync(Request("{ a "))).IsRequestError.ShouldBeTrue();
        (await executor.ExecuteAsync(Request("{ b }"))).IsRequestError.ShouldBeTrue();
        executor.CachedDocumentCount.ShouldBe(0);
    }

    [Fact]
    public async Task The_document_cache_is_bounded()
    {
        var schema = BuildSchema("type Query { a: String }", b => b.Resolve("Query", "a", _ => "A"));
        var executor = Executor(schema, new ExecutorOptions { DocumentCacheSize = 2, OperationCacheSize = 2 });
        foreach (var alias in new[] { "x", "y", "z" })
        {
            await executor.ExecuteAsync(Request($"{{ {alias}: a }}"));
        }
        executor.CachedDocumentCount.ShouldBe(2);
        executor.CachedPlanCount.ShouldBe(2);
    }
}
