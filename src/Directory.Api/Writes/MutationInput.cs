using System.Globalization;
using System.Net.Mail;
using Directory.Api.GraphQL;

namespace Directory.Api.Writes;

/// <summary>
/// Reads and checks a mutation's <c>input</c> object. Every problem is collected, with its path, rather than stopping
/// at the first, so a form can mark all its mistakes at once; a mutation writes nothing unless <see cref="Ok"/>.
/// Strings are trimmed and an empty string counts as no value.
/// </summary>
public sealed partial class MutationInput
{
    private readonly IReadOnlyDictionary<string, object?> _values;
    private readonly IReadOnlyList<string> _path;

    public MutationInput(ResolverContext context)
        : this(context?.GetArgument<IReadOnlyDictionary<string, object?>>("input") ?? new Dictionary<string, object?>(), ["input"], [])
    {
    }

    private MutationInput(IReadOnlyDictionary<string, object?> values, IReadOnlyList<string> path, List<UserError> errors)
    {
        _values = values;
        _path = path;
        Errors = errors;
    }

    public List<UserError> Errors { get; }

    public bool Ok => Errors.Count == 0;

    /// <summary>Whether the field was given at all (explicit null included): partial updates change only these.</summary>
    public bool Has(string name) => _values.ContainsKey(name);

    public void Fail(UserErrorCode code, string message, params string[] field) =>
        Errors.Add(new UserError(code, message, [.. _path, .. field]));

    public string? Text(string name, int maxLength, bool required = false)
    {
        var text = (_values.GetValueOrDefault(name) as string)?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            if (required)
            {
                Fail(UserErrorCode.VALIDATION, $"{name} is required.", name);
            }
            return null;
        }
        if (text.Length > maxLength)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be at most {maxLength} characters (it has {text.Length}).", name);
        }
        return text;
    }

    /// <summary>A work email address: one <c>@</c>, a dotted domain, no display name or spaces.</summary>
    public string? Email(string name, bool required = false)
    {
        var text = Text(name, 320, required);
        if (text is not null && !IsEmail(text))
        {
            Fail(UserErrorCode.VALIDATION, $"\"{text}\" is not an email address.", name);
        }
        return text;
    }

    internal static bool IsEmail(string text) =>
        text.Count(c => c == '@') == 1
        && !text.Any(char.IsWhiteSpace)
        && MailAddress.TryCreate(text, out var address)
        && address.Address == text
        && address.Host.Contains('.', StringComparison.Ordinal)
        && !address.Host.StartsWith('.') && !address.Host.EndsWith('.');

    public TEnum? Enum<TEnum>(string name)
        where TEnum : struct, Enum =>
        _values.GetValueOrDefault(name) is { } value ? System.Enum.Parse<TEnum>(value.ToString()!) : null;

    /// <summary>A list of enum values, each at most once.</summary>
    public IReadOnlyList<TEnum> Enums<TEnum>(string name)
        where TEnum : struct, Enum =>
        [.. Strings(name).Select(System.Enum.Parse<TEnum>)];

    public int? Int(string name, int min, int max)
    {
        if (_values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var number = Convert.ToInt32(value, CultureInfo.InvariantCulture);
        if (number < min || number > max)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be between {min} and {max}.", name);
        }
        return number;
    }

    /// <summary>A list of strings (e.g. codes), each at most once.</summary>
    public IReadOnlyList<string> Strings(string name)
    {
        var list = (_values.GetValueOrDefault(name) as IEnumerable<object?> ?? []).Select(v => v?.ToString() ?? "").ToList();
        if (list.Distinct(StringComparer.Ordinal).Count() != list.Count)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} lists a value more than once.", name);
        }
        return list;
    }

    public DateOnly? Date(string name) => _values.GetValueOrDefault(name) is DateOnly date ? date : null;

    /// <summary>An amount of money in pounds: not negative, whole pence (stored as pence).</summary>
    public decimal? Money(string name)
    {
        if (_values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var amount = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        if (amount < 0 || decimal.Round(amount, 2) != amount || amount > 1_000_000_000_000m)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be an amount in pounds of at least 0, in whole pence (got {amount.ToString(CultureInfo.InvariantCulture)}).", name);
        }
        return amount;
    }

    public bool? Bool(string name) => _values.GetValueOrDefault(name) is { } value ? Convert.ToBoolean(value, CultureInfo.InvariantCulture) : null;

    /// <summary>The version the caller last read, compared with the entity's when it is loaded.</summary>
    public int Version => Convert.ToInt32(_values.GetValueOrDefault("version"), CultureInfo.InvariantCulture);

    /// <summary>Full-time equivalent: more than 0, at most 1, at most four decimal places (stored as ten-thousandths).</summary>
    public decimal? Fte(string name)
    {
        if (_values.GetValueOrDefault(name) is not { } value)
        {
            return null;
        }
        var fte = Convert.ToDecimal(value, CultureInfo.InvariantCulture);
        if (fte <= 0 || fte > 1 || decimal.Round(fte, 4) != fte)
        {
            Fail(UserErrorCode.VALIDATION, $"{name} must be more than 0 and at most 1, with at most four decimal places (got {fte.ToString(CultureInfo.InvariantCulture)}).", name);
        }
        return fte;
    }

    public MutationInput? Object(string name) =>
        _values.GetValueOrDefault(name) is IReadOnlyDictionary<string, object?> nested ? new MutationInput(nested, [.. _path, name], Errors) : null;

    public IReadOnlyList<MutationInput> Objects(string name) =>
        [.. (_values.GetValueOrDefault(name) as IEnumerable<object?> ?? [])
            .Select((item, index) => new MutationInput((IReadOnlyDictionary<string, object?>)item!, [.. _path, name, index.ToString(CultureInfo.InvariantCulture)], Errors))];

    /// <summary>The key inside a global ID of the given type; a malformed or foreign ID is a NOT_FOUND error.</summary>
    public string? Key(string name, string type)
    {
        var id = _values.GetValueOrDefault(name) as string;
        if (id is null)
        {
            return null;
        }
        if (!GlobalId.TryParse(id, out var actual, out var key) || actual != type)
        {
            Fail(UserErrorCode.NOT_FOUND, $"\"{id}\" is not the ID of a {type}.", name);
            return null;
        }
        return key;
    }

    public void NotFound(string name, string what) => Fail(UserErrorCode.NOT_FOUND, $"There is no {what} with this ID that you may see.", name);

}
