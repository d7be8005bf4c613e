using System.Text;

namespace Directory.GraphQL.Types;

/// <summary>Maps between GraphQL naming (camelCase fields, SCREAMING_SNAKE enum values) and CLR PascalCase.</summary>
internal static class NameConventions
{
    /// <summary><c>LocalAuthority</c> → <c>LOCAL_AUTHORITY</c>; <c>ICBArea</c> → <c>ICB_AREA</c>; <c>Tier2</c> → <c>TIER2</c>.</summary>
    public static string ToEnumValueName(string clrName)
    {
        var sb = new StringBuilder(clrName.Length + 4);
        for (var i = 0; i < clrName.Length; i++)
        {
            var c = clrName[i];
            if (i > 0 && char.IsUpper(c))
            {
                var prev = clrName[i - 1];
                var nextIsLower = i + 1 < clrName.Length && char.IsLower(clrName[i + 1]);
                if (char.IsLower(prev) || char.IsDigit(prev) || (char.IsUpper(prev) && nextIsLower))
                {
                    sb.Append('_');
                }
            }
            sb.Append(char.ToUpperInvariant(c));
        }
        return sb.ToString();
    }

    /// <summary><c>fooBar</c> → <c>FooBar</c>.</summary>
    public static string ToPropertyName(string fieldName) =>
        fieldName.Length == 0 ? fieldName : char.ToUpperInvariant(fieldName[0]) + fieldName[1..];
}
