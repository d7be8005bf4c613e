using System.Text;
using System.Text.Json;

namespace Directory.Testing;

/// <summary>
/// Reads a <c>multipart/mixed</c> GraphQL response (boundary "-", as graphql-helix, Yoga and Apollo send it) part by
/// part from the network stream, as a client does: each part's headers and JSON body become available as soon as its
/// closing delimiter has arrived, before the rest of the response is sent. A deliberately independent parser (bytes in,
/// parts out) so that tests check what is on the wire, not what our writer meant to write.
/// </summary>
public sealed class MultipartMixedReader(Stream body, string boundary = "-")
{
    private readonly byte[] _delimiter = Encoding.ASCII.GetBytes("\r\n--" + boundary);
    private readonly List<byte> _buffer = [];
    private readonly byte[] _chunk = new byte[8192];
    private bool _started;
    private bool _finished;

    /// <summary>True once the closing delimiter (<c>-----</c>) was read.</summary>
    public bool Finished => _finished;

    /// <summary>The next part's headers and parsed JSON body, or null after the closing delimiter.</summary>
    public async Task<(IReadOnlyDictionary<string, string> Headers, JsonElement Json)?> ReadPartAsync(CancellationToken cancellationToken = default)
    {
        if (_finished)
        {
            return null;
        }
        if (!_started)
        {
            // The first delimiter may come with or without the CRLF in front (an empty preamble).
            await FillUntilAsync(() => IndexOf(Encoding.ASCII.GetBytes("--" + boundary)) >= 0, cancellationToken);
            var first = IndexOf(Encoding.ASCII.GetBytes("--" + boundary));
            _buffer.RemoveRange(0, first + 2 + boundary.Length);
            _started = true;
        }
        // After a delimiter: "--" closes the body, CRLF starts a part.
        await FillUntilAsync(() => _buffer.Count >= 2, cancellationToken);
        if (_buffer[0] == '-' && _buffer[1] == '-')
        {
            _finished = true;
            return null;
        }
        await FillUntilAsync(() => IndexOf(_delimiter) >= 0, cancellationToken);
        var end = IndexOf(_delimiter);
        var part = Encoding.UTF8.GetString([.. _buffer.GetRange(0, end)]);
        _buffer.RemoveRange(0, end + _delimiter.Length);

        var split = part.IndexOf("\r\n\r\n", StringComparison.Ordinal);
        if (!part.StartsWith("\r\n", StringComparison.Ordinal) || split < 0)
        {
            throw new InvalidDataException("A part without a header block: " + part);
        }
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (var line in part[2..split].Split("\r\n", StringSplitOptions.RemoveEmptyEntries))
        {
            var colon = line.IndexOf(':', StringComparison.Ordinal);
            headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
        }
        using var json = JsonDocument.Parse(part[(split + 4)..]);
        return (headers, json.RootElement.Clone());
    }

    /// <summary>Every remaining part's JSON, in order, until the closing delimiter.</summary>
    public async Task<List<JsonElement>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var parts = new List<JsonElement>();
        while (await ReadPartAsync(cancellationToken) is { } part)
        {
            parts.Add(part.Json);
        }
        return parts;
    }

    private async Task FillUntilAsync(Func<bool> enough, CancellationToken cancellationToken)
    {
        while (!enough())
        {
            var read = await body.ReadAsync(_chunk, cancellationToken);
            if (read == 0)
            {
                throw new EndOfStreamException("The response ended inside a multipart body.");
            }
            _buffer.AddRange(_chunk.AsSpan(0, read).ToArray());
        }
    }

    private int IndexOf(byte[] pattern)
    {
        for (var i = 0; i + pattern.Length <= _buffer.Count; i++)
        {
            var match = true;
            for (var j = 0; j < pattern.Length && match; j++)
            {
                match = _buffer[i + j] == pattern[j];
            }
            if (match)
            {
                return i;
            }
        }
        return -1;
    }
}
