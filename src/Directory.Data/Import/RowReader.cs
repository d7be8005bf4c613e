using System.Globalization;
using System.Text.RegularExpressions;

namespace Directory.Data.Import;

/// <summary>
/// Typed access to the current record of a <see cref="CsvTable"/>. Every accessor reports a problem (file, line,
/// column, reason) for a cell it cannot accept and returns a neutral value, so that a row's parse goes on and all of
/// its problems are reported; <see cref="HasProblems"/> then tells whether the row is usable.
/// </summary>
internal sealed partial class RowReader(CsvTable table, ProblemList problems)
{
    private int _problemsAtRowStart;

    public CsvTable Table => table;

    public int Line => table.Line;

    public bool HasProblems => problems.Count > _problemsAtRowStart;

    public void StartRow() => _problemsAtRowStart = problems.Count;

    public void Problem(string column, string reason) => problems.Add(table.FileName, table.Line, column, reason);

    public string? Optional(string column) => table[column];

    public string Required(string column)
    {
        var value = table[column];
        if (value is null || string.IsNullOrWhiteSpace(value))
        {
            Problem(column, "a value is required");
            return "";
        }

        return value;
    }

    public TEnum? Enum<TEnum>(string column, bool required)
        where TEnum : struct, Enum
    {
        var value = required ? Required(column) : Optional(column);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (TryParseEnum<TEnum>(value, out var parsed))
        {
            return parsed;
        }

        Problem(column, $"'{value}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
        return null;
    }

    /// <summary>A <c>;</c>-separated set of enum members; empty cell = empty set.</summary>
    public List<TEnum> EnumSet<TEnum>(string column)
        where TEnum : struct, Enum
    {
        var set = new List<TEnum>();
        foreach (var item in Codes(column))
        {
            if (!TryParseEnum<TEnum>(item, out var parsed))
            {
                Problem(column, $"'{item}' is not one of {string.Join(", ", System.Enum.GetNames<TEnum>())}");
            }
            else if (!set.Contains(parsed))
            {
                set.Add(parsed);
            }
        }

        return set;
    }

    /// <summary>A <c>;</c>-separated list of codes, each non-empty and listed once.</summary>
    public List<string> Codes(string column)
    {
        var value = Optional(column);
        var codes = new List<string>();
        if (value is null)
        {
            return codes;
        }

        foreach (var item in value.Split(';'))
        {
            if (item.Length == 0 || item.Trim() != item)
            {
                Problem(column, $"'{value}' is not a ';'-separated list of codes");
                return [];
            }

            if (codes.Contains(item))
            {
                Problem(column, $"'{item}' is listed twice");
                continue;
            }

            codes.Add(item);
        }

        return codes;
    }

    private static bool TryParseEnum<TEnum>(string value, out TEnum parsed)
        where TEnum : struct, Enum =>
        // Exact spelling only: Enum.TryParse alone would also accept "1" or "vawg".
        System.Enum.IsDefined(typeof(TEnum), value) & System.Enum.TryParse(value, ignoreCase: false, out parsed);

    /// <summary><c>true</c>/<c>false</c>.</summary>
    public bool? Boolean(string column, bool required)
    {
        var value = required ? Required(column) : Optional(column);
        switch (value)
        {
            case null or "":
                return null;
            case "true":
                return true;
            case "false":
                return false;
            default:
                Problem(column, $"'{value}' is not true or false");
                return null;
        }
    }

    /// <summary><c>Y</c>/<c>N</c>.</summary>
    public bool? YesNo(string column, bool required)
    {
        var value = required ? Required(column) : Optional(column);
        switch (value)
        {
            case null or "":
                return null;
            case "Y":
                return true;
            case "N":
                return false;
            default:
                Problem(column, $"'{value}' is not Y or N");
                return null;
        }
    }

    /// <summary>An ISO date, <c>yyyy-MM-dd</c>.</summary>
    public DateOnly? Date(string column)
    {
        var value = Optional(column);
        if (value is null)
        {
            return null;
        }

        if (DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
        {
            return date;
        }

        Problem(column, $"'{value}' is not a date (yyyy-MM-dd)");
        return null;
    }

    public int? Integer(string column, bool required, int min, int max)
    {
        var value = required ? Required(column) : Optional(column);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
        {
            Problem(column, $"'{value}' is not a whole number");
            return null;
        }

        if (number < min || number > max)
        {
            Problem(column, $"{number} is outside {min}..{max}");
            return null;
        }

        return number;
    }

    /// <summary>A non-negative decimal with at most <paramref name="scale"/> decimal places.</summary>
    public decimal? Decimal(string column, bool required, int scale)
    {
        var value = required ? Required(column) : Optional(column);
        if (string.IsNullOrEmpty(value))
        {
            return null;
        }

        if (!decimal.TryParse(value, NumberStyles.AllowDecimalPoint, CultureInfo.InvariantCulture, out var number))
        {
            Problem(column, $"'{value}' is not a non-negative decimal number");
            return null;
        }

        if (number.Scale > scale && decimal.Round(number, scale) != number)
        {
            Problem(column, $"'{value}' has more than {scale} decimal places");
            return null;
        }

        return number;
    }

    public string? Email(string column)
    {
        var value = Optional(column);
        if (value is not null && !EmailPattern().IsMatch(value))
        {
            Problem(column, $"'{value}' is not an email address");
            return null;
        }

        return value;
    }

    // Deliberately simple: one @, no spaces, a dot in the domain. Deliverability is not the import's business.
    [GeneratedRegex(@"^[^@\s]+@[^@\s]+\.[^@\s.]+$", RegexOptions.CultureInvariant)]
    private static partial Regex EmailPattern();
}
