using System.Runtime.CompilerServices;
using System.Text.Json;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Language;
using Directory.GraphQL.Telemetry;

namespace Directory.GraphQL.Execution;

public sealed partial class RequestExecutor
{
    /// <summary>
    /// Subscribe (spec §6.2.3): for a subscription operation, creates the source event stream of its single root field
    /// and maps each event to a response by executing the selection set with the event as root value. A query or a
    /// mutation is executed once (so a streaming transport serves every operation type). Request errors, and errors
    /// creating the stream (argument coercion, the field's <see cref="SubscriptionSource"/> throwing), give a single
    /// result with errors and no data, as graphql-js <c>subscribe</c> does. Cancelling
    /// <paramref name="cancellationToken"/> ends the stream.
    /// </summary>
    internal async Task<SubscriptionResult> SubscribeAsync(GraphQLRequest request, IServiceProvider? services = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        // One span for the subscribe (up to the source stream, or the single result); each event gets its own.
        using var telemetry = Telemetry.StartOperation(request.OperationName, request.Query);
        var subscription = await SubscribeAsync(request, services, telemetry, cancellationToken).ConfigureAwait(false);
        if (subscription.Single is { } single)
        {
            telemetry.Complete(single);
        }
        else
        {
            telemetry.Complete(requestError: false, []);
        }
        return subscription;
    }

    private async Task<SubscriptionResult> SubscribeAsync(
        GraphQLRequest request, IServiceProvider? services, GraphQLTelemetry.OperationTelemetry telemetry, CancellationToken cancellationToken)
    {
        if (string.IsNullOrWhiteSpace(request.Query))
        {
            return SubscriptionResult.Once(ExecutionResult.RequestError(new GraphQLError("Must provide query string.", code: ErrorCodes.BadUserInput)));
        }
        var document = GetDocument(request.Query);
        if (document.Errors is not null)
        {
            return SubscriptionResult.Once(ExecutionResult.RequestError(document.Errors));
        }
        var prepared = Prepare(document, request.OperationName, request.Variables, telemetry);
        if (prepared.Refusal is not null)
        {
            return SubscriptionResult.Once(prepared.Refusal);
        }
        var plan = prepared.Plan!;
        if (plan.Operation.Operation != OperationType.Subscription)
        {
            return SubscriptionResult.Once(await RunAsync(plan, prepared.Variables!, request.Extensions, services, null, cancellationToken).ConfigureAwait(false));
        }

        var created = await CreateSourceEventStreamAsync(plan, prepared.Variables!, request.Extensions, services, cancellationToken).ConfigureAwait(false);
        return created.Error is not null
            ? SubscriptionResult.Once(ExecutionResult.RequestError(created.Error))
            : SubscriptionResult.Of(MapSourceToResponseEventsAsync(created.Source!, plan, prepared.Variables!, request.Extensions, services, cancellationToken));
    }

    /// <summary>CreateSourceEventStream (spec §6.2.3.1): the root field's arguments, then its subscriber.</summary>
    private async Task<(IAsyncEnumerable<object?>? Source, GraphQLError? Error)> CreateSourceEventStreamAsync(
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        CancellationToken cancellationToken)
    {
        // Validation (SingleFieldSubscriptionsRule) leaves exactly one root field, which is not an introspection field.
        var selection = plan.Root.Selections[0];
        var path = new List<object> { selection.ResponseName };
        try
        {
            var context = new ResolverContext
            {
                Parent = null,
                Arguments = selection.CoerceArguments(variables),
                Field = selection.Field,
                ParentType = selection.ParentType,
                FieldNodes = selection.Nodes,
                Path = ResponsePath.Root(selection.ResponseName),
                Variables = variables,
                Extensions = extensions ?? new Dictionary<string, JsonElement>(),
                Services = services ?? EmptyServiceProvider.Instance,
                CancellationToken = cancellationToken,
            };
            var subscriber = selection.Field.Subscriber
                ?? throw new GraphQLError($"Subscription field must return AsyncIterable. Received: undefined.");
            return (await subscriber(context).ConfigureAwait(false), null);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            throw;
        }
        catch (Exception ex)
        {
            return (null, ErrorFormatting.Locate(ex, selection.Locations, path, Options.ExposeExceptionMessages));
        }
    }

    /// <summary>MapSourceToResponseEvent (spec §6.2.3.2): each event executes the selection set as its root value.</summary>
    private async IAsyncEnumerable<ExecutionResult> MapSourceToResponseEventsAsync(
        IAsyncEnumerable<object?> source,
        OperationPlan plan,
        IReadOnlyDictionary<string, object?> variables,
        IReadOnlyDictionary<string, JsonElement>? extensions,
        IServiceProvider? services,
        [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await foreach (var sourceEvent in source.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            // Each event is an operation of its own for traces and metrics (the subscribe's span ended long ago),
            // ended before the result is handed on so that no span stays open while the subscriber waits.
            ExecutionResult result;
            using (var telemetry = Telemetry.StartOperation(plan.Operation.Name?.Value, document: null))
            {
                telemetry.Selected(plan.Operation);
                result = await RunAsync(plan, variables, extensions, services, sourceEvent, cancellationToken).ConfigureAwait(false);
                telemetry.Complete(result);
            }
            yield return result;
        }
    }
}
