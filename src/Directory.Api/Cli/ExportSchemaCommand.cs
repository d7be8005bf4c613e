namespace Directory.Api.Cli;

/// <summary><c>export-schema [path]</c>: writes the SDL of the schema the service serves.</summary>
internal static class ExportSchemaCommand
{
    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, new HashSet<string>());
        if (arguments.Positional.Count > 1)
        {
            throw new CommandLineException("export-schema takes at most one argument: the file to write.");
        }

        var sdl = ServedSchema.Sdl;
        if (arguments.Positional.Count == 0)
        {
            await stdout.WriteAsync(sdl);
            return CommandLine.Success;
        }

        var path = Path.GetFullPath(arguments.Positional[0]);
        await File.WriteAllTextAsync(path, sdl, cancellationToken);
        await stdout.WriteLineAsync($"Wrote the schema to {path}.");
        return CommandLine.Success;
    }
}
