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
public static class DocumentValidator
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

        // The walk's stacks are kept per thread between validations against the same schema (taken while in use,
        // so a validation started by a rule gets its own); most documents are valid, so the error list is made on
        // the first error.
        var walkState = PooledWalkState ?? new WalkState(schema);
        PooledWalkState = null;
        if (!ReferenceEquals(walkState.TypeInfo.Schema, schema))
        {
            walkState = new WalkState(schema);
        }
        var typeInfo = walkState.TypeInfo;
        var ancestors = walkState.Ancestors;
        var errors = new ErrorCollector(options.MaxErrors);
        var context = new ValidationContext(schema, document, options, typeInfo, ancestors, errors.Add);

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
            errors.AddFinal(aborted.Rule is null
                ? new GraphQLError(aborted.Message, code: ErrorCodes.ValidationFailed)
                : ValidationErrors.Create(aborted.Message, ErrorCodes.ValidationFailed, aborted.Rule));
        }
        finally
        {
            typeInfo.Reset();
            ancestors.Clear();
            PooledWalkState = walkState;
        }
        return errors.Result;
    }

    [ThreadStatic]
    private static WalkState? PooledWalkState;

    /// <summary>The walk's type information and ancestor stack, reused by the next validation on the thread.</summary>
    private sealed class WalkState(Schema schema)
    {
        public TypeInfo TypeInfo { get; } = new(schema);

        public List<SyntaxNode> Ancestors { get; } = new(16);
    }

    /// <summary>The errors of one validation, stopping the walk past the limit.</summary>
    private sealed class ErrorCollector(int maxErrors)
    {
        private List<GraphQLError>? _errors;

        public IReadOnlyList<GraphQLError> Result => _errors ?? (IReadOnlyList<GraphQLError>)[];

        public void Add(GraphQLError error)
        {
            if ((_errors?.Count ?? 0) >= maxErrors)
            {
                throw new ValidationAbortedException(TooManyErrorsMessage);
            }
            AddFinal(error);
        }

        public void AddFinal(GraphQLError error) => (_errors ??= []).Add(error);
    }
}

/// <summary>Thrown inside a validation to stop the walk: the error limit is reached, or a rule (named) spent its work budget.</summary>
internal sealed class ValidationAbortedException(string message, string? rule = null) : Exception(message)
{
    public string? Rule { get; } = rule;
}
