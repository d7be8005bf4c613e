namespace Directory.GraphQL.Execution;

/// <summary>
/// What <see cref="RequestExecutor.SubscribeAsync(GraphQLRequest, IServiceProvider?, CancellationToken)"/> gives: either one result (a request error, an error creating the
/// source event stream, or the whole answer of a query or mutation) or a stream of results, one per source event
/// (spec §6.2.3). Transports write a single result as one message and then complete.
/// </summary>
internal sealed class SubscriptionResult
{
    private SubscriptionResult(ExecutionResult? single, IAsyncEnumerable<ExecutionResult>? stream)
    {
        Single = single;
        Stream = stream;
    }

    public static SubscriptionResult Once(ExecutionResult result) => new(result, null);

    public static SubscriptionResult Of(IAsyncEnumerable<ExecutionResult> stream) => new(null, stream);

    /// <summary>The only result, when there is no stream.</summary>
    public ExecutionResult? Single { get; }

    /// <summary>One result per source event; ends when the source ends or the caller's token is cancelled.</summary>
    public IAsyncEnumerable<ExecutionResult>? Stream { get; }

    /// <summary>The results, whichever kind this is, as one sequence.</summary>
    public async IAsyncEnumerable<ExecutionResult> ResultsAsync()
    {
        if (Single is not null)
        {
            yield return Single;
            yield break;
        }
        await foreach (var result in Stream!.ConfigureAwait(false))
        {
            yield return result;
        }
    }
}
