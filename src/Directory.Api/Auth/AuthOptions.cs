using System.Text;
using Microsoft.IdentityModel.Tokens;

namespace Directory.Api.Auth;

/// <summary>
/// The <c>Auth</c> configuration section: how bearer tokens are validated. Either a shared signing key (HS256, the
/// development setup, also what the <c>token</c> subcommand signs with) or an OpenID Connect authority whose published
/// keys sign the tokens, or both. Issuer, audience, lifetime and signature are always validated.
/// </summary>
public sealed class AuthOptions
{
    public const string Section = "Auth";

    /// <summary>HS256 key, at least 32 bytes of UTF-8 text. Keep it out of source control outside development.</summary>
    public string? SigningKey { get; set; }

    /// <summary>An OpenID Connect issuer URL whose discovery document gives the signing keys.</summary>
    public string? Authority { get; set; }

    public string Issuer { get; set; } = "commissioning-directory";

    public string Audience { get; set; } = "commissioning-directory";

    /// <summary>Tolerated clock difference between the token issuer and this service.</summary>
    public int ClockSkewSeconds { get; set; } = 30;

    public static AuthOptions From(IConfiguration configuration) =>
        configuration.GetSection(Section).Get<AuthOptions>() ?? new AuthOptions();

    /// <summary>The symmetric key, or null when none is configured; a key that is too short is a configuration error.</summary>
    public SymmetricSecurityKey? SymmetricKey()
    {
        if (string.IsNullOrEmpty(SigningKey))
        {
            return null;
        }
        var bytes = Encoding.UTF8.GetBytes(SigningKey);
        if (bytes.Length < 32)
        {
            throw new InvalidOperationException("Auth:SigningKey must be at least 32 bytes long (HS256 needs a 256-bit key).");
        }
        return new SymmetricSecurityKey(bytes) { KeyId = "directory-hs256" };
    }
}
