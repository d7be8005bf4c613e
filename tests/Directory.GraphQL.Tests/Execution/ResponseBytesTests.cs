using System.Text;
using System.Text.Json;
using Directory.GraphQL.Execution;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// The request's bytes are the direct writer's output (<see cref="ResponseBytes"/>, <c>WrittenJson.cs</c>): values are
/// written in place, an exact array sized by the plan's last request is filled to its end although the writer asks for
/// room ahead, and a stopped run's bytes past what is kept are dropped.
/// </summary>
public sealed class ResponseBytesTests
{
    private static readonly JsonWriterOptions Compact = new() { SkipValidation = true };

    /// <summary>Writes each value as a separate run of a writer whose output is <paramref name="bytes"/>; returns each run's (start, length).</summary>
    private static List<(int Start, int Length)> WriteRuns(ResponseBytes bytes, IEnumerable<string> values)
    {
        var runs = new List<(int, int)>();
        var writer = new Utf8JsonWriter(bytes, Compact);
        foreach (var value in values)
        {
            var start = bytes.Length;
            writer.Reset(bytes);
            writer.WriteStartObject();
            writer.WriteString("v", value);
            writer.WriteEndObject();
            writer.Flush();
            runs.Add((start, bytes.Length - start));
        }
        return runs;
    }

    private static string[] Values(int count, int size) =>
        [.. Enumerable.Range(0, count).Select(i => new string((char)('a' + (i % 26)), size + i))];

    private static string Text(ResponseBytes bytes, (int Start, int Length) run) => Encoding.UTF8.GetString(bytes.Slice(run.Start, run.Length));

    private static string Expected(string value) => "{\"v\":\"" + value + "\"}";

    [Theory]
    [InlineData(1, 3)]
    [InlineData(40, 20)]
    [InlineData(300, 50)]
    public void An_exact_array_is_filled_to_its_end_although_the_writer_asks_for_room_ahead(int count, int size)
    {
        var values = Values(count, size);
        var sized = new ResponseBytes(0);
        var total = WriteRuns(sized, values).Sum(r => r.Length);

        // A later request of the same plan: an array of exactly the last one's size (the writer asks for at least 256
        // bytes ahead, which its tail does not have).
        var exact = new ResponseBytes(total);
        var runs = WriteRuns(exact, values);
        exact.Seal();

        exact.Length.ShouldBe(total);
        for (var i = 0; i < values.Length; i++)
        {
            Text(exact, runs[i]).ShouldBe(Expected(values[i]));
        }
    }

    [Fact]
    public void A_request_larger_than_the_last_outgrows_its_exact_array_and_keeps_every_value()
    {
        var values = Values(200, 30);
        var bytes = new ResponseBytes(100);
        var runs = WriteRuns(bytes, values);
        bytes.Seal();

        for (var i = 0; i < values.Length; i++)
        {
            Text(bytes, runs[i]).ShouldBe(Expected(values[i]));
        }
    }

    [Fact]
    public void Truncating_drops_a_stopped_runs_bytes_and_its_pending_room()
    {
        var bytes = new ResponseBytes(400);
        var kept = WriteRuns(bytes, ["kept"])[0];

        // A run that stops part way: it has written into the array, and holds room past the array's end (a string
        // longer than what is left) when it is dropped. The next run fits in the array again.
        var writer = new Utf8JsonWriter(bytes, Compact);
        writer.WriteStartObject();
        writer.WriteString("v", new string('x', 1000));
        bytes.Truncate(kept.Start + kept.Length);

        var next = WriteRuns(bytes, ["next"])[0];
        bytes.Seal();

        next.Start.ShouldBe(kept.Start + kept.Length);
        Text(bytes, kept).ShouldBe(Expected("kept"));
        Text(bytes, next).ShouldBe(Expected("next"));
        bytes.Length.ShouldBe(kept.Length + next.Length);
    }
}
