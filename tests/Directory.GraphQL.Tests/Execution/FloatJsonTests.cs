using System.Buffers;
using System.Text.Json;
using Directory.GraphQL.Execution;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>
/// Float values written from their hundredths (<c>ResponseJson.WriteFiniteDouble</c>, issue 18 §7) must be the bytes
/// <see cref="Utf8JsonWriter.WriteNumberValue(double)"/> writes, for every value the short way takes and at its edges.
/// </summary>
public sealed class FloatJsonTests
{
    public static TheoryData<double> Edges() =>
    [
        0.0, -0.0, 0.01, -0.01, 0.1, 0.3, 0.1 + 0.2, 4.35, 4.5, 3.75, 4.0, -4.25, 1.005, 2.675, 1e-7, 0.001, 0.015,
        999_999_999.99, -999_999_999.99, 1_000_000_000.0, 1e11, 123_456_789.01, 1e15, 1e16, 1.5e300, double.Epsilon,
        double.MaxValue, double.MinValue, 9_007_199_254_740_993.0, 0.07, 0.57, 1.15, 8.2, 1234.5678,
    ];

    [Theory]
    [MemberData(nameof(Edges))]
    public void EdgeValuesAreWrittenAsTheWriterWritesThem(double value) =>
        Assert.Equal(AsTheWriterWrites([value]), AsWritten([value]));

    [Fact]
    public void EveryHundredthUpToTwoThousandIsWrittenAsTheWriterWritesIt()
    {
        var values = Enumerable.Range(-200_000, 400_001).Select(h => h / 100.0).ToArray();
        Assert.Equal(AsTheWriterWrites(values), AsWritten(values));
    }

    [Fact]
    public void RandomValuesAreWrittenAsTheWriterWritesThem()
    {
        var random = new Random(18_07);
        var values = Enumerable.Range(0, 20_000).Select(i => (i % 4) switch
        {
            0 => random.Next(-100_000_000, 100_000_000) / 100.0,
            1 => Math.Round(random.NextDouble() * 1e6, 2),
            2 => random.NextDouble() * Math.Pow(10, random.Next(-8, 12)),
            _ => BitConverter.Int64BitsToDouble(random.NextInt64()),
        }).Where(double.IsFinite).ToArray();
        Assert.Equal(AsTheWriterWrites(values), AsWritten(values));
    }

    private static string AsTheWriterWrites(double[] values) => Write(values, (writer, value) => writer.WriteNumberValue(value));

    private static string AsWritten(double[] values) => Write(values, ResponseJson.WriteFiniteDouble);

    // In an array, so that the separators between values are compared too.
    private static string Write(double[] values, Action<Utf8JsonWriter, double> write)
    {
        var output = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(output))
        {
            writer.WriteStartArray();
            foreach (var value in values)
            {
                write(writer, value);
            }
            writer.WriteEndArray();
        }
        return System.Text.Encoding.UTF8.GetString(output.WrittenSpan);
    }
}
