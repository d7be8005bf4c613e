using System.Collections.Concurrent;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;

namespace Directory.Data;

/// <summary>
/// A query compiled with <c>EF.CompileAsyncQuery</c>, once per EF Core model: a compiled query refuses a context of
/// another model than the first it ran with, and one process may hold both providers' (the tests do).
/// </summary>
/// <typeparam name="TQuery">The compiled query's delegate.</typeparam>
public sealed class CompiledQuery<TQuery>(Func<DbContext, TQuery> compile)
    where TQuery : class
{
    private readonly ConcurrentDictionary<IModel, TQuery> _byModel = new();

    /// <summary>The query compiled for <paramref name="db"/>'s model (compiled on first use; <paramref name="db"/> may serve as its template).</summary>
    public TQuery For(DbContext db)
    {
        ArgumentNullException.ThrowIfNull(db);
        return _byModel.GetOrAdd(db.Model, static (_, arguments) => arguments.compile(arguments.db), (compile, db));
    }
}
