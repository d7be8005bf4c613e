using System.Linq.Expressions;
using System.Runtime.CompilerServices;

namespace Directory.Api.Reads;

/// <summary>
/// Resolvers that read their parent only through a lambda, so that the parent may be a projection (see
/// <see cref="Projection"/>): the lambda is the declaration of what the resolver reads and the only way it reads it,
/// so the two cannot disagree. A resolver written with the plain <c>Resolve</c> makes its type's selections load
/// whole entities.
/// </summary>
internal static class ProjectedResolvers
{
    /// <summary>A synchronous resolver given what <paramref name="reads"/> reads of the parent.</summary>
    public static SchemaBuilder ResolveFrom<TParent, TRead>(
        this SchemaBuilder schema, string typeName, string fieldName, Expression<Func<TParent, TRead>> reads, Func<ResolverContext, TRead, object?> resolve)
    {
        var read = reads.Compile();
        return schema
            .Resolve(typeName, fieldName, ctx => resolve(ctx, read((TParent)ctx.Parent!)))
            .Annotate(typeName, fieldName, Projection.ReadsAnnotation, reads);
    }

    /// <summary>An asynchronous resolver given what <paramref name="reads"/> reads of the parent.</summary>
    [OverloadResolutionPriority(1)]
    public static SchemaBuilder ResolveFrom<TParent, TRead, TResult>(
        this SchemaBuilder schema, string typeName, string fieldName, Expression<Func<TParent, TRead>> reads, Func<ResolverContext, TRead, Task<TResult>> resolve)
    {
        var read = reads.Compile();
        return schema
            .Resolve(typeName, fieldName, ctx => resolve(ctx, read((TParent)ctx.Parent!)))
            .Annotate(typeName, fieldName, Projection.ReadsAnnotation, reads);
    }

    /// <summary>
    /// A resolver that needs its parent entity whole, saying why: selecting it turns projection off for its list, on
    /// purpose (<see cref="Projection.FieldsDisablingProjection"/> lists any field that does so without saying).
    /// </summary>
    public static SchemaBuilder ResolveWhole<TParent, TResult>(
        this SchemaBuilder schema, string typeName, string fieldName, string because, Func<ResolverContext, TParent, Task<TResult>> resolve) => schema
        .Resolve(typeName, fieldName, ctx => resolve(ctx, (TParent)ctx.Parent!))
        .Annotate(typeName, fieldName, Projection.ReadsWholeAnnotation, because);

    /// <summary>
    /// A field whose value is the entity <paramref name="navigation"/> points to (<see cref="Projection.Reference"/>):
    /// the joined entity when the parent was read through a projection that joined it, otherwise
    /// <paramref name="load"/> by <paramref name="foreignKey"/>. Only for entities every viewer may see whole: the
    /// join bypasses whatever the loader filters.
    /// </summary>
    public static SchemaBuilder ResolveReference<TParent, TChild>(
        this SchemaBuilder schema,
        string typeName,
        string fieldName,
        Expression<Func<TParent, TChild?>> navigation,
        Expression<Func<TParent, int?>> foreignKey,
        Func<ResolverContext, int?, Task<TChild?>> load)
        where TChild : class
    {
        var joined = navigation.Compile();
        var key = foreignKey.Compile();
        return schema
            .Resolve(typeName, fieldName, ctx =>
            {
                var parent = (TParent)ctx.Parent!;
                return joined(parent) is { } child ? new ValueTask<TChild?>(child) : new ValueTask<TChild?>(load(ctx, key(parent)));
            })
            .Annotate(typeName, fieldName, Projection.ReferenceAnnotation, new Projection.Reference(navigation, foreignKey));
    }
}
