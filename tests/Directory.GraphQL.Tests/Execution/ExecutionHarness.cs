using System.Text.Json;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Builds schemas from SDL and runs queries through the real pipeline (parser, validator, executor).</summary>
internal static class ExecutionHarness
{
    public static Schema BuildSchema(string sdl, Action<SchemaBuilder>? configure = null)
    {
        var builder = SchemaBuilder.FromDocument(Parser.Parse(sdl));
        configure?.Invoke(builder);
        return builder.Build(BuildOptions.TypesOnly);
    }

    public static RequestExecutor Executor(Schema schema, ExecutorOptions? options = null) =>
        new(schema, options ?? new ExecutorOptions { ExposeExceptionMessages = true });

    public static GraphQLRequest Request(string query, string? variablesJson = null, string? operationName = null, string? extensionsJson = null) => new()
    {
        Query = query,
        OperationName = operationName,
        Variables = variablesJson is null ? null : GraphQLRequest.VariablesFromJson(JsonDocument.Parse(variablesJson).RootElement),
        Extensions = extensionsJson is null ? null : GraphQLRequest.VariablesFromJson(JsonDocument.Parse(extensionsJson).RootElement),
    };

    public static Task<ExecutionResult> ExecuteAsync(
        Schema schema,
        string query,
        string? variablesJson = null,
        string? operationName = null,
        ExecutorOptions? options = null,
        CancellationToken cancellationToken = default) =>
        Executor(schema, options).ExecuteAsync(Request(query, variablesJson, operationName), null, cancellationToken);

    public static async Task<string> ExecuteJsonAsync(
        Schema schema,
        string query,
        string? variablesJson = null,
        string? operationName = null,
        ExecutorOptions? options = null) =>
        (await ExecuteAsync(schema, query, variablesJson, operationName, options)).ToJson();

    /// <summary>Binds a resolver that completes at once or, when <paramref name="later"/>, only after a yield to the scheduler.</summary>
    public static void Resolve(SchemaBuilder builder, bool later, string type, string field, Func<ResolverContext, object?> resolve)
    {
        if (later)
        {
            builder.Resolve(type, field, async c =>
            {
                await Task.Yield();
                return resolve(c);
            });
        }
        else
        {
            builder.Resolve(type, field, resolve);
        }
    }

    /// <summary>
    /// The bytes this thread allocates for one warm request (run once before, so its document and plan are cached),
    /// which must succeed without errors.
    /// </summary>
    public static long WarmRequestAllocation(RequestExecutor executor, GraphQLRequest request)
    {
        executor.ExecuteAsync(request).GetAwaiter().GetResult();
        var before = GC.GetAllocatedBytesForCurrentThread();
        var result = executor.ExecuteAsync(request).GetAwaiter().GetResult();
        var allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        result.Errors.ShouldBeEmpty();
        return allocated;
    }

    /// <summary>Compact JSON of a JSON text written with single quotes for readability.</summary>
    public static string Json(string singleQuoted) =>
        JsonSerializer.Serialize(JsonDocument.Parse(singleQuoted.Replace('\'', '"')).RootElement);
}
