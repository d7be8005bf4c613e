namespace Directory.Api.Paging;

/// <summary>What a <see cref="FilterFields{T}"/> accepts, for comparing it with the SDL's filter input.</summary>
public interface IFilterShape
{
    /// <summary>The field names, each with its related entity's filter (a nested or list filter) or null (a value's operators).</summary>
    IReadOnlyDictionary<string, IFilterShape?> Fields { get; }
}

/// <summary>What a <see cref="SortFields{T}"/> accepts, for comparing it with the SDL's sort input.</summary>
public interface ISortShape
{
    IEnumerable<string> Keys { get; }

    IReadOnlyDictionary<string, ISortShape> Nested { get; }
}

/// <summary>
/// Keeps the string-keyed filter and sort declarations in step with the contract. Each field taking <c>where</c> or
/// <c>order</c> declares the C# filter and sort that serve them (<see cref="FilteredBy"/>); when the schema is built,
/// <see cref="CheckFilterAndSortInputs"/> compares them, nested inputs included, with the SDL's input types and fails start-up naming
/// every difference, as a missing resolver does, instead of a caller later getting BAD_USER_INPUT for a field the
/// contract offers.
/// </summary>
public static class FilterSortInputs
{
    /// <summary>The <see cref="FieldDefinition.Annotations"/> key of the field's <see cref="IFilterShape"/>.</summary>
    public const string FilterAnnotation = "directory.filter";

    /// <summary>The <see cref="FieldDefinition.Annotations"/> key of the field's <see cref="ISortShape"/>.</summary>
    public const string SortAnnotation = "directory.sort";

    /// <summary>Declares the filter behind the field's <c>where</c> and the sort behind its <c>order</c> (null when it has none).</summary>
    public static SchemaBuilder FilteredBy(this SchemaBuilder schema, string typeName, string fieldName, IFilterShape filter, ISortShape? sort = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        schema.Annotate(typeName, fieldName, FilterAnnotation, filter);
        return sort is null ? schema : schema.Annotate(typeName, fieldName, SortAnnotation, sort);
    }

    /// <summary>The schema, once every <c>where</c> and <c>order</c> agrees with its declared filter and sort; otherwise throws listing each difference.</summary>
    public static Schema CheckFilterAndSortInputs(this Schema schema)
    {
        var problems = Differences(schema);
        return problems.Count == 0
            ? schema
            : throw new SchemaValidationException([.. problems.Select(p => new GraphQLError(p))]);
    }

    /// <summary>Every difference between the SDL's filter and sort inputs and the C# declarations, as a sentence.</summary>
    public static IReadOnlyList<string> Differences(Schema schema)
    {
        ArgumentNullException.ThrowIfNull(schema);
        var problems = new List<string>();
        foreach (var type in schema.Types.OfType<ObjectType>())
        {
            foreach (var field in type.Fields)
            {
                var coordinate = type.Name + "." + field.Name;
                if (InputOf(field, "where") is { } where)
                {
                    if (field.Annotations.GetValueOrDefault(FilterAnnotation) is IFilterShape filter)
                    {
                        CompareFilter(coordinate, where, filter, problems, []);
                    }
                    else
                    {
                        problems.Add($"{coordinate} takes where: {where.Name} but declares no C# filter for it: add FilteredBy(\"{type.Name}\", \"{field.Name}\", …).");
                    }
                }
                if (InputOf(field, "order") is { } order)
                {
                    if (field.Annotations.GetValueOrDefault(SortAnnotation) is ISortShape sort)
                    {
                        CompareSort(coordinate, order, sort, problems, []);
                    }
                    else
                    {
                        problems.Add($"{coordinate} takes order: {order.Name} but declares no C# sort for it.");
                    }
                }
            }
        }
        return problems;
    }

    private static InputObjectType? InputOf(FieldDefinition field, string argument) =>
        field.Arguments.FirstOrDefault(a => a.Name == argument) is { } found ? TypeHelpers.GetNamedType(found.Type) as InputObjectType : null;

    private static void CompareFilter(string coordinate, InputObjectType input, IFilterShape filter, List<string> problems, HashSet<(string, IFilterShape)> compared)
    {
        // A filter that nests itself (an organisation's county) is compared once.
        if (!compared.Add((input.Name, filter)))
        {
            return;
        }
        var sdl = input.Fields.Select(f => f.Name).Where(n => n is not ("and" or "or")).ToList();
        Report(coordinate, input.Name, "filter", sdl, [.. filter.Fields.Keys], problems);
        foreach (var (name, related) in filter.Fields)
        {
            if (related is null || input.GetField(name) is not { } field || TypeHelpers.GetNamedType(field.Type) is not InputObjectType nested)
            {
                continue;
            }
            // A list's some/none/all each take the related rows' filter.
            if (nested.GetField("some") is { } some && TypeHelpers.GetNamedType(some.Type) is InputObjectType element)
            {
                nested = element;
            }
            CompareFilter(coordinate, nested, related, problems, compared);
        }
    }

    private static void CompareSort(string coordinate, InputObjectType input, ISortShape sort, List<string> problems, HashSet<(string, ISortShape)> compared)
    {
        if (!compared.Add((input.Name, sort)))
        {
            return;
        }
        Report(coordinate, input.Name, "sort", [.. input.Fields.Select(f => f.Name)], [.. sort.Keys, .. sort.Nested.Keys], problems);
        foreach (var (name, related) in sort.Nested)
        {
            if (input.GetField(name) is { } field && TypeHelpers.GetNamedType(field.Type) is InputObjectType nested)
            {
                CompareSort(coordinate, nested, related, problems, compared);
            }
        }
    }

    private static void Report(string coordinate, string inputName, string what, IReadOnlyList<string> sdl, IReadOnlyList<string> code, List<string> problems)
    {
        foreach (var name in sdl.Except(code, StringComparer.Ordinal))
        {
            problems.Add($"{coordinate}: {inputName}.{name} is in the schema but the C# {what} has no \"{name}\" (a caller using it would be refused).");
        }
        foreach (var name in code.Except(sdl, StringComparer.Ordinal))
        {
            problems.Add($"{coordinate}: the C# {what} has \"{name}\" but {inputName} has no such field.");
        }
    }
}
