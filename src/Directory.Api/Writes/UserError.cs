namespace Directory.Api.Writes;

#pragma warning disable CA1707 // The members are spelled as the GraphQL enum values they are.
/// <summary>Kinds of <see cref="UserError"/>, spelled as the contract's <c>UserErrorCode</c>.</summary>
public enum UserErrorCode
{
    VALIDATION,
    NOT_FOUND,
    CONFLICT,
    DUPLICATE,
}
#pragma warning restore CA1707

/// <summary>A problem with a mutation's input that the caller can correct, with the path to the field at fault.</summary>
public sealed record UserError(UserErrorCode Code, string Message, IReadOnlyList<string> Field);

/// <summary>The result of a removal or erasure.</summary>
public sealed record RemovePayload(string? RemovedId, IReadOnlyList<UserError> Errors);

/// <summary>The payload and user-error types every mutation shares.</summary>
internal static class MutationTypes
{
    public static SchemaBuilder BindMutationTypes(this SchemaBuilder schema) => schema
        .BindType<UserError>("UserError")
        .BindType<RemovePayload>("RemovePayload");
}
