using System.Globalization;
using System.Text.Json;
using Directory.GraphQL.Language;

namespace Directory.Api.GraphQL;

/// <summary>
/// The contract's custom scalars: <c>Date</c> (ISO 8601 date), <c>DateTime</c> (ISO 8601 UTC instant),
/// <c>Decimal</c> (exact numbers: percentages and FTE are never rounded through a double) and <c>JSON</c> (output-only
/// documents such as audit details and subject access reports).
/// </summary>
internal static class DirectoryScalars
{
    public static SchemaBuilder BindScalars(this SchemaBuilder schema) => schema
        .Scalar("Date", serialize: SerializeDate, parseValue: ParseDate, parseLiteral: node =>
            node is StringValueNode text ? ParseDate(text.Value) : throw new GraphQLError("Date must be a string such as \"2020-03-23\".", code: ErrorCodes.BadUserInput))
        .Scalar("DateTime", serialize: SerializeDateTime, parseValue: ParseDateTime, parseLiteral: node =>
            node is StringValueNode text ? ParseDateTime(text.Value) : throw new GraphQLError("DateTime must be a string such as \"2026-11-22T10:15:00Z\".", code: ErrorCodes.BadUserInput))
        .Scalar("Decimal", serialize: value => Convert.ToDecimal(value, CultureInfo.InvariantCulture), parseValue: ParseDecimal, parseLiteral: node => node switch
        {
            IntValueNode i => decimal.Parse(i.Value, CultureInfo.InvariantCulture),
            FloatValueNode f => decimal.Parse(f.Value, NumberStyles.Float, CultureInfo.InvariantCulture),
            _ => throw new GraphQLError("Decimal must be a number.", code: ErrorCodes.BadUserInput),
        })
        .Scalar("JSON", serialize: value => value, parseValue: value => value, parseLiteral: _ =>
            throw new GraphQLError("JSON values are output only.", code: ErrorCodes.BadUserInput));

    private static object SerializeDate(object value) => value switch
    {
        DateOnly date => date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        DateTime dateTime => DateOnly.FromDateTime(dateTime).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        _ => throw new GraphQLError($"Date cannot represent {value}."),
    };

    private static object ParseDate(object value)
    {
        var text = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
            _ => throw new GraphQLError("Date must be a string such as \"2020-03-23\".", code: ErrorCodes.BadUserInput),
        };
        return DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date
            : throw new GraphQLError($"\"{text}\" is not a date in the form YYYY-MM-DD.", code: ErrorCodes.BadUserInput);
    }

    private static object ParseDecimal(object value) => value switch
    {
        decimal m => m,
        int or long or double => Convert.ToDecimal(value, CultureInfo.InvariantCulture),
        JsonElement { ValueKind: JsonValueKind.Number } element => element.GetDecimal(),
        _ => throw new GraphQLError("Decimal must be a number.", code: ErrorCodes.BadUserInput),
    };

    /// <summary>Timestamps are stored in UTC without a kind (SQLite keeps text), so they are always written with Z.</summary>
    private static object SerializeDateTime(object value) => value switch
    {
        DateTime dateTime => DateTime.SpecifyKind(dateTime, DateTimeKind.Utc).ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateTimeOffset offset => offset.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        _ => throw new GraphQLError($"DateTime cannot represent {value}."),
    };

    private static object ParseDateTime(object value)
    {
        var text = value switch
        {
            string s => s,
            JsonElement { ValueKind: JsonValueKind.String } element => element.GetString()!,
            _ => throw new GraphQLError("DateTime must be a string such as \"2026-11-22T10:15:00Z\".", code: ErrorCodes.BadUserInput),
        };
        return DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed)
            ? parsed.UtcDateTime
            : throw new GraphQLError($"\"{text}\" is not an ISO 8601 date and time.", code: ErrorCodes.BadUserInput);
    }
}
