namespace Directory.GraphQL.Execution;

/// <summary>
/// Produces the value of one field for one parent object. Synchronous resolvers return a completed ValueTask, so
/// the executor can finish them inline without scheduling a task.
/// </summary>
public delegate ValueTask<object?> FieldResolver(ResolverContext context);
