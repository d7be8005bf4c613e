using System.Text;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.3.2 Field Selection Merging (graphql-js v17 `OverlappingFieldsCanBeMergedRule`, without fragment
/// arguments): fields sharing a response name must be the same field with the same arguments unless their parents
/// are distinct object types, and must have compatible return types and mergeable sub-selections.
/// <para>
/// The work is memoised as in graphql-js: the fields a selection set collects are cached per (parent type,
/// selection set); fragment/fragment and fields/fragment comparisons are remembered in pair sets (recording whether
/// they were compared as mutually exclusive) so each pair is compared at most once per exclusivity; argument values
/// are reduced once to comparison keys. A work budget stops pathological documents ("Validation aborted.").
/// </para>
/// </summary>
internal static class OverlappingFieldsCanBeMergedRule
{
    public static ValidationRule Instance { get; } = new("OverlappingFieldsCanBeMerged", c => new Visitor(c));

    private const int MaxConflictDetailLength = 1000;
    private const int MaxConflictNodes = 20;
    private const int MaxComplexityBudget = 500_000;

    private sealed class FieldDetail(NamedType? parentType, FieldNode node, FieldDefinition? definition)
    {
        public NamedType? ParentType { get; } = parentType;
        public FieldNode Node { get; } = node;
        public FieldDefinition? Definition { get; } = definition;
        public DirectiveNode? StreamDirective { get; } = OperationSelectionsVisitor.Find(node.Directives, "stream");
        public bool IsSimpleLeaf => Node.Arguments.Count == 0 && Node.SelectionSet is null && StreamDirective is null;
    }

    private sealed class CollectedFields
    {
        public List<string> ResponseNames { get; } = [];
        public Dictionary<string, List<FieldDetail>> Grouped { get; } = new(StringComparer.Ordinal);
        public List<FragmentSpreadNode> Spreads => _spreads ?? NoSpreads;
        private List<FragmentSpreadNode>? _spreads;
        private static readonly List<FragmentSpreadNode> NoSpreads = [];

        public void AddSpread(FragmentSpreadNode spread) => (_spreads ??= []).Add(spread);
        public List<SpreadInfo>? ResolvedSpreads { get; set; }
        public Dictionary<CollectedFields, List<(string Name, List<FieldDetail> Fields1, List<FieldDetail> Fields2)>>? Overlaps { get; set; }
    }

    private sealed class SpreadInfo(FragmentSpreadNode node, FragmentDefinitionNode? definition)
    {
        public FragmentSpreadNode Node { get; set; } = node;
        public FragmentDefinitionNode? Definition { get; } = definition;
    }

    private sealed record Conflict(string ResponseName, string Reason, List<SyntaxNode> Fields1, List<SyntaxNode> Fields2);

    /// <summary>Pairs remembered with the exclusivity they were compared under; a non-exclusive comparison covers both.</summary>
    private sealed class OrderedPairSet<TA, TB>
        where TA : class
        where TB : class
    {
        private readonly Dictionary<object, Dictionary<object, bool>> _data = new(ReferenceEqualityComparer.Instance);
        private static readonly object NullKey = new();

        public bool Has(TA? a, TB? b, bool mutuallyExclusive) =>
            _data.TryGetValue(a ?? NullKey, out var inner) && inner.TryGetValue(b ?? NullKey, out var stored)
            && (mutuallyExclusive || stored == mutuallyExclusive);

        public void Clear() => _data.Clear();

        public void Add(TA? a, TB? b, bool mutuallyExclusive)
        {
            if (!_data.TryGetValue(a ?? NullKey, out var inner))
            {
                _data[a ?? NullKey] = inner = new Dictionary<object, bool>(ReferenceEqualityComparer.Instance);
            }
            inner[b ?? NullKey] = mutuallyExclusive;
        }
    }

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        private readonly Dictionary<(NamedType?, SelectionSetNode), CollectedFields> _collected = [];
        private readonly OrderedPairSet<CollectedFields, FragmentDefinitionNode> _comparedFieldsAndFragments = new();
        private readonly OrderedPairSet<FragmentDefinitionNode, FragmentDefinitionNode> _comparedFragments = new();
        private readonly Dictionary<ValueNode, string> _valueKeys = new(ReferenceEqualityComparer.Instance);
        private int _budget = MaxComplexityBudget;

        internal override void Reset()
        {
            _collected.Clear();
            _comparedFieldsAndFragments.Clear();
            _comparedFragments.Clear();
            _valueKeys.Clear();
            _budget = MaxComplexityBudget;
        }

        public override VisitAction Enter(SyntaxNode node)
        {
            if (node is not SelectionSetNode selectionSet || Context.Parent is InlineFragmentNode)
            {
                return VisitAction.Continue;
            }
            if (selectionSet.Selections.Count <= 1 && (selectionSet.Selections.Count == 0 || selectionSet.Selections[0] is not InlineFragmentNode))
            {
                return VisitAction.Continue;
            }
            if (FindConflictsWithinSelectionSet(Context.ParentType, selectionSet) is not { } conflicts)
            {
                return VisitAction.Continue;
            }
            foreach (var conflict in conflicts)
            {
                Report(
                    $"Fields \"{Abbreviate(conflict.ResponseName)}\" conflict because {conflict.Reason}. Use different aliases on the fields to fetch both if this was intentional.",
                    conflict.Fields1.Concat(conflict.Fields2).Select(n => (SyntaxNode?)n).ToArray());
            }
            return VisitAction.Continue;
        }

        private void Spend(int cost)
        {
            _budget -= cost;
            if (_budget < 0)
            {
                throw new ValidationAbortedException("Validation aborted.", RuleName);
            }
        }

        // Conflict lists are made on the first conflict: a valid document needs none.
        private List<Conflict>? FindConflictsWithinSelectionSet(NamedType? parentType, SelectionSetNode selectionSet)
        {
            List<Conflict>? conflicts = null;
            var collected = CollectFields(parentType, selectionSet);
            CollectConflictsWithin(ref conflicts, collected);
            if (collected.Spreads.Count != 0 && (collected.Grouped.Count != 0 || collected.Spreads.Count > 1))
            {
                var spreads = ResolveSpreads(collected);
                for (var i = 0; i < spreads.Count; i++)
                {
                    CollectConflictsBetweenFieldsAndFragment(ref conflicts, false, collected, spreads[i]);
                    for (var j = i + 1; j < spreads.Count; j++)
                    {
                        CollectConflictsBetweenFragments(ref conflicts, false, spreads[i], spreads[j]);
                    }
                }
            }
            return conflicts;
        }

        private void CollectConflictsBetweenFieldsAndFragment(ref List<Conflict>? conflicts, bool mutuallyExclusive, CollectedFields fields, SpreadInfo spread)
        {
            Spend(1);
            if (fields.Grouped.Count == 0)
            {
                return;
            }
            var fragment = spread.Definition;
            if (_comparedFieldsAndFragments.Has(fields, fragment, mutuallyExclusive))
            {
                return;
            }
            _comparedFieldsAndFragments.Add(fields, fragment, mutuallyExclusive);
            if (fragment is null)
            {
                return;
            }
            var fragmentFields = CollectFragmentFields(fragment);
            var referenced = ResolveSpreads(fragmentFields);
            if (ReferenceEquals(fields, fragmentFields))
            {
                return;
            }
            CollectConflictsBetween(ref conflicts, mutuallyExclusive, fields, fragmentFields);
            foreach (var next in referenced)
            {
                CollectConflictsBetweenFieldsAndFragment(ref conflicts, mutuallyExclusive, fields, next);
            }
        }

        private void CollectConflictsBetweenFragments(ref List<Conflict>? conflicts, bool mutuallyExclusive, SpreadInfo spread1, SpreadInfo spread2)
        {
            var fragment1 = spread1.Definition;
            var fragment2 = spread2.Definition;
            Spend(2);
            if (ReferenceEquals(fragment1, fragment2))
            {
                return;
            }
            if (_comparedFragments.Has(fragment1, fragment2, mutuallyExclusive) || _comparedFragments.Has(fragment2, fragment1, mutuallyExclusive))
            {
                return;
            }
            _comparedFragments.Add(fragment1, fragment2, mutuallyExclusive);
            if (fragment1 is null || fragment2 is null)
            {
                return;
            }
            var fields1 = CollectFragmentFields(fragment1);
            var referenced1 = ResolveSpreads(fields1);
            var fields2 = CollectFragmentFields(fragment2);
            var referenced2 = ResolveSpreads(fields2);
            CollectConflictsBetween(ref conflicts, mutuallyExclusive, fields1, fields2);
            foreach (var next2 in referenced2)
            {
                CollectConflictsBetweenFragments(ref conflicts, mutuallyExclusive, spread1, next2);
            }
            foreach (var next1 in referenced1)
            {
                CollectConflictsBetweenFragments(ref conflicts, mutuallyExclusive, next1, spread2);
            }
        }

        private List<Conflict>? FindConflictsBetweenSubSelectionSets(
            bool mutuallyExclusive,
            NamedType? parentType1,
            SelectionSetNode selectionSet1,
            NamedType? parentType2,
            SelectionSetNode selectionSet2)
        {
            List<Conflict>? conflicts = null;
            var fields1 = CollectFields(parentType1, selectionSet1);
            var spreads1 = ResolveSpreads(fields1);
            var fields2 = CollectFields(parentType2, selectionSet2);
            var spreads2 = ResolveSpreads(fields2);
            CollectConflictsBetween(ref conflicts, mutuallyExclusive, fields1, fields2);
            foreach (var spread2 in spreads2)
            {
                CollectConflictsBetweenFieldsAndFragment(ref conflicts, mutuallyExclusive, fields1, spread2);
            }
            foreach (var spread1 in spreads1)
            {
                CollectConflictsBetweenFieldsAndFragment(ref conflicts, mutuallyExclusive, fields2, spread1);
            }
            foreach (var spread1 in spreads1)
            {
                foreach (var spread2 in spreads2)
                {
                    CollectConflictsBetweenFragments(ref conflicts, mutuallyExclusive, spread1, spread2);
                }
            }
            return conflicts;
        }

        private void CollectConflictsWithin(ref List<Conflict>? conflicts, CollectedFields collected)
        {
            foreach (var responseName in collected.ResponseNames)
            {
                var fields = collected.Grouped[responseName];
                for (var i = 0; i < fields.Count; i++)
                {
                    for (var j = i + 1; j < fields.Count; j++)
                    {
                        if (FindConflict(false, responseName, fields[i], fields[j]) is { } conflict)
                        {
                            (conflicts ??= []).Add(conflict);
                        }
                    }
                }
            }
        }

        private void CollectConflictsBetween(ref List<Conflict>? conflicts, bool parentsMutuallyExclusive, CollectedFields collected1, CollectedFields collected2)
        {
            if (collected1.Grouped.Count == 0 || collected2.Grouped.Count == 0)
            {
                return;
            }
            foreach (var (responseName, fields1, fields2) in Overlapping(collected1, collected2))
            {
                foreach (var field1 in fields1)
                {
                    foreach (var field2 in fields2)
                    {
                        if (FindConflict(parentsMutuallyExclusive, responseName, field1, field2) is { } conflict)
                        {
                            (conflicts ??= []).Add(conflict);
                        }
                    }
                }
            }
        }

        private List<(string Name, List<FieldDetail> Fields1, List<FieldDetail> Fields2)> Overlapping(CollectedFields collected1, CollectedFields collected2)
        {
            collected1.Overlaps ??= new Dictionary<CollectedFields, List<(string, List<FieldDetail>, List<FieldDetail>)>>(ReferenceEqualityComparer.Instance);
            if (collected1.Overlaps.TryGetValue(collected2, out var cached))
            {
                return cached;
            }
            var overlapping = new List<(string, List<FieldDetail>, List<FieldDetail>)>();
            foreach (var responseName in collected1.ResponseNames)
            {
                Spend(1);
                if (collected2.Grouped.TryGetValue(responseName, out var fields2))
                {
                    overlapping.Add((responseName, collected1.Grouped[responseName], fields2));
                }
            }
            collected1.Overlaps[collected2] = overlapping;
            return overlapping;
        }

        private Conflict? FindConflict(bool parentsMutuallyExclusive, string responseName, FieldDetail field1, FieldDetail field2)
        {
            var node1 = field1.Node;
            var node2 = field2.Node;
            var def1 = field1.Definition;
            var def2 = field2.Definition;

            // Fields on two different object types can never both be in a response: only the shapes must agree.
            var mutuallyExclusive = parentsMutuallyExclusive
                || (!ReferenceEquals(field1.ParentType, field2.ParentType) && field1.ParentType is ObjectType && field2.ParentType is ObjectType);
            Spend(2);
            if (field1.IsSimpleLeaf && field2.IsSimpleLeaf && ReferenceEquals(def1?.Type, def2?.Type) && node1.Name.Value == node2.Name.Value)
            {
                return null;
            }
            if (!mutuallyExclusive)
            {
                var name1 = node1.Name.Value;
                var name2 = node2.Name.Value;
                if (name1 != name2)
                {
                    return new Conflict(responseName, $"\"{Abbreviate(name1)}\" and \"{Abbreviate(name2)}\" are different fields", [node1], [node2]);
                }
                if (!SameArguments(node1.Arguments, node2.Arguments))
                {
                    return new Conflict(responseName, "they have differing arguments", [node1], [node2]);
                }
            }
            // graphql-js 17: a streamed field cannot be merged with another selection of the same response name.
            if (field1.StreamDirective is not null || field2.StreamDirective is not null)
            {
                var reason = "they have overlapping stream directives";
                if (field1.StreamDirective is not null && field2.StreamDirective is not null
                    && SameArguments(field1.StreamDirective.Arguments, field2.StreamDirective.Arguments))
                {
                    reason += ". See https://github.com/graphql/defer-stream-wg/discussions/100";
                }
                return new Conflict(responseName, reason, [node1], [node2]);
            }
            var type1 = def1?.Type;
            var type2 = def2?.Type;
            if (type1 is not null && type2 is not null && DoTypesConflict(type1, type2))
            {
                return new Conflict(responseName, $"they return conflicting types \"{type1}\" and \"{type2}\"", [node1], [node2]);
            }
            if (node1.SelectionSet is { } selectionSet1 && node2.SelectionSet is { } selectionSet2)
            {
                var subConflicts = FindConflictsBetweenSubSelectionSets(
                    mutuallyExclusive,
                    SchemaFacts.GetNamedType(type1),
                    selectionSet1,
                    SchemaFacts.GetNamedType(type2),
                    selectionSet2);
                return SubfieldConflicts(subConflicts, responseName, node1, node2);
            }
            return null;
        }

        private bool SameArguments(IReadOnlyList<ArgumentNode> arguments1, IReadOnlyList<ArgumentNode> arguments2)
        {
            if (arguments1.Count != arguments2.Count)
            {
                return false;
            }
            foreach (var argument1 in arguments1)
            {
                Spend(1);
                ArgumentNode? argument2 = null;
                foreach (var candidate in arguments2)
                {
                    if (candidate.Name.Value == argument1.Name.Value)
                    {
                        argument2 = candidate;
                        break;
                    }
                }
                if (argument2 is null || ValueKey(argument1.Value) != ValueKey(argument2.Value))
                {
                    return false;
                }
            }
            return true;
        }

        private string ValueKey(ValueNode value)
        {
            if (!_valueKeys.TryGetValue(value, out var key))
            {
                var sb = new StringBuilder();
                AppendValueKey(sb, value);
                _valueKeys[value] = key = sb.ToString();
            }
            return key;
        }

        // A canonical form: the kind and value of each literal, object fields sorted by name.
        private static void AppendValueKey(StringBuilder sb, ValueNode value)
        {
            switch (value)
            {
                case VariableNode variable:
                    sb.Append('$').Append(variable.Name.Value);
                    break;
                case IntValueNode i:
                    sb.Append("i:").Append(i.Value);
                    break;
                case FloatValueNode f:
                    sb.Append("f:").Append(f.Value);
                    break;
                case StringValueNode s:
                    sb.Append(s.Block ? "b:" : "s:").Append(Printer.PrintString(s.Value));
                    break;
                case BooleanValueNode b:
                    sb.Append(b.Value ? "true" : "false");
                    break;
                case NullValueNode:
                    sb.Append("null");
                    break;
                case EnumValueNode e:
                    sb.Append("e:").Append(e.Value);
                    break;
                case ListValueNode list:
                    sb.Append('[');
                    foreach (var item in list.Values)
                    {
                        AppendValueKey(sb, item);
                        sb.Append(',');
                    }
                    sb.Append(']');
                    break;
                case ObjectValueNode obj:
                    sb.Append('{');
                    foreach (var field in obj.Fields.OrderBy(f => f.Name.Value, StringComparer.Ordinal))
                    {
                        sb.Append(field.Name.Value).Append(':');
                        AppendValueKey(sb, field.Value);
                        sb.Append(',');
                    }
                    sb.Append('}');
                    break;
            }
        }

        private bool DoTypesConflict(GraphQLType type1, GraphQLType type2)
        {
            if (ReferenceEquals(type1, type2))
            {
                return false;
            }
            Spend(1);
            if (type1 is ListType list1)
            {
                return type2 is not ListType list2 || DoTypesConflict(list1.OfType, list2.OfType);
            }
            if (type2 is ListType)
            {
                return true;
            }
            if (type1 is NonNullType nonNull1)
            {
                return type2 is not NonNullType nonNull2 || DoTypesConflict(nonNull1.OfType, nonNull2.OfType);
            }
            if (type2 is NonNullType)
            {
                return true;
            }
            if (SchemaFacts.IsLeafType(type1) || SchemaFacts.IsLeafType(type2))
            {
                return !ReferenceEquals(type1, type2);
            }
            return false;
        }

        private CollectedFields CollectFields(NamedType? parentType, SelectionSetNode selectionSet)
        {
            if (!_collected.TryGetValue((parentType, selectionSet), out var collected))
            {
                collected = new CollectedFields();
                CollectFieldsInto(parentType, selectionSet, collected);
                _collected[(parentType, selectionSet)] = collected;
            }
            return collected;
        }

        private CollectedFields CollectFragmentFields(FragmentDefinitionNode fragment) =>
            CollectFields(SchemaFacts.TypeFromAst(Context.Schema, fragment.TypeCondition) as NamedType, fragment.SelectionSet);

        private void CollectFieldsInto(NamedType? parentType, SelectionSetNode selectionSet, CollectedFields collected)
        {
            foreach (var selection in selectionSet.Selections)
            {
                switch (selection)
                {
                    case FieldNode field:
                        {
                            var definition = parentType is ComplexType complex ? complex.GetField(field.Name.Value) : null;
                            var responseName = field.ResponseName;
                            if (!collected.Grouped.TryGetValue(responseName, out var list))
                            {
                                // Most response names are selected once.
                                collected.Grouped[responseName] = list = new List<FieldDetail>(1);
                                collected.ResponseNames.Add(responseName);
                            }
                            list.Add(new FieldDetail(parentType, field, definition));
                            break;
                        }
                    case FragmentSpreadNode spread:
                        collected.AddSpread(spread);
                        break;
                    case InlineFragmentNode inline:
                        {
                            var inlineType = inline.TypeCondition is { } condition
                                ? SchemaFacts.TypeFromAst(Context.Schema, condition) as NamedType
                                : parentType;
                            CollectFieldsInto(inlineType, inline.SelectionSet, collected);
                            break;
                        }
                }
            }
        }

        private static readonly List<SpreadInfo> NoSpreadInfos = [];

        // The distinct fragments a selection set spreads (the last spread node of each kept for messages).
        private List<SpreadInfo> ResolveSpreads(CollectedFields collected)
        {
            if (collected.ResolvedSpreads is { } cached)
            {
                return cached;
            }
            if (collected.Spreads.Count == 0)
            {
                return collected.ResolvedSpreads = NoSpreadInfos;
            }
            var result = new List<SpreadInfo>();
            var byDefinition = new Dictionary<object, SpreadInfo>(ReferenceEqualityComparer.Instance);
            var unknown = new object();
            foreach (var spreadNode in collected.Spreads)
            {
                Spend(1);
                var definition = Context.GetFragment(spreadNode.Name.Value);
                var key = (object?)definition ?? unknown;
                if (byDefinition.TryGetValue(key, out var previous))
                {
                    previous.Node = spreadNode;
                }
                else
                {
                    var info = new SpreadInfo(spreadNode, definition);
                    byDefinition[key] = info;
                    result.Add(info);
                }
            }
            collected.ResolvedSpreads = result;
            return result;
        }

        private static Conflict? SubfieldConflicts(List<Conflict>? conflicts, string responseName, FieldNode node1, FieldNode node2)
        {
            if (conflicts is null || conflicts.Count == 0)
            {
                return null;
            }
            var message = new StringBuilder();
            foreach (var conflict in conflicts)
            {
                if (message.Length > 0)
                {
                    message.Append(" and ");
                }
                message.Append($"subfields \"{Abbreviate(conflict.ResponseName)}\" conflict because {conflict.Reason}");
                if (message.Length > MaxConflictDetailLength)
                {
                    break;
                }
            }
            return new Conflict(
                responseName,
                Abbreviate(message.ToString()),
                ConflictNodes(node1, conflicts, first: true),
                ConflictNodes(node2, conflicts, first: false));
        }

        private static List<SyntaxNode> ConflictNodes(FieldNode node, List<Conflict> conflicts, bool first)
        {
            var nodes = new List<SyntaxNode> { node };
            foreach (var conflict in conflicts)
            {
                var side = first ? conflict.Fields1 : conflict.Fields2;
                var remaining = MaxConflictNodes - nodes.Count;
                nodes.AddRange(side.Skip(Math.Max(0, side.Count - remaining)));
                if (nodes.Count == MaxConflictNodes)
                {
                    break;
                }
            }
            return nodes;
        }
    }

    private static string Abbreviate(string text) =>
        text.Length > MaxConflictDetailLength ? text[..MaxConflictDetailLength] + "..." : text;
}
