using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation;

/// <summary>A variable used somewhere in a definition, with the type and default of the position it fills.</summary>
/// <param name="Node">The variable reference.</param>
/// <param name="Type">The input type expected where the variable sits (null when unknown).</param>
/// <param name="ParentType">The input type one level up (an input object for a field value, a list for an item).</param>
/// <param name="DefaultValue">The default of the argument or input field the variable fills, when it has one.</param>
internal readonly record struct VariableUsage(VariableNode Node, GraphQLType? Type, GraphQLType? ParentType, ValueNode? DefaultValue);

/// <summary>
/// Everything rules share during one validation (graphql-js `ValidationContext`): the schema, the document, the
/// options, the walk's type information and ancestors, and per-document caches of fragment look-ups, fragment
/// spreads per selection set, fragments reachable from each operation and variable usages per definition.
/// </summary>
internal sealed class ValidationContext
{
    private readonly TypeInfo _typeInfo;
    private readonly List<SyntaxNode> _ancestors;
    private readonly Action<GraphQLError> _onError;
    private Dictionary<string, FragmentDefinitionNode>? _fragments;
    private readonly Dictionary<SelectionSetNode, IReadOnlyList<FragmentSpreadNode>> _fragmentSpreads = [];
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<FragmentDefinitionNode>> _recursivelyReferencedFragments = [];
    private readonly Dictionary<ExecutableDefinitionNode, IReadOnlyList<VariableUsage>> _variableUsages = [];
    private readonly Dictionary<OperationDefinitionNode, IReadOnlyList<VariableUsage>> _recursiveVariableUsages = [];
    private DirectiveFacts? _directives;
    private VariableUsageCollector? _usageCollector;

    internal ValidationContext(Schema schema, TypeInfo typeInfo, List<SyntaxNode> ancestors, Action<GraphQLError> onError)
    {
        Schema = schema;
        _typeInfo = typeInfo;
        _ancestors = ancestors;
        _onError = onError;
    }

    public Schema Schema { get; }

    /// <summary>The document being validated (the context is reused, one document at a time).</summary>
    public DocumentNode Document { get; private set; } = EmptyDocument;

    public ValidationOptions Options { get; private set; } = ValidationOptions.Default;

    private static readonly DocumentNode EmptyDocument = new() { Definitions = [] };

    internal void Begin(DocumentNode document, ValidationOptions options)
    {
        Document = document;
        Options = options;
    }

    /// <summary>Forgets the document and everything cached about it.</summary>
    internal void End()
    {
        Document = EmptyDocument;
        _fragments = null;
        _fragmentSpreads.Clear();
        _recursivelyReferencedFragments.Clear();
        _variableUsages.Clear();
        _recursiveVariableUsages.Clear();
        _directives = null;
    }

    /// <summary>Whether messages may carry "Did you mean …" hints.</summary>
    public bool IncludeSuggestions => Options.IncludeSuggestions;

    public void ReportError(GraphQLError error) => _onError(error);

    // ---- Walk state

    /// <summary>The nodes above the one being visited, outermost (the document) first.</summary>
    public IReadOnlyList<SyntaxNode> Ancestors => _ancestors;

    /// <summary>The node directly above the one being visited.</summary>
    public SyntaxNode? Parent => _ancestors.Count > 0 ? _ancestors[^1] : null;

    public GraphQLType? Type => _typeInfo.Type;

    public NamedType? ParentType => _typeInfo.ParentType;

    public GraphQLType? InputType => _typeInfo.InputType;

    public GraphQLType? ParentInputType => _typeInfo.ParentInputType;

    public FieldDefinition? FieldDef => _typeInfo.FieldDef;

    public DirectiveDefinition? Directive => _typeInfo.Directive;

    public InputValueDefinition? Argument => _typeInfo.Argument;

    public EnumValueDefinition? EnumValue => _typeInfo.EnumValue;

    public ValueNode? DefaultValue => _typeInfo.DefaultValue;

    // ---- Document caches

    /// <summary>The directives the document may use (the schema's, plus any it defines itself).</summary>
    internal DirectiveFacts Directives => _directives ??= DirectiveFacts.For(Schema, Document);

    /// <summary>The first fragment definition with this name, or null.</summary>
    public FragmentDefinitionNode? GetFragment(string name)
    {
        if (_fragments is null)
        {
            _fragments = new Dictionary<string, FragmentDefinitionNode>(StringComparer.Ordinal);
            foreach (var definition in Document.Definitions)
            {
                if (definition is FragmentDefinitionNode fragment)
                {
                    _fragments.TryAdd(fragment.Name.Value, fragment);
                }
            }
        }
        return _fragments.GetValueOrDefault(name);
    }

    /// <summary>The fragment spreads directly in a selection set, inline fragments looked through.</summary>
    public IReadOnlyList<FragmentSpreadNode> GetFragmentSpreads(SelectionSetNode selectionSet)
    {
        if (_fragmentSpreads.TryGetValue(selectionSet, out var cached))
        {
            return cached;
        }
        var spreads = new List<FragmentSpreadNode>();
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(selectionSet);
        while (setsToVisit.TryPop(out var set))
        {
            foreach (var selection in set.Selections)
            {
                switch (selection)
                {
                    case FragmentSpreadNode spread:
                        spreads.Add(spread);
                        break;
                    case FieldNode { SelectionSet: { } child }:
                        setsToVisit.Push(child);
                        break;
                    case InlineFragmentNode inline:
                        setsToVisit.Push(inline.SelectionSet);
                        break;
                }
            }
        }
        _fragmentSpreads[selectionSet] = spreads;
        return spreads;
    }

    /// <summary>Every fragment an operation reaches through spreads, transitively, each once.</summary>
    public IReadOnlyList<FragmentDefinitionNode> GetRecursivelyReferencedFragments(OperationDefinitionNode operation)
    {
        if (_recursivelyReferencedFragments.TryGetValue(operation, out var cached))
        {
            return cached;
        }
        var fragments = new List<FragmentDefinitionNode>();
        var collected = new HashSet<string>(StringComparer.Ordinal);
        var setsToVisit = new Stack<SelectionSetNode>();
        setsToVisit.Push(operation.SelectionSet);
        while (setsToVisit.TryPop(out var set))
        {
            foreach (var spread in GetFragmentSpreads(set))
            {
                var name = spread.Name.Value;
                if (collected.Add(name) && GetFragment(name) is { } fragment)
                {
                    fragments.Add(fragment);
                    setsToVisit.Push(fragment.SelectionSet);
                }
            }
        }
        _recursivelyReferencedFragments[operation] = fragments;
        return fragments;
    }

    /// <summary>The variables used directly in an operation or fragment, with the types expected where they sit.</summary>
    public IReadOnlyList<VariableUsage> GetVariableUsages(ExecutableDefinitionNode definition)
    {
        if (_variableUsages.TryGetValue(definition, out var cached))
        {
            return cached;
        }
        var usages = new List<VariableUsage>();
        // One walker serves every definition of the document: a walk leaves its type information and skip slots as
        // it found them.
        _usageCollector ??= new VariableUsageCollector(this, new TypeInfo(Schema));
        _usageCollector.Usages = usages;
        _usageCollector.Walker.Walk(definition);
        _usageCollector.Usages = null;
        _variableUsages[definition] = usages;
        return usages;
    }

    /// <summary>The variables used in an operation and in every fragment it reaches.</summary>
    public IReadOnlyList<VariableUsage> GetRecursiveVariableUsages(OperationDefinitionNode operation)
    {
        if (_recursiveVariableUsages.TryGetValue(operation, out var cached))
        {
            return cached;
        }
        var usages = new List<VariableUsage>(GetVariableUsages(operation));
        foreach (var fragment in GetRecursivelyReferencedFragments(operation))
        {
            usages.AddRange(GetVariableUsages(fragment));
        }
        _recursiveVariableUsages[operation] = usages;
        return usages;
    }

    private sealed class VariableUsageCollector : ValidationVisitor
    {
        private readonly TypeInfo _typeInfo;

        public VariableUsageCollector(ValidationContext context, TypeInfo typeInfo)
            : base(context)
        {
            _typeInfo = typeInfo;
            Walker = new ParallelWalker([this], typeInfo, []);
        }

        public ParallelWalker Walker { get; }

        /// <summary>Where the walk in progress collects its usages.</summary>
        public List<VariableUsage>? Usages { get; set; }

        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case VariableDefinitionNode:
                    return VisitAction.SkipChildren;
                case VariableNode variable:
                    Usages!.Add(new VariableUsage(variable, _typeInfo.InputType, _typeInfo.ParentInputType, _typeInfo.DefaultValue));
                    break;
            }
            return VisitAction.Continue;
        }
    }
}
