using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Validation;

/// <summary>
/// Validates an executable document against a schema (spec §5, graphql-js `validation/validate.ts`): all rules
/// run as parallel visitors in one walk of the document sharing one <see cref="TypeInfo"/>. An empty result means
/// the document is valid. After <see cref="ValidationOptions.MaxErrors"/> errors the walk stops and a final
/// "Too many validation errors" error is added.
/// </summary>
internal static class DocumentValidator
{
    public const string TooManyErrorsMessage = "Too many validation errors, error limit reached. Validation aborted.";

    /// <summary>Validates with the specification's rules plus the protection rules the options enable.</summary>
    public static IReadOnlyList<GraphQLError> Validate(Schema schema, DocumentNode document, ValidationOptions? options = null)
    {
        options ??= ValidationOptions.Default;
        return Validate(schema, document, SpecifiedRules.For(options), options);
    }

    /// <summary>Validates with exactly the given rules (tests run one rule at a time, as graphql-js's harness does).</summary>
    public static IReadOnlyList<GraphQLError> Validate(
        Schema schema,
        DocumentNode document,
        IReadOnlyList<ValidationRule> rules,
        ValidationOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(schema);
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(rules);
        options ??= ValidationOptions.Default;

        var errors = new List<GraphQLError>();
        var maxErrors = options.MaxErrors;
        var typeInfo = new TypeInfo(schema);
        var ancestors = new List<SyntaxNode>();
        var context = new ValidationContext(schema, document, options, typeInfo, ancestors, error =>
        {
            if (errors.Count >= maxErrors)
            {
                throw new ValidationAbortedException(TooManyErrorsMessage);
            }
            errors.Add(error);
        });

        var visitors = new ValidationVisitor[rules.Count];
        for (var i = 0; i < visitors.Length; i++)
        {
            visitors[i] = rules[i].CreateVisitor(context);
        }

        try
        {
            new ParallelWalker(visitors, typeInfo, ancestors).Walk(document);
        }
        catch (ValidationAbortedException aborted)
        {
            errors.Add(aborted.Rule is null
                ? new GraphQLError(aborted.Message, code: ErrorCodes.ValidationFailed)
                : ValidationErrors.Create(aborted.Message, ErrorCodes.ValidationFailed, aborted.Rule));
        }
        return errors;
    }
}

/// <summary>Thrown inside a validation to stop the walk: the error limit is reached, or a rule (named) spent its work budget.</summary>
internal sealed class ValidationAbortedException(string message, string? rule = null) : Exception(message)
{
    public string? Rule { get; } = rule;
}
