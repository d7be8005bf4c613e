namespace Directory.Api.Auth;

/// <summary>The audiences a caller can belong to, as they appear in a token's <c>role</c> claim.</summary>
public enum ViewerRole
{
    /// <summary>No token: organisations, partnerships, contracts, aggregates and central mailboxes only.</summary>
    Anonymous,

    /// <summary>The Domestic Abuse Commissioner's office: sees everyone, runs the audit and GDPR queries.</summary>
    CommissionerOffice,

    /// <summary>Staff of a partner organisation (claim <c>org</c>): their own organisation and consenting partners.</summary>
    Partner,

    /// <summary>Other government departments: contacts who consented to sharing with government.</summary>
    Government,

    /// <summary>Voluntary-sector organisations: contacts who consented to sharing with the voluntary sector.</summary>
    VoluntarySector,
}

/// <summary>The claim names and role values of the directory's tokens.</summary>
public static class Roles
{
    public const string RoleClaim = "role";
    public const string OrganisationClaim = "org";
    public const string SubjectClaim = "sub";
    public const string NameClaim = "name";

    public const string CommissionerOffice = "commissioner-office";
    public const string Partner = "partner";
    public const string Government = "government";
    public const string VoluntarySector = "voluntary-sector";

    /// <summary>The role values a token may carry, in the spelling of the <c>role</c> claim.</summary>
    public static readonly IReadOnlyDictionary<string, ViewerRole> ByClaimValue = new Dictionary<string, ViewerRole>(StringComparer.Ordinal)
    {
        [CommissionerOffice] = ViewerRole.CommissionerOffice,
        [Partner] = ViewerRole.Partner,
        [Government] = ViewerRole.Government,
        [VoluntarySector] = ViewerRole.VoluntarySector,
    };

    public static string ClaimValue(ViewerRole role) => ByClaimValue.First(pair => pair.Value == role).Key;
}
