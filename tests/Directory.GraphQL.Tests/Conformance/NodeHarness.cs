using System.Diagnostics;
using System.Text;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// Runs the Node scripts of <c>tests/conformance</c> (graphql-js, the reference implementation). Finds the repository
/// from the test assembly's location, finds <c>node</c> on the PATH (or through the NODE environment variable) and,
/// the first time a script is needed, runs <c>npm ci</c> when <c>tests/conformance/node_modules</c> is missing.
/// </summary>
public static class NodeHarness
{
    private static readonly Lazy<string> LazyRepositoryRoot = new(FindRepositoryRoot);
    private static readonly Lazy<Task> DependenciesInstalled = new(InstallDependenciesAsync);
    private static readonly TimeSpan ScriptTimeout = TimeSpan.FromSeconds(120);

    public static string RepositoryRoot => LazyRepositoryRoot.Value;

    /// <summary>The harness folder, <c>tests/conformance</c>.</summary>
    public static string HarnessRoot => Path.Combine(RepositoryRoot, "tests", "conformance");

    public static string HarnessFile(params string[] parts) => Path.Combine([HarnessRoot, .. parts]);

    /// <summary>Runs <c>node script args…</c> in the harness folder and returns its standard output.</summary>
    public static async Task<string> RunScriptAsync(string script, params string[] arguments)
    {
        await DependenciesInstalled.Value;
        return await RunAsync(FindExecutable("NODE", "node"), [script, .. arguments]);
    }

    private static async Task InstallDependenciesAsync()
    {
        if (System.IO.Directory.Exists(HarnessFile("node_modules", "graphql")))
        {
            return;
        }
        await RunAsync(FindExecutable("NPM", "npm"), ["ci", "--no-audit", "--no-fund"]);
    }

    private static async Task<string> RunAsync(string executable, IReadOnlyList<string> arguments)
    {
        var start = new ProcessStartInfo(executable)
        {
            WorkingDirectory = HarnessRoot,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)
            ?? throw new InvalidOperationException($"Could not start {executable}.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(ScriptTimeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            throw new TimeoutException($"{executable} {string.Join(' ', arguments)} did not finish within {ScriptTimeout}.");
        }
        if (process.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{executable} {string.Join(' ', arguments)} exited with {process.ExitCode}:\n{await error}");
        }
        return await output;
    }

    /// <summary>An executable named by an environment variable, else the first match on the PATH.</summary>
    private static string FindExecutable(string environmentVariable, string name)
    {
        var configured = Environment.GetEnvironmentVariable(environmentVariable);
        if (!string.IsNullOrEmpty(configured))
        {
            return configured;
        }
        var names = OperatingSystem.IsWindows() ? new[] { name + ".exe", name + ".cmd" } : [name];
        foreach (var folder in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator))
        {
            foreach (var candidate in names)
            {
                var path = Path.Combine(folder, candidate);
                if (File.Exists(path))
                {
                    return path;
                }
            }
        }
        throw new FileNotFoundException(
            $"'{name}' was not found on the PATH; install Node.js 20+ or set {environmentVariable} to its path.");
    }

    private static string FindRepositoryRoot()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, "Directory.sln"))
                && System.IO.Directory.Exists(Path.Combine(folder.FullName, "tests", "conformance")))
            {
                return folder.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No repository root (Directory.sln) above {AppContext.BaseDirectory}.");
    }
}
