using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Foundation;

/// <summary>
/// The executable in Production writes its log as JSON lines on the console, each line written during a request
/// carrying that request's trace and span ids, and no line carrying a variable.
/// </summary>
public sealed class ProductionLogTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "directory-logs-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ProductionLogTests() => System.IO.Directory.CreateDirectory(folder);

    public void Dispose()
    {
        client.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Log_lines_are_json_with_the_requests_trace_and_span_ids_and_no_variables()
    {
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        await using var service = ApiProcess.Start(
            "--urls", url,
            $"--ConnectionStrings:Directory=Data Source={Path.Combine(folder, "directory.db")}",
            // A category that logs every request, so that there is a line to read; and the one that would write the
            // query string (with a GET's variables) if the service let it.
            "--Logging:LogLevel:Microsoft.AspNetCore.Routing=Information",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        // Generous: the sample load before the service listens is slow on a busy machine.
        using var health = await service.WaitForResponseAsync(client, url + "/health", TimeSpan.FromSeconds(240));
        health.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var query = Uri.EscapeDataString("query LogProbe($code: String!) { organisation(code: $code) { name } }");
        var variables = Uri.EscapeDataString("""{"code":"secret-variable-value"}""");
        using var request = new HttpRequestMessage(HttpMethod.Get, $"{url}/graphql?query={query}&variables={variables}");
        request.Headers.Add("traceparent", $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        using var response = await client.SendAsync(request);
        response.StatusCode.ShouldBe(HttpStatusCode.OK);

        JsonElement? line = null;
        for (var attempt = 0; attempt < 100 && line is null; attempt++)
        {
            line = JsonLines(service.Output).FirstOrDefault(l => TraceIdOf(l) == traceId);
            if (line is null)
            {
                await Task.Delay(100);
            }
        }
        line.ShouldNotBeNull($"no JSON log line with trace id {traceId}:\n{service.Output}");
        line.Value.GetProperty("LogLevel").GetString().ShouldNotBeNullOrEmpty();
        line.Value.GetProperty("Timestamp").GetString().ShouldNotBeNullOrEmpty();
        Scope(line.Value, "SpanId").ShouldNotBeNull().Length.ShouldBe(16);

        service.Output.ShouldNotContain("secret-variable-value");
        // Every line the service wrote is one JSON object.
        foreach (var text in service.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            Should.NotThrow(() => JsonDocument.Parse(text), text);
        }
    }

    private static IEnumerable<JsonElement> JsonLines(string output)
    {
        foreach (var text in output.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries))
        {
            if (text.StartsWith('{'))
            {
                yield return JsonDocument.Parse(text).RootElement.Clone();
            }
        }
    }

    private static string? TraceIdOf(JsonElement line) => Scope(line, "TraceId");

    private static string? Scope(JsonElement line, string name)
    {
        if (!line.TryGetProperty("Scopes", out var scopes))
        {
            return null;
        }
        foreach (var scope in scopes.EnumerateArray())
        {
            if (scope.ValueKind == JsonValueKind.Object && scope.TryGetProperty(name, out var value))
            {
                return value.GetString();
            }
        }
        return null;
    }
}
