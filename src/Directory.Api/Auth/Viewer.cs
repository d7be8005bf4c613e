using System.Security.Claims;

namespace Directory.Api.Auth;

/// <summary>
/// Who is asking, reduced to what the directory's rules need: the audience (role), the organisation of a partner and
/// a subject to name in the audit log. One per request, built from the validated token.
/// </summary>
public sealed record Viewer(ViewerRole Role, string? Subject, string? OrganisationCode)
{
    public static readonly Viewer Anonymous = new(ViewerRole.Anonymous, null, null);

    public bool IsAuthenticated => Role != ViewerRole.Anonymous;

    public bool IsOffice => Role == ViewerRole.CommissionerOffice;

    /// <summary>The office, or partner staff of this organisation: who may change it and read its private answers.</summary>
    public bool ActsFor(string organisationCode) =>
        IsOffice || (Role == ViewerRole.Partner && OrganisationCode == organisationCode);

    /// <summary>How the audit log names the caller, e.g. <c>partner:jo.bloggs@E06000001</c>.</summary>
    public string Actor => Role switch
    {
        ViewerRole.Anonymous => "anonymous",
        ViewerRole.Partner => $"{Roles.Partner}:{Subject}@{OrganisationCode}",
        _ => $"{Roles.ClaimValue(Role)}:{Subject}",
    };

    /// <summary>
    /// The viewer a principal stands for. A principal that authenticated but lacks a recognised role (or a partner
    /// without an organisation) is rejected earlier, by <see cref="TokenRejection"/>; here it would count as anonymous.
    /// </summary>
    public static Viewer From(ClaimsPrincipal? user)
    {
        if (user?.Identity?.IsAuthenticated != true)
        {
            return Anonymous;
        }
        return Describe(user, out var viewer) is null ? viewer : Anonymous;
    }

    /// <summary>Null when the principal's claims make a viewer; otherwise why they do not.</summary>
    public static string? Describe(ClaimsPrincipal user, out Viewer viewer)
    {
        viewer = Anonymous;
        var roles = user.FindAll(Roles.RoleClaim).Select(c => c.Value).Distinct(StringComparer.Ordinal).ToList();
        if (roles.Count != 1 || !Roles.ByClaimValue.TryGetValue(roles[0], out var role))
        {
            return $"The token must carry exactly one role claim, one of: {string.Join(", ", Roles.ByClaimValue.Keys)}.";
        }
        var subject = user.FindFirst(Roles.SubjectClaim)?.Value;
        if (string.IsNullOrWhiteSpace(subject))
        {
            return "The token has no subject (sub) claim.";
        }
        var organisation = user.FindFirst(Roles.OrganisationClaim)?.Value;
        if (role == ViewerRole.Partner && string.IsNullOrWhiteSpace(organisation))
        {
            return "A partner token must name the partner's organisation in an org claim.";
        }
        viewer = new Viewer(role, subject, role == ViewerRole.Partner ? organisation : null);
        return null;
    }
}
