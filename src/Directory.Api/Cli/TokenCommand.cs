using System.Globalization;
using Directory.Api.Auth;

namespace Directory.Api.Cli;

/// <summary>
/// <c>token --role ROLE [--org CODE] [--minutes N] [--sub NAME]</c>: prints a JWT signed with the configured key
/// (<c>Auth:SigningKey</c>), valid for this service's issuer and audience, for development and demonstrations.
/// </summary>
internal static class TokenCommand
{
    private static readonly HashSet<string> OptionNames = ["role", "org", "minutes", "sub"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, OptionNames);
        if (arguments.Positional.Count > 0)
        {
            throw new CommandLineException($"token takes no positional arguments (got '{arguments.Positional[0]}').");
        }
        if (!arguments.Options.TryGetValue("role", out var role) || !Roles.ByClaimValue.ContainsKey(role))
        {
            throw new CommandLineException($"token needs --role, one of: {string.Join(", ", Roles.ByClaimValue.Keys)}.");
        }
        arguments.Options.TryGetValue("org", out var organisation);
        if (role == Roles.Partner && string.IsNullOrWhiteSpace(organisation))
        {
            throw new CommandLineException("A partner token needs --org CODE, the partner's organisation code.");
        }
        if (role != Roles.Partner && organisation is not null)
        {
            throw new CommandLineException("--org applies to partner tokens only.");
        }
        var minutes = 60;
        if (arguments.Options.TryGetValue("minutes", out var text)
            && (!int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out minutes) || minutes is < 1 or > 60 * 24 * 30))
        {
            throw new CommandLineException("--minutes must be a whole number from 1 to 43200 (30 days).");
        }

        await using var host = SubcommandHost.Build(arguments.Configuration);
        var options = AuthOptions.From(host.Configuration);
        if (options.SymmetricKey() is null)
        {
            await stderr.WriteLineAsync("No signing key is configured: set Auth:SigningKey (e.g. --Auth:SigningKey=...) to sign tokens.");
            return CommandLine.Failure;
        }
        arguments.Options.TryGetValue("sub", out var subject);
        await stdout.WriteLineAsync(Tokens.Create(options, role, organisation, TimeSpan.FromMinutes(minutes), subject).AsMemory(), cancellationToken);
        return CommandLine.Success;
    }
}
