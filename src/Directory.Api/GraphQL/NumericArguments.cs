namespace Directory.Api.GraphQL;

/// <summary>
/// Range checks of the schema's Int arguments (<c>first</c>, <c>last</c>, <c>ftePerHead(limit:)</c>), so a negative,
/// zero or huge value is the caller's error, named, never an exception deeper down (a negative <c>limit</c> reached
/// <c>Take</c> and came back as INTERNAL_SERVER_ERROR).
/// </summary>
internal static class NumericArguments
{
    /// <summary>The argument's value when it is absent or within [<paramref name="min"/>, <paramref name="max"/>]; BAD_USER_INPUT otherwise.</summary>
    public static int? InRange(int? value, string argument, int min, int max) =>
        value is { } given && (given < min || given > max)
            ? throw new GraphQLError($"Argument \"{argument}\" must be between {min} and {max}, got {given}.", code: ErrorCodes.BadUserInput)
            : value;
}
