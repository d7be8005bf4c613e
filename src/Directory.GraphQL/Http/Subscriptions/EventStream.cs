using System.Text;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;

namespace Directory.GraphQL.Http.Subscriptions;

/// <summary>
/// A text/event-stream response (the Server-Sent Events format): <c>event:</c>/<c>data:</c> messages and comment
/// lines that keep idle connections (and the proxies between) open. Writes are serialised: results, completions and
/// keep-alives come from different tasks.
/// </summary>
internal sealed class EventStream : IAsyncDisposable
{
    private static readonly byte[] Comment = ":\n\n"u8.ToArray();
    private readonly HttpResponse _response;
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _keepAlive;

    private EventStream(HttpResponse response, TimeSpan keepAlive)
    {
        _response = response;
        _keepAlive = KeepAliveAsync(keepAlive);
    }

    /// <summary>Sends the headers and a first comment (some browsers show nothing until a body arrives).</summary>
    public static async Task<EventStream> StartAsync(HttpResponse response, TimeSpan keepAlive)
    {
        response.StatusCode = StatusCodes.Status200OK;
        response.ContentType = "text/event-stream; charset=utf-8";
        response.Headers.CacheControl = "no-cache";
        // Proxies (nginx) would otherwise hold the stream back to compress or buffer it.
        response.Headers["X-Accel-Buffering"] = "no";
        response.HttpContext.Features.Get<IHttpResponseBodyFeature>()?.DisableBuffering();
        await response.Body.WriteAsync(Comment, response.HttpContext.RequestAborted);
        await response.Body.FlushAsync(response.HttpContext.RequestAborted);
        return new EventStream(response, keepAlive);
    }

    /// <summary>One message; <paramref name="data"/> is one line of JSON (or nothing: an empty <c>data:</c> field).</summary>
    public async Task WriteAsync(string eventName, byte[]? data)
    {
        var header = Encoding.UTF8.GetBytes($"event: {eventName}\ndata:{(data is null ? "" : " ")}");
        await _gate.WaitAsync(_response.HttpContext.RequestAborted);
        try
        {
            await _response.Body.WriteAsync(header, _response.HttpContext.RequestAborted);
            if (data is not null)
            {
                await _response.Body.WriteAsync(data, _response.HttpContext.RequestAborted);
            }
            await _response.Body.WriteAsync("\n\n"u8.ToArray(), _response.HttpContext.RequestAborted);
            await _response.Body.FlushAsync(_response.HttpContext.RequestAborted);
        }
        finally
        {
            _gate.Release();
        }
    }

    private async Task KeepAliveAsync(TimeSpan interval)
    {
        using var timer = new PeriodicTimer(interval);
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
            {
                await _gate.WaitAsync(_stop.Token);
                try
                {
                    await _response.Body.WriteAsync(Comment, _stop.Token);
                    await _response.Body.FlushAsync(_stop.Token);
                }
                finally
                {
                    _gate.Release();
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or ObjectDisposedException)
        {
            // The stream ended (or the client left): nothing more to keep alive.
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _keepAlive;
        _stop.Dispose();
        _gate.Dispose();
    }
}
