using System.Text;

namespace Directory.Api.GraphQL;

/// <summary>
/// Relay global object identifiers: base64 of <c>Type:key</c>, where the key is the entity's natural key (an
/// organisation's code, a contact's <c>C00001</c>…), so IDs survive re-imports and differ between entity types.
/// </summary>
public static class GlobalId
{
    public static string Of(string typeName, string key) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(typeName + ":" + key));

    /// <summary>Splits an ID into type name and key, or returns false for anything we did not issue.</summary>
    public static bool TryParse(string id, out string typeName, out string key)
    {
        typeName = key = "";
        Span<byte> buffer = stackalloc byte[Math.Min(id.Length, 512)];
        if (id.Length > 512 || !Convert.TryFromBase64String(id, buffer, out var written))
        {
            return false;
        }
        var text = Encoding.UTF8.GetString(buffer[..written]);
        var colon = text.IndexOf(':', StringComparison.Ordinal);
        if (colon <= 0 || colon == text.Length - 1)
        {
            return false;
        }
        typeName = text[..colon];
        key = text[(colon + 1)..];
        return true;
    }
}
