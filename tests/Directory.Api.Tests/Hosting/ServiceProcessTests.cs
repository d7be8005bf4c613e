using System.Diagnostics;
using System.Net;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;
using Snapshooter.Xunit;

namespace Directory.Api.Tests.Hosting;

/// <summary>
/// The README's promise, checked on the real executable: it starts on an empty folder, creates and fills the SQLite
/// database, answers /health, and Ctrl+C leaves one consistent database file and no lock or journal files. In
/// Production its log is JSON lines with the trace and span ids of the request that wrote them.
/// </summary>
public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "directory-service-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ServiceProcessTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _client.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Starts_on_an_empty_database_loads_the_sample_and_stops_cleanly_on_ctrl_c()
    {
        var database = Path.Combine(_folder, "directory.db");
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        await using var service = ApiProcess.Start("--urls", url, $"--ConnectionStrings:Directory=Data Source={database}");

        using var response = await service.WaitForResponseAsync(_client, url + "/health", TimeSpan.FromSeconds(90));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        // The body load balancers and monitoring read, exactly.
        Snapshot.Match(Newtonsoft.Json.Linq.JToken.Parse(await response.Content.ReadAsStringAsync()));
        service.Output.ShouldContain(url + "/graphql");

        service.Interrupt();
        (await service.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, service.Output);

        System.IO.Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["directory.db"], "no -wal, -shm or -journal file may be left behind");
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Scalar(connection, "PRAGMA integrity_check").ShouldBe("ok");
        // The sample: 617 organisations from the survey folder plus the 42 ICBs of the reference lists.
        Convert.ToInt32(Scalar(connection, "SELECT COUNT(*) FROM organisations"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(659);
    }

    [Fact]
    public async Task Health_answers_503_while_the_database_is_unreachable()
    {
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        var closedPort = ApiProcess.FreePort();
        await using var service = ApiProcess.Start(
            "--urls", url,
            "--Database:Provider=Postgres",
            $"--ConnectionStrings:Directory=Host=127.0.0.1;Port={closedPort};Database=directory;Username=directory;Password=unused;Timeout=2",
            "--Directory:SampleData=false");

        using var response = await service.WaitForResponseAsync(_client, url + "/health", TimeSpan.FromSeconds(90));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, service.Output);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        health.RootElement.GetProperty("status").GetString().ShouldBe("Unhealthy");
        health.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeFalse();
        health.RootElement.GetProperty("database").GetProperty("provider").GetString().ShouldBe("Postgres");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Password");
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }

    [Fact]
    public async Task Log_lines_are_json_with_the_requests_trace_and_span_ids_and_no_variables()
    {
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        await using var service = ApiProcess.Start(
            "--urls", url,
            $"--ConnectionStrings:Directory=Data Source={Path.Combine(_folder, "directory.db")}",
            // A category that logs every request, so that there is a line to read; and the one that would write the
            // query string (with a GET's variables) if the service let it.
            "--Logging:LogLevel:Microsoft.AspNetCore.Routing=Information",
            "--Logging:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Information");
        // Generous: the sample load before the service listens is slow on a busy machine.
        using var health = await service.WaitForResponseAsync(_client, url + "/health", TimeSpan.FromSeconds(240));
        health.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);

        var traceId = ActivityTraceId.CreateRandom().ToHexString();
        var query = Uri.EscapeDataString("query LogProbe($code: String!) { organisation(code: $code) { name } }");
        var variables = Uri.EscapeDataString("""{"code":"secret-variable-value"}""");
        var status = await GetWithTraceParentAsync(new Uri($"{url}/graphql?query={query}&variables={variables}"), $"00-{traceId}-{ActivitySpanId.CreateRandom().ToHexString()}-01");
        status.ShouldBe("HTTP/1.1 200 OK");

        JsonElement? line = null;
        for (var attempt = 0; attempt < 100 && line is null; attempt++)
        {
            // As nullable: FirstOrDefault over JsonElement itself would give an empty element, never null, and end the wait.
            line = JsonLines(service.Output).Where(l => TraceIdOf(l) == traceId).Select(l => (JsonElement?)l).FirstOrDefault();
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

    /// <summary>
    /// A GET written on a socket, carrying exactly the <c>traceparent</c> given; returns the status line. Not through
    /// HttpClient: while OpenTelemetry listens anywhere in the test process (other tests' services), its HttpClient
    /// instrumentation adds a trace context of its own to every outgoing request, and the service then no longer sees
    /// this one (seen in the full run only).
    /// </summary>
    private static async Task<string> GetWithTraceParentAsync(Uri uri, string traceParent)
    {
        using var tcp = new System.Net.Sockets.TcpClient();
        await tcp.ConnectAsync(uri.Host, uri.Port);
        await using var stream = tcp.GetStream();
        var request = $"GET {uri.PathAndQuery} HTTP/1.1\r\nHost: {uri.Authority}\r\ntraceparent: {traceParent}\r\nConnection: close\r\n\r\n";
        await stream.WriteAsync(System.Text.Encoding.ASCII.GetBytes(request));
        using var reader = new StreamReader(stream, System.Text.Encoding.ASCII);
        var statusLine = await reader.ReadLineAsync() ?? "";
        await reader.ReadToEndAsync(); // the whole answer, so the request has ended (and logged) on the service's side
        return statusLine;
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
