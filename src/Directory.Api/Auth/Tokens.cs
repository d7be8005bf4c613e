using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Directory.Api.Auth;

/// <summary>Issues tokens signed with the configured key, for development and for tests of the real validation.</summary>
public static class Tokens
{
    public static string Create(AuthOptions options, string role, string? organisation, TimeSpan lifetime, string? subject = null, DateTime? now = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.SymmetricKey()
            ?? throw new InvalidOperationException("No signing key is configured (Auth:SigningKey), so no token can be signed.");
        var issuedAt = now ?? DateTime.UtcNow;
        var claims = new Dictionary<string, object>
        {
            [Roles.SubjectClaim] = subject ?? $"dev-{role}" + (organisation is null ? "" : $"-{organisation}"),
            [Roles.RoleClaim] = role,
            [JwtRegisteredClaimNames.Jti] = Guid.NewGuid().ToString("N"),
        };
        if (organisation is not null)
        {
            claims[Roles.OrganisationClaim] = organisation;
        }
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = options.Issuer,
            Audience = options.Audience,
            IssuedAt = issuedAt,
            NotBefore = issuedAt,
            Expires = issuedAt + lifetime,
            Claims = claims,
            SigningCredentials = new SigningCredentials(key, SecurityAlgorithms.HmacSha256),
        });
    }

    /// <summary>
    /// What a token must satisfy: our issuer and audience, an unexpired lifetime, a signature by the configured key (or
    /// the authority's keys, which JwtBearer adds); claims keep their JWT names (<c>role</c>, <c>org</c>, <c>sub</c>).
    /// </summary>
    public static TokenValidationParameters ValidationParameters(AuthOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var key = options.SymmetricKey();
        return new TokenValidationParameters
        {
            ValidateIssuer = true,
            ValidIssuer = options.Issuer,
            ValidateAudience = true,
            ValidAudience = options.Audience,
            ValidateLifetime = true,
            RequireExpirationTime = true,
            ValidateIssuerSigningKey = true,
            RequireSignedTokens = true,
            IssuerSigningKey = key,
            ClockSkew = TimeSpan.FromSeconds(options.ClockSkewSeconds),
            NameClaimType = Roles.SubjectClaim,
            RoleClaimType = Roles.RoleClaim,
        };
    }

}
