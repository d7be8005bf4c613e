using Directory.GraphQL.Language;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Incremental delivery (graphql-js 17): the <c>label</c> of @defer and @stream is a string literal (it names a
/// payload, so it cannot come from a variable) and no two of them in a document share one.
/// </summary>
public static class DeferStreamDirectiveLabelRule
{
    public static ValidationRule Instance { get; } = new("DeferStreamDirectiveLabel", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly Dictionary<string, DirectiveNode> _labels = new(StringComparer.Ordinal);

        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not DirectiveNode { Name.Value: "defer" or "stream" } directive)
            {
                return VisitAction.Continue;
            }
            var label = directive.Arguments.FirstOrDefault(a => a.Name.Value == "label")?.Value;
            if (label is null or NullValueNode)
            {
                return VisitAction.Continue;
            }
            if (label is not StringValueNode text)
            {
                Report($"Argument \"@{directive.Name.Value}(label:)\" must be a static string.", directive);
            }
            else if (_labels.TryGetValue(text.Value, out var first))
            {
                Report("Value for arguments \"defer(label:)\" and \"stream(label:)\" must be unique across all Defer/Stream directive usages.", first, directive);
            }
            else
            {
                _labels.Add(text.Value, directive);
            }
            return VisitAction.Continue;
        }
    }
}
