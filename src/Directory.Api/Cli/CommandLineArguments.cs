namespace Directory.Api.Cli;

/// <summary>
/// The arguments of a subcommand, split three ways: positional values, the subcommand's own options
/// (e.g. <c>--survey STADV-2020</c>) and everything else, which is handed to ASP.NET Core configuration unchanged so
/// that <c>--ConnectionStrings:Directory=...</c> means the same to a subcommand as to the service.
/// </summary>
internal sealed class CommandLineArguments
{
    private CommandLineArguments(
        string command, List<string> positional, Dictionary<string, string> options, HashSet<string> flags, List<string> configuration)
    {
        Command = command;
        Positional = positional;
        Options = options;
        Flags = flags;
        Configuration = configuration;
    }

    public string Command { get; }

    public IReadOnlyList<string> Positional { get; }

    public IReadOnlyDictionary<string, string> Options { get; }

    /// <summary>The subcommand's switches that were given (e.g. <c>--overwrite</c>); they take no value.</summary>
    public IReadOnlySet<string> Flags { get; }

    /// <summary>Arguments for the configuration system (command-line configuration provider syntax).</summary>
    public IReadOnlyList<string> Configuration { get; }

    /// <summary>
    /// Splits <paramref name="args"/> (args[0] is the command). <paramref name="optionNames"/> are the subcommand's own
    /// options, each taking one value (<c>--name value</c> or <c>--name=value</c>); <paramref name="flagNames"/> its
    /// switches, which take none.
    /// </summary>
    public static CommandLineArguments Parse(string[] args, IReadOnlySet<string> optionNames, IReadOnlySet<string>? flagNames = null)
    {
        var positional = new List<string>();
        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        var flags = new HashSet<string>(StringComparer.Ordinal);
        var configuration = new List<string>();
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            if (!arg.StartsWith("--", StringComparison.Ordinal))
            {
                positional.Add(arg);
                continue;
            }
            // Checked before a value is looked for: a switch followed by a positional argument must not swallow it.
            if (flagNames is not null && flagNames.Contains(arg[2..]))
            {
                flags.Add(arg[2..]);
                continue;
            }

            var equals = arg.IndexOf('=', StringComparison.Ordinal);
            var name = equals < 0 ? arg[2..] : arg[2..equals];
            var value = equals < 0 ? null : arg[(equals + 1)..];
            if (value is null && i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal))
            {
                value = args[++i];
            }

            if (optionNames.Contains(name))
            {
                options[name] = value ?? throw new CommandLineException($"Option --{name} needs a value.");
            }
            else
            {
                configuration.Add(value is null ? arg : $"--{name}={value}");
            }
        }
        return new CommandLineArguments(args[0], positional, options, flags, configuration);
    }
}

/// <summary>A usage error: the message is printed with the usage text and the process exits with code 2.</summary>
internal sealed class CommandLineException(string message) : Exception(message);
