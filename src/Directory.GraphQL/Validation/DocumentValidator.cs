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

        // One validation session (context, type information, ancestors, walker and the rules' visitors) is kept per
        // thread and reused by the next validation with the same schema and rule list: its visitors are reset, not
        // made again. It is taken while in use, so a validation started meanwhile on the thread gets its own.
        var session = _pooledSession;
        _pooledSession = null;
        if (session is null || !session.Serves(schema, rules))
        {
            session = new ValidationSession(schema, rules);
        }
        var errors = session.Begin(document, options);
        try
        {
            session.Walker.Walk(document);
        }
        catch (ValidationAbortedException aborted)
        {
            errors.AddFinal(aborted.Rule is null
                ? new GraphQLError(aborted.Message, code: ErrorCodes.ValidationFailed)
                : ValidationErrors.Create(aborted.Message, ErrorCodes.ValidationFailed, aborted.Rule));
        }
        finally
        {
            if (session.End())
            {
                _pooledSession = session;
            }
        }
        return errors.Result;
    }

    [ThreadStatic]
    private static ValidationSession? _pooledSession;

    /// <summary>Everything one validation walks with, made once for a schema and rule list and reset after each use.</summary>
    private sealed class ValidationSession
    {
        private readonly Schema _schema;
        private readonly IReadOnlyList<ValidationRule> _rules;
        private readonly TypeInfo _typeInfo;
        private readonly List<SyntaxNode> _ancestors = new(16);
        private readonly ValidationContext _context;
        private readonly ValidationVisitor[] _visitors;
        private readonly ErrorCollector _errors = new();

        // Only the engine's own visitors know how to reset; a session with a rule from elsewhere is used once.
        private readonly bool _reusable = true;

        public ValidationSession(Schema schema, IReadOnlyList<ValidationRule> rules)
        {
            _schema = schema;
            _rules = rules;
            _typeInfo = new TypeInfo(schema);
            _context = new ValidationContext(schema, _typeInfo, _ancestors, _errors.Add);
            _visitors = new ValidationVisitor[rules.Count];
            for (var i = 0; i < _visitors.Length; i++)
            {
                _visitors[i] = rules[i].CreateVisitor(_context);
                _reusable &= _visitors[i].GetType().Assembly == typeof(ValidationVisitor).Assembly;
            }
            Walker = new ParallelWalker(_visitors, _typeInfo, _ancestors);
        }

        public ParallelWalker Walker { get; }

        public bool Serves(Schema schema, IReadOnlyList<ValidationRule> rules) =>
            ReferenceEquals(schema, _schema) && ReferenceEquals(rules, _rules);

        public ErrorCollector Begin(DocumentNode document, ValidationOptions options)
        {
            _errors.Begin(options.MaxErrors);
            _context.Begin(document, options);
            return _errors;
        }

        /// <summary>Forgets the document (an aborted walk included); true when the session can serve again.</summary>
        public bool End()
        {
            _context.End();
            _typeInfo.Reset();
            _ancestors.Clear();
            Walker.Reset();
            foreach (var visitor in _visitors)
            {
                visitor.Reset();
            }
            _errors.End();
            return _reusable;
        }
    }

    /// <summary>The errors of one validation, stopping the walk past the limit.</summary>
    private sealed class ErrorCollector
    {
        private List<GraphQLError>? _errors;
        private int _maxErrors;

        public IReadOnlyList<GraphQLError> Result { get; private set; } = [];

        public void Begin(int maxErrors) => _maxErrors = maxErrors;

        /// <summary>Hands the list over to the caller (a result must not change when the session is reused).</summary>
        public void End()
        {
            Result = _errors ?? (IReadOnlyList<GraphQLError>)[];
            _errors = null;
        }

        public void Add(GraphQLError error)
        {
            if ((_errors?.Count ?? 0) >= _maxErrors)
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
