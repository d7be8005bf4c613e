using System.Runtime.CompilerServices;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Data.Changes;

namespace Directory.Api.Live;

/// <summary>
/// <c>Subscription.directoryChanged</c>: the committed changes of <see cref="DirectoryChangeFeed"/>, each checked for the
/// subscriber's own viewer before it is sent. A created or updated entity is looked up through <c>Query.node</c>, the
/// same path (and so the same consent and visibility rules) as any read: when the subscriber could not read it, the
/// change is dropped rather than sent with nulls. A removed or erased contact cannot be looked up any more, so its
/// change (which reveals only its global ID) goes to the Commissioner's office alone; removals of the other kinds,
/// whose existence was public, go to everyone subscribed to that kind.
/// </summary>
internal static class DirectoryChangeResolvers
{
    private const string VisibilityQuery = "query ChangeVisible($id: ID!) { node(id: $id) { __typename } }";

    public static SchemaBuilder BindDirectoryChanges(this SchemaBuilder schema) => schema
        .BindEnum<ChangeKind>("ChangeKind")
        .BindEnum<ChangeAction>("ChangeAction")
        .BindType<DirectoryChange>("DirectoryChange")
        .Subscribe("Subscription", "directoryChanged", ctx => new ValueTask<IAsyncEnumerable<object?>>(
            // Listening starts now, when the subscription is made, so no change committed after it is missed.
            VisibleChangesAsync(ctx, ctx.Services.GetRequiredService<DirectoryChangeFeed>().Listen(ctx.CancellationToken), ctx.CancellationToken)))
        .Resolve("Subscription", "directoryChanged", ctx => ctx.Parent)
        .Resolve("DirectoryChange", "id", ctx => GlobalIdOf((DirectoryChange)ctx.Parent!))
        .Resolve("DirectoryChange", "node", ctx =>
        {
            var change = (DirectoryChange)ctx.Parent!;
            return change.Action is ChangeAction.Removed or ChangeAction.Erased
                ? Task.FromResult<object?>(null)
                : NodeResolvers.NodeAsync(ctx, GlobalIdOf(change));
        });

    /// <summary>The node type name whose global ID each kind's key makes.</summary>
    public static string TypeNameOf(ChangeKind kind) => kind switch
    {
        ChangeKind.Organisation => "Organisation",
        ChangeKind.Contact => "Contact",
        ChangeKind.Response => "SurveyResponse",
        ChangeKind.Contract => "Contract",
        ChangeKind.Partnership => "Partnership",
        _ => "FundingAward",
    };

    public static string GlobalIdOf(DirectoryChange change) => GlobalId.Of(TypeNameOf(change.Kind), change.Key);

    private static async IAsyncEnumerable<object?> VisibleChangesAsync(
        ResolverContext context, IAsyncEnumerable<DirectoryChange> changes, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var kinds = context.GetArgument<IReadOnlyList<object?>>("kinds")?.OfType<ChangeKind>().ToHashSet();
        var executor = context.Services.GetRequiredService<RequestExecutor>();
        var viewer = context.Services.GetRequiredService<Viewer>();
        await foreach (var change in changes.WithCancellation(cancellationToken))
        {
            if ((kinds is null || kinds.Contains(change.Kind))
                && await MaySeeAsync(executor, context.Services, viewer, change, cancellationToken))
            {
                yield return change;
            }
        }
    }

    private static async Task<bool> MaySeeAsync(RequestExecutor executor, IServiceProvider services, Viewer viewer, DirectoryChange change, CancellationToken cancellationToken)
    {
        if (change.Action is ChangeAction.Removed or ChangeAction.Erased)
        {
            return change.Kind != ChangeKind.Contact || viewer.IsOffice;
        }
        var variables = new Dictionary<string, JsonElement> { ["id"] = JsonSerializer.SerializeToElement(GlobalIdOf(change)) };
        var result = await executor.ExecuteAsync(new GraphQLRequest(VisibilityQuery, variables), services, cancellationToken);
        return result.Errors.Count == 0 && result.Data?["node"] is not null;
    }
}
