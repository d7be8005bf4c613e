using System.Collections;
using System.Reflection;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Tests.Language;

/// <summary>Structural comparison of syntax trees that ignores locations, for round-trip tests.</summary>
public static class AstEquality
{
    /// <summary>The paths at which two trees differ (empty when they are equal apart from locations).</summary>
    public static List<string> Differences(SyntaxNode? expected, SyntaxNode? actual)
    {
        var differences = new List<string>();
        Compare(expected, actual, "$", differences);
        return differences;
    }

    private static void Compare(object? expected, object? actual, string path, List<string> differences)
    {
        if (expected is null || actual is null)
        {
            if (!ReferenceEquals(expected, actual))
            {
                differences.Add($"{path}: {expected ?? "null"} vs {actual ?? "null"}");
            }
            return;
        }
        if (expected.GetType() != actual.GetType())
        {
            differences.Add($"{path}: {expected.GetType().Name} vs {actual.GetType().Name}");
            return;
        }
        switch (expected)
        {
            case string or bool or int or Enum:
                if (!expected.Equals(actual))
                {
                    differences.Add($"{path}: {expected} vs {actual}");
                }
                return;
            case IList expectedList:
                var actualList = (IList)actual;
                if (expectedList.Count != actualList.Count)
                {
                    differences.Add($"{path}: {expectedList.Count} items vs {actualList.Count}");
                    return;
                }
                for (var i = 0; i < expectedList.Count; i++)
                {
                    Compare(expectedList[i], actualList[i], $"{path}[{i}]", differences);
                }
                return;
            case SyntaxNode:
                foreach (var property in expected.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
                {
                    if (property.Name is nameof(SyntaxNode.Location) || property.GetIndexParameters().Length > 0)
                    {
                        continue;
                    }
                    Compare(property.GetValue(expected), property.GetValue(actual), $"{path}.{property.Name}", differences);
                }
                return;
            default:
                if (!expected.Equals(actual))
                {
                    differences.Add($"{path}: {expected} vs {actual}");
                }
                return;
        }
    }

    /// <summary>Every node under <paramref name="root"/> (itself excluded), each once, found through its public properties.</summary>
    public static List<SyntaxNode> Descendants(SyntaxNode root)
    {
        var seen = new HashSet<SyntaxNode>(ReferenceEqualityComparer.Instance) { root };
        var result = new List<SyntaxNode>();
        var pending = new Stack<SyntaxNode>();
        pending.Push(root);
        while (pending.Count > 0)
        {
            var node = pending.Pop();
            foreach (var property in node.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0)
                {
                    continue;
                }
                var value = property.GetValue(node);
                var children = value switch
                {
                    SyntaxNode child => [child],
                    IList list => list.Cast<object?>(),
                    _ => [],
                };
                foreach (var child in children.OfType<SyntaxNode>())
                {
                    if (seen.Add(child))
                    {
                        result.Add(child);
                        pending.Push(child);
                    }
                }
            }
        }
        return result;
    }
}
