using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation;

/// <summary>
/// One validation rule: a name (reported as <c>extensions.rule</c>) and a factory that makes a fresh visitor for
/// each validation, so rule state lives in the visitor and never leaks between documents.
/// </summary>
internal sealed class ValidationRule(string name, Func<ValidationContext, ValidationVisitor> createVisitor)
{
    /// <summary>The rule's name without the "Rule" suffix, as graphql-js names it, e.g. "NoUnusedVariables".</summary>
    public string Name { get; } = name;

    public ValidationVisitor CreateVisitor(ValidationContext context)
    {
        var visitor = createVisitor(context);
        visitor.RuleName = Name;
        return visitor;
    }

    public override string ToString() => Name;
}

/// <summary>What a visitor asks of the walker after entering a node.</summary>
internal enum VisitAction
{
    Continue,

    /// <summary>Skip this node's children and its Leave for this rule only (graphql-js returning false).</summary>
    SkipChildren,
}

/// <summary>
/// The per-validation half of a rule. The walker calls <see cref="Enter"/> before a node's children and
/// <see cref="Leave"/> after them, with the context's type information describing that node.
/// </summary>
internal abstract class ValidationVisitor(ValidationContext context)
{
    protected ValidationContext Context { get; } = context;

    internal string RuleName { get; set; } = "";

    public virtual VisitAction Enter(SyntaxNode node) => VisitAction.Continue;

    public virtual void Leave(SyntaxNode node)
    {
    }

    /// <summary>
    /// Forgets the validation just finished, so the visitor can serve the next one (visitors are pooled with their
    /// context); a visitor keeping state across nodes clears it here.
    /// </summary>
    internal virtual void Reset()
    {
    }

    /// <summary>Reports a specification rule violation (code GRAPHQL_VALIDATION_FAILED) located at the nodes.</summary>
    protected void Report(string message, params ReadOnlySpan<SyntaxNode?> nodes) =>
        Context.ReportError(ValidationErrors.Create(message, ErrorCodes.ValidationFailed, RuleName, nodes));

    /// <summary>Reports a violation with a specific code (the protection rules have their own).</summary>
    protected void ReportWithCode(string code, string message, params ReadOnlySpan<SyntaxNode?> nodes) =>
        Context.ReportError(ValidationErrors.Create(message, code, RuleName, nodes));

    /// <summary>
    /// Records <paramref name="name"/> in <paramref name="seen"/> as the first of its value, or reports "There can be
    /// only one <paramref name="what"/> named …" at that first one and this: the uniqueness rules of operations,
    /// fragments and input fields.
    /// </summary>
    protected void ReportIfRepeated(Dictionary<string, NameNode> seen, NameNode name, string what)
    {
        if (!seen.TryAdd(name.Value, name))
        {
            Report($"There can be only one {what} named \"{name.Value}\".", seen[name.Value], name);
        }
    }
}

/// <summary>
/// A visitor that checks each operation's selections itself, following its fragment spreads rather than visiting
/// fragment definitions on their own (the incremental-delivery rules). A fragment whose check passed for one operation
/// is not checked again for the next, which would only repeat its errors: <see cref="CheckedFragments"/> lasts
/// across the operations of a document.
/// </summary>
internal abstract class OperationSelectionsVisitor(ValidationContext context) : ValidationVisitor(context)
{
    /// <summary>The fragments an earlier operation's check followed and passed.</summary>
    protected HashSet<string> CheckedFragments { get; } = new(StringComparer.Ordinal);

    internal override void Reset()
    {
        CheckedFragments.Clear();
    }

    public sealed override VisitAction Enter(SyntaxNode node)
    {
        if (node is not OperationDefinitionNode operation)
        {
            return node is FragmentDefinitionNode ? VisitAction.SkipChildren : VisitAction.Continue;
        }
        var visited = new HashSet<string>(StringComparer.Ordinal);
        if (Check(operation, visited))
        {
            CheckedFragments.UnionWith(visited);
        }
        return VisitAction.SkipChildren;
    }

    /// <summary>
    /// Checks one operation, adding to <paramref name="visited"/> each fragment it follows; false when it reported an
    /// error (an operation the rule does not concern passes).
    /// </summary>
    protected abstract bool Check(OperationDefinitionNode operation, HashSet<string> visited);

    /// <summary>The directive called <paramref name="name"/> among <paramref name="directives"/>, if any.</summary>
    internal static DirectiveNode? Find(IReadOnlyList<DirectiveNode> directives, string name)
    {
        foreach (var directive in directives)
        {
            if (directive.Name.Value == name)
            {
                return directive;
            }
        }
        return null;
    }
}

/// <summary>Builds validation errors: locations from nodes, extensions {code, rule}.</summary>
internal static class ValidationErrors
{
    public const string RuleExtension = "rule";

    public static GraphQLError Create(string message, string code, string rule, params ReadOnlySpan<SyntaxNode?> nodes)
    {
        var locations = new List<SourceLocation>(nodes.Length);
        foreach (var node in nodes)
        {
            if (node?.Location is { } l)
            {
                locations.Add(new SourceLocation(l.Line, l.Column));
            }
        }
        var extensions = new Dictionary<string, object?>(2) { ["code"] = code, [RuleExtension] = rule };
        return new GraphQLError(message, locations, extensions: extensions);
    }
}
