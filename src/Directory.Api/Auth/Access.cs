namespace Directory.Api.Auth;

/// <summary>
/// Refusals a caller cannot fix by changing their input, raised as GraphQL errors with a stable code: no token where
/// one is needed (UNAUTHENTICATED), or a token whose role may not do this (FORBIDDEN).
/// </summary>
public static class Access
{
    /// <summary>No token where one is needed: the caller should sign in (HTTP 401 outside GraphQL).</summary>
    public const string UnauthenticatedCode = ErrorCodes.Unauthenticated;

    /// <summary>A token whose role or organisation may not do this.</summary>
    public const string ForbiddenCode = "FORBIDDEN";

    public static void RequireOffice(Viewer viewer, string what)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        RequireSignedIn(viewer, what);
        if (!viewer.IsOffice)
        {
            throw new GraphQLError($"Only the Commissioner's office may {what}.", code: ForbiddenCode);
        }
    }

    public static void RequireSignedIn(Viewer viewer, string what)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        if (!viewer.IsAuthenticated)
        {
            throw new GraphQLError($"Sign in to {what}: send a bearer token.", code: UnauthenticatedCode);
        }
    }

    /// <summary>
    /// Changes to an organisation's own data: the office for any organisation, partner staff for their own. Other
    /// roles only read.
    /// </summary>
    public static void RequireEditorOf(Viewer viewer, string organisationCode, string what) =>
        RequireEditorOfAny(viewer, [organisationCode], organisationCode, what);

    /// <summary>
    /// Changes to data several organisations share (a contract's commissioners, a partnership's lead): the office, or
    /// staff of any of <paramref name="organisationCodes"/>; <paramref name="whose"/> names them in the refusal.
    /// </summary>
    public static void RequireEditorOfAny(Viewer viewer, IEnumerable<string> organisationCodes, string whose, string what)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        RequireSignedIn(viewer, what);
        if (organisationCodes.Any(viewer.ActsFor))
        {
            return;
        }
        throw new GraphQLError($"Only the Commissioner's office or staff of {whose} may {what}.", code: ForbiddenCode);
    }

    /// <summary>Before an organisation is even looked up: only the office and partner staff make changes.</summary>
    public static void RequireWriter(Viewer viewer, string what)
    {
        ArgumentNullException.ThrowIfNull(viewer);
        RequireSignedIn(viewer, what);
        if (!viewer.IsOffice && viewer.Role != ViewerRole.Partner)
        {
            throw new GraphQLError($"Only the Commissioner's office or partner staff may {what}.", code: ForbiddenCode);
        }
    }
}
