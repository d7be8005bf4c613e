using System.Diagnostics;
using System.Text.Json;
using Xunit.Abstractions;

namespace Directory.GraphQL.AspNetCore.Tests.Http;

/// <summary>
/// graphql-http's server audits (the GraphQL-over-HTTP working group's reference suite), run by Node against our
/// endpoint on a real loopback socket. Every audit has to pass, the SHOULDs as well as the MUSTs.
/// </summary>
public sealed class GraphQLHttpAuditTests(GraphQLHttpServer server, ITestOutputHelper output) : IClassFixture<GraphQLHttpServer>
{
    [SkippableFact]
    public async Task Every_must_and_should_audit_passes()
    {
        var harness = Path.Combine(RepositoryRoot(), "tests", "conformance");
        Skip.IfNot(System.IO.Directory.Exists(Path.Combine(harness, "node_modules", "graphql-http")),
            "tests/conformance/node_modules is missing: run `npm ci --prefix tests/conformance` (.ci/run does)");

        var start = new ProcessStartInfo("node", ["http-audit.mjs", server.Endpoint.ToString()])
        {
            WorkingDirectory = harness,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = Process.Start(start)!;
        var stdout = await process.StandardOutput.ReadToEndAsync();
        var stderr = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        output.WriteLine(stdout);
        output.WriteLine(stderr);

        var lines = stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries);
        using var summary = JsonDocument.Parse(lines[^1]);
        var errors = lines.Where(l => l.StartsWith("error", StringComparison.Ordinal)).ToList();
        var warnings = lines.Where(l => l.StartsWith("warn", StringComparison.Ordinal))
            .ToList();

        errors.ShouldBeEmpty();
        process.ExitCode.ShouldBe(0);
        summary.RootElement.GetProperty("total").GetInt32().ShouldBeGreaterThan(40);
        warnings.ShouldBeEmpty();
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
