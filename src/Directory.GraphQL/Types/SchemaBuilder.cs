using System.Linq.Expressions;
using System.Reflection;
using System.Runtime.CompilerServices;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;

namespace Directory.GraphQL.Types;

/// <summary>
/// Builds an executable <see cref="Schema"/> from SDL plus C# bindings: resolvers per field, CLR types bound to
/// object types (default property resolution and abstract type resolution), custom scalar hooks and CLR enums.
/// <see cref="Build"/> reports every SDL, schema and binding problem at once in one <see cref="SchemaValidationException"/>.
/// </summary>
public sealed partial class SchemaBuilder
{
    private static readonly ParserOptions SdlParserOptions = new() { MaxTokens = int.MaxValue };

    private readonly List<DocumentNode> _documents = [];
    private readonly List<(string Type, string Field, FieldResolver Resolver)> _resolvers = [];
    private readonly List<(Type ClrType, string TypeName)> _typeBindings = [];
    private readonly List<(string Type, string Field, string Key, object Value)> _annotations = [];
    private readonly List<string> _dictionaryTypes = [];
    private readonly List<(string TypeName, Func<object, string?> Resolver)> _typeResolvers = [];
    private readonly Dictionary<string, ScalarCoercion> _scalars = new(StringComparer.Ordinal);
    private readonly List<(Type ClrEnum, string TypeName)> _enumBindings = [];

    /// <summary>Starts from SDL text (parsed with <see cref="Parser.Parse"/>; syntax errors throw its <c>GraphQLError</c>).</summary>
    public static SchemaBuilder FromSdl(string sdl) => new SchemaBuilder().AddSdl(sdl);

    /// <summary>A types-only schema (no resolvers required) for validation, printing and tests.</summary>
    public static Schema BuildForValidation(string sdl) => FromSdl(sdl).Build(BuildOptions.TypesOnly);

    /// <summary>Adds more SDL text; all documents are built as one (later ones may extend earlier types).</summary>
    public SchemaBuilder AddSdl(string sdl)
    {
        ArgumentNullException.ThrowIfNull(sdl);
        // SDL is trusted, often large input: the token limit meant for hostile queries doesn't apply.
        return AddDocument(Parser.Parse(sdl, SdlParserOptions));
    }

    /// <summary>Starts from a parsed SDL document.</summary>
    internal static SchemaBuilder FromDocument(DocumentNode document) => new SchemaBuilder().AddDocument(document);

    /// <summary>Adds another SDL document; all documents are built as one (later ones may extend earlier types).</summary>
    internal SchemaBuilder AddDocument(DocumentNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        _documents.Add(document);
        return this;
    }

    /// <summary>A synchronous resolver (it runs inline; no task is allocated).</summary>
    public SchemaBuilder Resolve(string typeName, string fieldName, Func<ResolverContext, object?> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Resolve(typeName, fieldName, (FieldResolver)(ctx => new ValueTask<object?>(resolver(ctx))));
    }

    /// <summary>An asynchronous resolver; observe <see cref="ResolverContext.CancellationToken"/>.</summary>
    // Priorities settle lambdas that fit several overloads: async lambdas pick Task<T> (not ValueTask<T>), and a
    // lambda returning a task picks a task overload rather than the synchronous object-returning one.
    [OverloadResolutionPriority(2)]
    public SchemaBuilder Resolve<T>(string typeName, string fieldName, Func<ResolverContext, Task<T>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Resolve(typeName, fieldName, (FieldResolver)(ctx =>
        {
            var task = resolver(ctx);
            return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitTask(task);
        }));
    }

    /// <summary>An asynchronous resolver returning a ValueTask (completed ones are unwrapped without allocating).</summary>
    [OverloadResolutionPriority(1)]
    public SchemaBuilder Resolve<T>(string typeName, string fieldName, Func<ResolverContext, ValueTask<T>> resolver)
    {
        ArgumentNullException.ThrowIfNull(resolver);
        return Resolve(typeName, fieldName, (FieldResolver)(ctx =>
        {
            var task = resolver(ctx);
            return task.IsCompletedSuccessfully ? new ValueTask<object?>(task.Result) : AwaitValueTask(task);
        }));
    }

    /// <summary>A resolver already in the executor's shape.</summary>
    public SchemaBuilder Resolve(string typeName, string fieldName, FieldResolver resolver)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(resolver);
        _resolvers.Add((typeName, fieldName, resolver));
        return this;
    }

    /// <summary>Attaches a value to a field under <paramref name="key"/>, for the host to find in <see cref="FieldDefinition.Annotations"/>.</summary>
    public SchemaBuilder Annotate(string typeName, string fieldName, string key, object value)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        ArgumentNullException.ThrowIfNull(fieldName);
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(value);
        _annotations.Add((typeName, fieldName, key, value));
        return this;
    }

    // These awaits deliberately keep the captured context (no ConfigureAwait(false)). Resolvers run on the executor's
    // scheduler, which is the current SynchronizationContext; a task completing there has its context-capturing
    // continuations run inline, but the runtime never inlines a ConfigureAwait(false) continuation under a custom
    // SynchronizationContext — it sends it to the thread pool. The field would then finish later, off the scheduler,
    // after the scheduler had already found nothing runnable and dispatched DataLoader batches holding only some of
    // the level's keys (one batch per parent, in the worst case).
    private static async ValueTask<object?> AwaitTask<T>(Task<T> task) => await task;

    private static async ValueTask<object?> AwaitValueTask<T>(ValueTask<T> task) => await task;

    /// <summary>
    /// Binds a CLR type to an object type: fields without an explicit resolver read the same-named public property
    /// or field (<c>fooBar</c> → <c>FooBar</c>) through a compiled getter, and interfaces/unions resolve values of
    /// this CLR type (or a subclass) to this object type.
    /// </summary>
    public SchemaBuilder BindType<TClr>(string typeName) => BindType(typeof(TClr), typeName);

    /// <inheritdoc cref="BindType{TClr}(string)"/>
    public SchemaBuilder BindType(Type clrType, string typeName)
    {
        ArgumentNullException.ThrowIfNull(clrType);
        ArgumentNullException.ThrowIfNull(typeName);
        _typeBindings.Add((clrType, typeName));
        return this;
    }

    /// <summary>
    /// Opts an object type into dictionary parents: fields without a resolver read the entry named like the field
    /// from an <c>IReadOnlyDictionary&lt;string, object?&gt;</c> or <c>IDictionary&lt;string, object?&gt;</c> parent
    /// (a missing key reads as null).
    /// </summary>
    public SchemaBuilder BindDictionary(string typeName)
    {
        ArgumentNullException.ThrowIfNull(typeName);
        _dictionaryTypes.Add(typeName);
        return this;
    }

    /// <summary>An explicit way to pick the object type (by name) of a value of an interface or union; null means "not known here" and falls back to the CLR bindings.</summary>
    public SchemaBuilder ResolveType(string abstractTypeName, Func<object, string?> resolver)
    {
        ArgumentNullException.ThrowIfNull(abstractTypeName);
        ArgumentNullException.ThrowIfNull(resolver);
        _typeResolvers.Add((abstractTypeName, resolver));
        return this;
    }

    /// <summary>Coercion hooks for a custom scalar declared in the SDL (without hooks it passes values through).</summary>
    public SchemaBuilder Scalar(string scalarName, ScalarCoercion coercion)
    {
        ArgumentNullException.ThrowIfNull(scalarName);
        ArgumentNullException.ThrowIfNull(coercion);
        _scalars[scalarName] = coercion;
        return this;
    }

    /// <inheritdoc cref="Scalar(string, ScalarCoercion)"/>
    public SchemaBuilder Scalar(
        string scalarName,
        Func<object, object?>? serialize = null,
        Func<object, object?>? parseValue = null,
        Func<ValueNode, object?>? parseLiteral = null) =>
        Scalar(scalarName, new ScalarCoercion { Serialize = serialize, ParseValue = parseValue, ParseLiteral = parseLiteral });

    /// <summary>
    /// Binds an enum type to a CLR enum: each GraphQL value maps to the member whose PascalCase name converts to it
    /// (<c>LocalAuthority</c> ↔ <c>LOCAL_AUTHORITY</c>); input coercion yields the CLR member, results may be CLR members.
    /// </summary>
    public SchemaBuilder BindEnum<TEnum>(string enumTypeName)
        where TEnum : struct, Enum
    {
        ArgumentNullException.ThrowIfNull(enumTypeName);
        _enumBindings.Add((typeof(TEnum), enumTypeName));
        return this;
    }

    /// <summary>
    /// Builds the schema. Throws <see cref="SchemaValidationException"/> listing every problem: SDL errors (unknown
    /// types, duplicate names, misplaced directives…), schema validation errors, and binding errors (bindings that
    /// name missing types or fields, enum values without CLR members, object fields left without a resolver).
    /// </summary>
    public Schema Build(BuildOptions? options = null)
    {
        options ??= new BuildOptions();
        var factory = new SdlSchemaFactory(_scalars);
        factory.Build(_documents);
        if (factory.Errors.Count > 0)
        {
            // Like graphql-js's assertValidSDL: a document with SDL errors doesn't get as far as a schema.
            throw new SchemaValidationException(factory.Errors);
        }

        var roots = factory.Roots;
        var schema = new Schema(
            roots.Query as ObjectType,
            roots.Mutation as ObjectType,
            roots.Subscription as ObjectType,
            factory.Types,
            factory.Directives)
        {
            Description = factory.SchemaDefinition?.Description?.Value,
            AstNode = factory.SchemaDefinition,
            ExtensionAstNodes = factory.SchemaExtensions,
        };

        var errors = new List<GraphQLError>();
        if (options.ValidateSchema)
        {
            errors.AddRange(SchemaValidator.Validate(schema, roots));
        }
        errors.AddRange(ApplyBindings(schema, options));
        if (errors.Count > 0)
        {
            throw new SchemaValidationException(errors);
        }
        return schema;
    }

    private List<GraphQLError> ApplyBindings(Schema schema, BuildOptions options)
    {
        var errors = new List<GraphQLError>();
        void Problem(string message) => errors.Add(new GraphQLError(message, code: ErrorCodes.ValidationFailed));

        foreach (var (name, _) in _scalars)
        {
            if (schema.GetType(name) is not ScalarType { IsBuiltIn: false })
            {
                Problem(schema.GetType(name) is ScalarType
                    ? $"Scalar hooks given for built-in scalar \"{name}\", whose coercion is fixed by the spec."
                    : $"Scalar hooks given for \"{name}\", but the schema has no custom scalar \"{name}\".");
            }
        }

        foreach (var (clrEnum, name) in _enumBindings)
        {
            if (schema.GetType(name) is not EnumType enumType)
            {
                Problem($"BindEnum<{clrEnum.Name}> names \"{name}\", but the schema has no enum type \"{name}\".");
                continue;
            }
            var members = Enum.GetValues(clrEnum).Cast<Enum>()
                .GroupBy(m => NameConventions.ToEnumValueName(m.ToString()), StringComparer.Ordinal)
                .ToDictionary(g => g.Key, g => g.First(), StringComparer.Ordinal);
            foreach (var value in enumType.Values)
            {
                if (members.TryGetValue(value.Name, out var member))
                {
                    value.Value = member;
                }
                else
                {
                    Problem($"Enum value \"{enumType.Name}.{value.Name}\" has no member in CLR enum {clrEnum.Name} (expected one named like \"{value.Name}\" in PascalCase).");
                }
            }
            enumType.ClrType = clrEnum;
            enumType.ReindexValues();
        }

        var boundTypes = new Dictionary<Type, string>();
        foreach (var (clrType, name) in _typeBindings)
        {
            if (schema.GetType(name) is not ObjectType objectType)
            {
                Problem(schema.GetType(name) is null
                    ? $"BindType<{clrType.Name}> names \"{name}\", but the schema has no type \"{name}\"."
                    : $"BindType<{clrType.Name}> names \"{name}\", which is not an object type.");
                continue;
            }
            objectType.ClrType = clrType;
            boundTypes.TryAdd(clrType, name);
        }
        var dictionaryTypes = new HashSet<string>(StringComparer.Ordinal);
        foreach (var name in _dictionaryTypes)
        {
            if (schema.GetType(name) is ObjectType)
            {
                dictionaryTypes.Add(name);
            }
            else
            {
                Problem($"BindDictionary names \"{name}\", but the schema has no object type \"{name}\".");
            }
        }

        foreach (var (typeName, fieldName, resolver) in _resolvers)
        {
            var type = schema.GetType(typeName);
            if (type is not ObjectType objectType)
            {
                Problem(type is null
                    ? $"Resolver given for \"{typeName}.{fieldName}\", but the schema has no type \"{typeName}\"."
                    : $"Resolver given for \"{typeName}.{fieldName}\", but \"{typeName}\" is not an object type.");
                continue;
            }
            if (objectType.Fields[fieldName] is not { } field)
            {
                Problem($"Resolver given for \"{typeName}.{fieldName}\", but type \"{typeName}\" has no field \"{fieldName}\".");
                continue;
            }
            field.Resolver = resolver;
        }

        BindSubscribers(schema, Problem);

        foreach (var (typeName, fieldName, key, value) in _annotations)
        {
            if (schema.GetType(typeName) is not ComplexType { } complex || complex.Fields[fieldName] is not { } field)
            {
                Problem($"Annotation \"{key}\" given for \"{typeName}.{fieldName}\", but the schema has no such field.");
                continue;
            }
            field.Annotations = new Dictionary<string, object>(field.Annotations) { [key] = value };
        }

        foreach (var (abstractName, resolver) in _typeResolvers)
        {
            switch (schema.GetType(abstractName))
            {
                case InterfaceType i: i.TypeResolver = resolver; break;
                case UnionType u: u.TypeResolver = resolver; break;
                default:
                    Problem($"ResolveType given for \"{abstractName}\", but the schema has no interface or union \"{abstractName}\".");
                    break;
            }
        }

        foreach (var type in schema.Types)
        {
            switch (type)
            {
                case InterfaceType i:
                    i.Resolution = new AbstractTypeResolution(PossibleClrTypes(schema, i, boundTypes));
                    break;
                case UnionType u:
                    u.Resolution = new AbstractTypeResolution(PossibleClrTypes(schema, u, boundTypes));
                    break;
                case ObjectType o when o.AstNode is not null:
                    BindDefaultResolvers(o, dictionaryTypes.Contains(o.Name), options.RequireResolvers, Problem);
                    break;
            }
        }
        return errors;
    }

    private static Dictionary<Type, string> PossibleClrTypes(Schema schema, NamedType abstractType, Dictionary<Type, string> boundTypes)
    {
        var result = new Dictionary<Type, string>();
        foreach (var (clrType, name) in boundTypes)
        {
            if (schema.GetType(name) is ObjectType o && schema.IsSubType(abstractType, o))
            {
                result.TryAdd(clrType, name);
            }
        }
        return result;
    }

    private static void BindDefaultResolvers(ObjectType type, bool dictionaryParents, bool require, Action<string> problem)
    {
        foreach (var field in type.Fields)
        {
            if (field.Resolver is not null)
            {
                continue;
            }
            Func<object, object?>? propertyGetter = null;
            MemberInfo? member = null;
            if (type.ClrType is { } clrType)
            {
                member = FindMember(clrType, field.Name);
                if (member is not null)
                {
                    propertyGetter = CompileGetter(clrType, member);
                    field.Member = member;
                }
            }
            var getter = (propertyGetter, dictionaryParents) switch
            {
                (not null, true) => CombineWithDictionary(propertyGetter, field.Name),
                (not null, false) => propertyGetter,
                (null, true) => DictionaryGetter(field.Name),
                _ => null,
            };
            if (getter is null)
            {
                if (require)
                {
                    problem(type.ClrType is null
                        ? $"Field \"{type.Name}.{field.Name}\" has no resolver: give one with Resolve(\"{type.Name}\", \"{field.Name}\", …) or bind a CLR type with BindType."
                        : $"Field \"{type.Name}.{field.Name}\" has no resolver, and CLR type {type.ClrType.Name} bound to \"{type.Name}\" has no readable property \"{NameConventions.ToPropertyName(field.Name)}\".");
                }
                continue;
            }
            field.PropertyGetter = getter;
            field.DictionaryKey = dictionaryParents ? field.Name : null;
            field.Resolver = ctx => new ValueTask<object?>(getter(ctx.Parent ?? throw new InvalidOperationException(
                $"Field \"{type.Name}.{field.Name}\" has no resolver and its parent value is null.")));
        }
    }

    private static MemberInfo? FindMember(Type clrType, string fieldName)
    {
        const BindingFlags flags = BindingFlags.Public | BindingFlags.Instance;
        var pascal = NameConventions.ToPropertyName(fieldName);
        foreach (var name in new[] { pascal, fieldName })
        {
            if (clrType.GetProperty(name, flags) is { CanRead: true } p && p.GetIndexParameters().Length == 0 && p.GetMethod!.IsPublic)
            {
                return p;
            }
            if (clrType.GetField(name, flags) is { } f)
            {
                return f;
            }
        }
        // Properties of interfaces a CLR interface type inherits aren't returned by GetProperty on the interface.
        if (clrType.IsInterface)
        {
            foreach (var inherited in clrType.GetInterfaces())
            {
                if (FindMember(inherited, fieldName) is { } m)
                {
                    return m;
                }
            }
        }
        return null;
    }

    /// <summary>Compiles <c>parent => (object)((TClr)parent).Member</c> once per field, so no reflection runs per call.</summary>
    private static Func<object, object?> CompileGetter(Type clrType, MemberInfo member)
    {
        var parent = Expression.Parameter(typeof(object), "parent");
        var typed = Expression.Convert(parent, clrType);
        Expression access = member is PropertyInfo p ? Expression.Property(typed, p) : Expression.Field(typed, (FieldInfo)member);
        var body = Expression.Convert(access, typeof(object));
        return Expression.Lambda<Func<object, object?>>(body, parent).Compile();
    }

    private static Func<object, object?> DictionaryGetter(string key) => parent => parent switch
    {
        IReadOnlyDictionary<string, object?> ro => ro.TryGetValue(key, out var v) ? v : null,
        IDictionary<string, object?> rw => rw.TryGetValue(key, out var v) ? v : null,
        _ => throw new InvalidOperationException(
            $"Expected a dictionary parent to read \"{key}\" from, but got {parent.GetType().Name}."),
    };

    private static Func<object, object?> CombineWithDictionary(Func<object, object?> propertyGetter, string key)
    {
        var dictionaryGetter = DictionaryGetter(key);
        return parent => parent is IReadOnlyDictionary<string, object?> or IDictionary<string, object?>
            ? dictionaryGetter(parent)
            : propertyGetter(parent);
    }
}
