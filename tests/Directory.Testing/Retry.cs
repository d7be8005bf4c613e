namespace Directory.Testing;

/// <summary>
/// Retries a clean-up step that can fail for a moment for reasons outside the test. The case it exists for: dropping a
/// test's PostgreSQL database <c>WITH (FORCE)</c> fails with 42501 while an autovacuum worker (a superuser process the
/// test role may not terminate) is working in it after a large load; a moment later the drop succeeds. A class
/// clean-up failure makes <c>dotnet test</c> exit non-zero although every test passed.
/// </summary>
public static class Retry
{
    public static async Task WhileAsync(Func<Task> action, Func<Exception, bool> isTransient, int attempts = 20, int delayMilliseconds = 250)
    {
        ArgumentNullException.ThrowIfNull(action);
        ArgumentNullException.ThrowIfNull(isTransient);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await action();
                return;
            }
            catch (Exception e) when (attempt < attempts && isTransient(e))
            {
                await Task.Delay(delayMilliseconds);
            }
        }
    }
}
