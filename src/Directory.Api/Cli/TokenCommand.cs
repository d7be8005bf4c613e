namespace Directory.Api.Cli;

/// <summary>
/// <c>token --role ROLE [--org CODE] [--minutes N]</c>. Signing development tokens needs the authentication
/// configuration that the security work (JWT bearer, roles and consent) brings; until it exists the command says so
/// and exits with the usage-error code, so scripts cannot mistake it for a token.
/// </summary>
internal static class TokenCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        await stderr.WriteLineAsync(
            "The token command is not available in this version: JWT authentication has not been added to the service yet.");
        return CommandLine.UsageError;
    }
}
