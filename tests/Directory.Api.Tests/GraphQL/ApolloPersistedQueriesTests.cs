using System.Diagnostics;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Xunit.Abstractions;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// Apollo Client 4 and its persisted-queries link (npm <c>@apollo/client</c>, run by Node from <c>tests/clients</c>)
/// against the service on a loopback socket: the link's own fallback from hash to registration, GET by hash, and the
/// only-persisted mode with the dashboard's manifest.
/// </summary>
public sealed class ApolloPersistedQueriesTests(ITestOutputHelper output)
{
    private static readonly string ClientsFolder = Path.Combine(RepositoryRoot(), "tests", "clients");

    [SkippableFact]
    public async Task The_link_falls_back_to_registration_on_PERSISTED_QUERY_NOT_FOUND_and_then_uses_GET_by_hash()
    {
        using var app = new KestrelDirectoryApp();
        var run = await RunAsync(new Uri(app.Start(), "/graphql"));

        var exchanges = run.GetProperty("exchanges").EnumerateArray().ToList();
        var hash = exchanges[0].GetProperty("sentHash").GetString();
        exchanges.Select(Describe).ShouldBe([
            "GET hash 400 no-store PERSISTED_QUERY_NOT_FOUND",
            "POST query+hash 200 - ",
            "GET hash 200 public, max-age=60 ",
            "GET hash 200 public, max-age=60 ",
        ]);
        exchanges.ShouldAllBe(e => e.GetProperty("sentHash").GetString() == hash);

        var outcomes = run.GetProperty("outcomes").EnumerateArray().ToList();
        outcomes.Count.ShouldBe(3);
        foreach (var outcome in outcomes)
        {
            outcome.TryGetProperty("error", out var error).ShouldBeFalse(error.ToString());
            outcome.GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(3);
        }
        outcomes[2].GetProperty("data").GetRawText().ShouldBe(outcomes[0].GetProperty("data").GetRawText());
    }

    [SkippableFact]
    public async Task Only_persisted_the_link_runs_a_dashboard_operation_by_hash_and_gets_its_ad_hoc_query_refused()
    {
        using var app = new KestrelDirectoryApp(new Dictionary<string, string> { ["GraphQL:PersistedOperations:OnlyPersisted"] = "true" });
        var baseAddress = app.Start();
        using var http = new HttpClient();
        var manifest = Path.Combine(Path.GetTempPath(), $"dashboard-operations-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, await http.GetStringAsync(new Uri(baseAddress, "/app/persisted-operations.json")));
        try
        {
            var run = await RunAsync(new Uri(baseAddress, "/graphql"), manifest);

            run.GetProperty("exchanges").EnumerateArray().Select(Describe).ShouldBe([
                "GET hash 200 public, max-age=60 ",
                "GET hash 400 no-store PERSISTED_QUERY_NOT_FOUND",
                "POST query+hash 400 no-store PERSISTED_QUERY_REQUIRED",
            ]);
            var outcomes = run.GetProperty("outcomes").EnumerateArray().ToList();
            outcomes[0].GetProperty("data").GetProperty("surveys")[0].GetProperty("code").GetString().ShouldBe("STADV-2020");
            outcomes[1].GetProperty("codes").EnumerateArray().Select(c => c.GetString()).ShouldBe(["PERSISTED_QUERY_REQUIRED"]);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    private static string Describe(JsonElement exchange) =>
        $"{exchange.GetProperty("method").GetString()} {(exchange.GetProperty("sentQuery").GetBoolean() ? "query+hash" : "hash")} "
        + $"{exchange.GetProperty("status").GetInt32()} {exchange.GetProperty("cacheControl").GetString() ?? "-"} "
        + string.Join(",", exchange.GetProperty("codes").EnumerateArray().Select(c => c.GetString()));

    private async Task<JsonElement> RunAsync(Uri endpoint, string? manifest = null)
    {
        Skip.IfNot(System.IO.Directory.Exists(Path.Combine(ClientsFolder, "node_modules", "@apollo", "client")),
            "tests/clients/node_modules is missing: run `npm ci --prefix tests/clients` (.ci/run does)");
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add("apollo-persisted-queries.mjs");
        start.ArgumentList.Add(endpoint.ToString());
        if (manifest is not null)
        {
            start.ArgumentList.Add(manifest);
        }
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine(await stdout);
        output.WriteLine(stderr);
        process.ExitCode.ShouldBe(0, stderr);
        return JsonDocument.Parse(await stdout).RootElement.Clone();
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
