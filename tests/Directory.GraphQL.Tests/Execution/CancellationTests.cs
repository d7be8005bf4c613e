using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using static Directory.GraphQL.Tests.Execution.ExecutionHarness;

namespace Directory.GraphQL.Tests.Execution;

/// <summary>Caller cancellation aborts execution; <see cref="ExecutorOptions.Timeout"/> yields a timeout error.</summary>
public sealed class CancellationTests
{
    private static GraphQL.Types.Schema SlowSchema(TaskCompletionSource<CancellationToken> observed) => BuildSchema(
        "type Query { slow: String, fast: String }",
        b => b
            .Resolve("Query", "fast", _ => "fast")
            .Resolve("Query", "slow", (FieldResolver)(async ctx =>
            {
                observed.TrySetResult(ctx.CancellationToken);
                await Task.Delay(Timeout.Infinite, ctx.CancellationToken);
                return "never";
            })));

    [Fact]
    public async Task Caller_cancellation_throws_and_reaches_resolvers()
    {
        var observed = new TaskCompletionSource<CancellationToken>();
        using var cts = new CancellationTokenSource();
        var execution = ExecuteAsync(SlowSchema(observed), "{ fast slow }", cancellationToken: cts.Token);
        var token = await observed.Task;
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => execution);
        token.IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task Timeout_gives_an_execution_timeout_error()
    {
        var observed = new TaskCompletionSource<CancellationToken>();
        var result = await ExecuteAsync(
            SlowSchema(observed), "{ fast slow }", options: new ExecutorOptions { Timeout = TimeSpan.FromMilliseconds(50) });
        result.HasData.ShouldBeTrue();
        result.Data.ShouldBeNull();
        result.IsRequestError.ShouldBeFalse();
        result.Errors.Last().Code.ShouldBe(ErrorCodes.Timeout);
        (await observed.Task).IsCancellationRequested.ShouldBeTrue();
    }

    [Fact]
    public async Task Already_cancelled_requests_do_not_run_resolvers()
    {
        var observed = new TaskCompletionSource<CancellationToken>();
        using var cts = new CancellationTokenSource();
        await cts.CancelAsync();
        await Should.ThrowAsync<OperationCanceledException>(() => ExecuteAsync(SlowSchema(observed), "{ slow }", cancellationToken: cts.Token));
        observed.Task.IsCompleted.ShouldBeFalse();
    }
}
