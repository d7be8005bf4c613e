using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Configuration;

namespace Directory.Data.Erasure;

/// <summary>
/// The HMAC keys of the email digests that erasure and removal keep instead of addresses (<c>Audit:PseudonymKey</c>),
/// and the keys used before a rotation (<c>Audit:PreviousPseudonymKeys</c>). New digests use the current key; a
/// look-up tries every key, so tombstones and audit entries written before a rotation keep matching.
/// </summary>
public sealed class PseudonymKeys
{
    public const string Section = "Audit";

    /// <summary>The built-in key: with it a digest is only as strong as a plain hash of the address.</summary>
    public const string DefaultKey = "commissioning-directory-audit-digest";

    private readonly byte[][] _keys;

    public PseudonymKeys(string currentKey, IEnumerable<string>? previousKeys = null)
    {
        ArgumentException.ThrowIfNullOrEmpty(currentKey);
        _keys = [.. new[] { currentKey }.Concat(previousKeys ?? []).Where(k => !string.IsNullOrEmpty(k)).Distinct(StringComparer.Ordinal).Select(Encoding.UTF8.GetBytes)];
    }

    public static PseudonymKeys Default { get; } = new(DefaultKey);

    /// <summary>Reads <c>Audit:PseudonymKey</c> and the list <c>Audit:PreviousPseudonymKeys</c>.</summary>
    public static PseudonymKeys FromConfiguration(IConfiguration configuration)
    {
        ArgumentNullException.ThrowIfNull(configuration);
        var section = configuration.GetSection(Section);
        var current = section["PseudonymKey"];
        var previous = section.GetSection("PreviousPseudonymKeys").GetChildren().Select(c => c.Value).OfType<string>();
        return new PseudonymKeys(string.IsNullOrEmpty(current) ? DefaultKey : current, previous);
    }

    /// <summary>The digest kept from now on: HMAC-SHA256 with the current key of the trimmed, lower-cased address.</summary>
    public string Digest(string email) => Digest(_keys[0], email);

    /// <summary>The address's digest under every key, current first: what a look-up must match.</summary>
    public IReadOnlyList<string> AllDigests(string email) => [.. _keys.Select(key => Digest(key, email))];

    private static string Digest(byte[] key, string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        return Convert.ToHexStringLower(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(email.Trim().ToLowerInvariant())));
    }
}
