using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;
using Directory.GraphQL.Utilities;

namespace Directory.GraphQL.Validation.Rules;

/// <summary>
/// Spec §5.6.1 Values of Correct Type (graphql-js v17 `validateInputLiteral` in static mode): each literal is
/// checked whole against the type expected where it sits, leaves through the type's own literal coercion
/// (scalars' and enums' ParseLiteral), so a custom scalar's rules apply at validation time too. Variables are
/// not checked here (VariablesInAllowedPosition does).
/// </summary>
public static class ValuesOfCorrectTypeRule
{
    public static ValidationRule Instance { get; } = new("ValuesOfCorrectType", c => new Visitor(c));

    private sealed class Visitor(ValidationContext context) : ValidationVisitor(context)
    {
        public override VisitAction Enter(SyntaxNode node)
        {
            switch (node)
            {
                case ListValueNode list:
                    Validate(list, Context.ParentInputType);
                    return VisitAction.SkipChildren;
                case NullValueNode or ObjectValueNode or EnumValueNode or IntValueNode or FloatValueNode or StringValueNode or BooleanValueNode:
                    Validate((ValueNode)node, Context.InputType);
                    return VisitAction.SkipChildren;
                default:
                    return VisitAction.Continue;
            }
        }

        private void Validate(ValueNode value, GraphQLType? type)
        {
            if (type is not null)
            {
                ValidateLiteral(value, type);
            }
        }

        private void ValidateLiteral(ValueNode value, GraphQLType type)
        {
            if (value is VariableNode)
            {
                return;
            }
            if (type is NonNullType nonNull)
            {
                if (value is NullValueNode)
                {
                    Report(InputValueMessages.NullForNonNull(type), value);
                    return;
                }
                ValidateLiteral(value, nonNull.OfType);
                return;
            }
            if (value is NullValueNode)
            {
                return;
            }
            switch (type)
            {
                case ListType list:
                    if (value is ListValueNode items)
                    {
                        foreach (var item in items.Values)
                        {
                            ValidateLiteral(item, list.OfType);
                        }
                    }
                    else
                    {
                        ValidateLiteral(value, list.OfType);
                    }
                    break;
                case InputObjectType inputObject:
                    ValidateInputObject(value, inputObject);
                    break;
                case ScalarType or EnumType:
                    ValidateLeaf(value, (NamedType)type);
                    break;
            }
        }

        private void ValidateInputObject(ValueNode value, InputObjectType type)
        {
            if (value is not ObjectValueNode obj)
            {
                Report(InputValueMessages.NotAnObject(type, value), value);
                return;
            }
            var given = new Dictionary<string, ObjectFieldNode>(StringComparer.Ordinal);
            foreach (var field in obj.Fields)
            {
                given.TryAdd(field.Name.Value, field);
            }
            foreach (var fieldDef in type.Fields)
            {
                if (!given.TryGetValue(fieldDef.Name, out var field))
                {
                    if (fieldDef.IsRequired)
                    {
                        Report(InputValueMessages.MissingRequiredField(type, fieldDef.Name, value), value);
                    }
                }
                else
                {
                    ValidateLiteral(field.Value, fieldDef.Type);
                }
            }
            var knownFields = new List<ObjectFieldNode>();
            foreach (var field in obj.Fields)
            {
                var fieldName = field.Name.Value;
                if (type.GetField(fieldName) is null)
                {
                    Report(InputValueMessages.UnknownField(type, fieldName, Context.IncludeSuggestions, value), field);
                }
                else
                {
                    knownFields.Add(field);
                }
            }
            if (type.IsOneOf && (knownFields.Count != 1 || knownFields[0].Value is NullValueNode))
            {
                Report(InputValueMessages.OneOfNotExactlyOne(type), value);
            }
        }

        private void ValidateLeaf(ValueNode value, NamedType type)
        {
            // Variables have no values at validation time: like graphql-js, a leaf sees them as null (and object
            // fields holding them as absent).
            var literal = ContainsVariable(value) ? ReplaceVariables(value) : value;
            try
            {
                switch (type)
                {
                    case EnumType enumType:
                        enumType.ParseLiteral(literal, hideSuggestions: !Context.IncludeSuggestions);
                        break;
                    case ScalarType scalar:
                        scalar.ParseLiteral(literal);
                        break;
                }
            }
            catch (GraphQLError error)
            {
                Report(error.Message, value);
            }
#pragma warning disable CA1031 // A custom scalar may throw anything; it means the literal is invalid.
            catch (Exception exception)
#pragma warning restore CA1031
            {
                var detail = string.IsNullOrEmpty(exception.Message) ? exception.GetType().Name : exception.Message;
                Report(InputValueMessages.ScalarThrew(type, detail, value), value);
            }
        }
    }

    private static bool ContainsVariable(ValueNode value) => value switch
    {
        VariableNode => true,
        ListValueNode list => list.Values.Any(ContainsVariable),
        ObjectValueNode obj => obj.Fields.Any(f => ContainsVariable(f.Value)),
        _ => false,
    };

    private static ValueNode ReplaceVariables(ValueNode value) => value switch
    {
        VariableNode => new NullValueNode { Location = value.Location },
        ListValueNode list => new ListValueNode { Values = list.Values.Select(ReplaceVariables).ToList(), Location = list.Location },
        ObjectValueNode obj => new ObjectValueNode
        {
            Fields = obj.Fields
                .Where(f => f.Value is not VariableNode)
                .Select(f => new ObjectFieldNode { Name = f.Name, Value = ReplaceVariables(f.Value), Location = f.Location })
                .ToList(),
            Location = obj.Location,
        },
        _ => value,
    };
}
