using System.Diagnostics;
using System.Text.Json;
using System.Threading.Channels;

namespace Directory.Api.Tests.Live;

/// <summary>
/// tests/clients/live-updates.mjs — the npm graphql-sse or graphql-ws client — subscribed to the running service. Its
/// lines (connected, next, error, complete) are read as they come.
/// </summary>
internal sealed class LiveClient : IAsyncDisposable
{
    public static readonly string ClientsFolder = Path.Combine(RepositoryRoot(), "tests", "clients");

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);
    private readonly Process _process;
    private readonly Channel<JsonElement> _lines = Channel.CreateUnbounded<JsonElement>();
    private readonly System.Text.StringBuilder _errors = new();

    private LiveClient(Process process)
    {
        _process = process;
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is null)
            {
                _lines.Writer.TryComplete();
            }
            else if (e.Data.Length > 0)
            {
                _lines.Writer.TryWrite(JsonDocument.Parse(e.Data).RootElement.Clone());
            }
        };
        process.ErrorDataReceived += (_, e) => { lock (_errors) { _errors.AppendLine(e.Data); } };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public static void SkipUnlessInstalled() =>
        Skip.IfNot(System.IO.Directory.Exists(Path.Combine(ClientsFolder, "node_modules", "graphql-ws")),
            "tests/clients/node_modules is missing: run `npm ci --prefix tests/clients` (.ci/run does)");

    /// <summary>Starts a client: <paramref name="transport"/> is <c>sse-distinct</c>, <c>sse-single</c> or <c>ws</c>.</summary>
    public static LiveClient Start(string transport, Uri endpoint, string? token, string document, int results = 1)
    {
        var start = new ProcessStartInfo("node")
        {
            WorkingDirectory = ClientsFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var argument in new[] { "live-updates.mjs", transport, endpoint.ToString(), results.ToString(System.Globalization.CultureInfo.InvariantCulture), token ?? "-", document })
        {
            start.ArgumentList.Add(argument);
        }
        return new LiveClient(Process.Start(start)!);
    }

    /// <summary>The next line the client printed other than <c>connected</c>.</summary>
    public async Task<JsonElement> NextAsync()
    {
        using var patience = new CancellationTokenSource(Patience);
        while (true)
        {
            JsonElement line;
            try
            {
                line = await _lines.Reader.ReadAsync(patience.Token);
            }
            catch (Exception ex) when (ex is ChannelClosedException or OperationCanceledException)
            {
                lock (_errors)
                {
                    throw new InvalidOperationException("The client printed nothing more. Its errors: " + _errors, ex);
                }
            }
            if (!line.TryGetProperty("connected", out _))
            {
                return line;
            }
        }
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
        }
        await _process.WaitForExitAsync();
        _process.Dispose();
    }
}
