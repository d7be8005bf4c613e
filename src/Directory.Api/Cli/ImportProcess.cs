using System.Diagnostics;
using System.Globalization;

namespace Directory.Api.Cli;

/// <summary>
/// The <c>import</c> subcommand runs in a child process of its own with the runtime's Dynamic PGO off
/// (<c>DOTNET_TieredPGO=0</c>). PGO instruments hot methods and compiles them again, which pays for itself in the
/// long-running service but is a fifth of a one-shot import's CPU (docs/benchmarks.md, "Data import"). It is a setting
/// read once at start-up, and the service and the subcommands are one executable with one runtimeconfig, so the
/// import starts itself again with the variable set (same arguments, same standard streams) and exits with the
/// child's exit code. A variable the caller set, to any value, is left as it is and nothing is restarted.
/// </summary>
internal static class ImportProcess
{
    public const string TieredPgoVariable = "DOTNET_TieredPGO";

    /// <summary>
    /// How to run <paramref name="args"/> again without PGO, or null to run them in this process: not the import, the
    /// variable already set, or no path to this process's executable.
    /// </summary>
    /// <param name="processPath">This process's executable: the apphost, or the <c>dotnet</c> host.</param>
    /// <param name="entryAssembly">The application's dll, which the <c>dotnet</c> host needs as its first argument.</param>
    public static ProcessStartInfo? WithoutTieredPgo(string[] args, string? processPath, string entryAssembly, Func<string, string?> environment)
    {
        if (args is not ["import", ..] || environment(TieredPgoVariable) is not null || string.IsNullOrEmpty(processPath))
        {
            return null;
        }

        var start = new ProcessStartInfo(processPath) { UseShellExecute = false };
        if (Path.GetFileNameWithoutExtension(processPath) == "dotnet")
        {
            start.ArgumentList.Add(entryAssembly);
        }

        foreach (var argument in args)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment[TieredPgoVariable] = "0";
        return start;
    }

    /// <summary>
    /// Runs the child with this process's standard streams and returns its exit code. Ctrl+C in a terminal reaches
    /// both processes (one process group) and the child ends its import itself; a cancellation that reaches only this
    /// process (<c>kill -INT</c> of its id) is passed on as SIGINT, so the child still rolls back and reports.
    /// </summary>
    public static async Task<int> RunAsync(ProcessStartInfo start, CancellationToken cancellationToken)
    {
        using var child = Process.Start(start) ?? throw new InvalidOperationException($"{start.FileName} did not start.");
        await using var forward = cancellationToken.Register(() =>
        {
            using var interrupt = Process.Start("kill", ["-INT", child.Id.ToString(CultureInfo.InvariantCulture)]);
            interrupt?.WaitForExit();
        });
        await child.WaitForExitAsync(CancellationToken.None);
        return child.ExitCode;
    }
}
