using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Variable look-ups of the variable rules, by scanning: an operation defines few variables and uses them a few
/// times, so a scan is cheaper than building a set on every validation.
/// </summary>
internal static class VariableNames
{
    /// <summary>True when the operation defines a variable of this name.</summary>
    public static bool IsDefined(OperationDefinitionNode operation, string name)
    {
        foreach (var definition in operation.VariableDefinitions)
        {
            if (definition.Variable.Name.Value == name)
            {
                return true;
            }
        }
        return false;
    }

    /// <summary>True when one of the usages reads a variable of this name.</summary>
    public static bool IsUsed(IReadOnlyList<VariableUsage> usages, string name)
    {
        for (var i = 0; i < usages.Count; i++)
        {
            if (usages[i].Node.Name.Value == name)
            {
                return true;
            }
        }
        return false;
    }
}
