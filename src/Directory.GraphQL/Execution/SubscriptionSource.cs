namespace Directory.GraphQL.Execution;

/// <summary>
/// Creates the source event stream of a subscription field (spec §6.2.3.1 CreateSourceEventStream): what the field's
/// resolver is to a query. The stream ends when the subscriber's cancellation token is cancelled; each event it yields
/// becomes the root value of one execution of the operation's selection set (MapSourceToResponseEvent).
/// </summary>
public delegate ValueTask<IAsyncEnumerable<object?>> SubscriptionSource(ResolverContext context);
