using Directory.Data.Import;

namespace Directory.Api.Cli;

/// <summary>
/// <c>import &lt;folder&gt; [--survey CODE]</c>: imports a survey folder, all or nothing. Prints the counts per entity and
/// exits 0, or prints every problem as <c>file:line:column: reason</c> and exits 1 with the database unchanged.
/// <c>import-funding &lt;file&gt;</c> does the same for one file of funding awards.
/// </summary>
internal static class ImportCommand
{
    private static readonly HashSet<string> OptionNames = ["survey"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, OptionNames);
        if (arguments.Positional.Count != 1)
        {
            throw new CommandLineException("import needs exactly one argument: the folder holding the survey CSV files.");
        }

        var folder = Path.GetFullPath(arguments.Positional[0]);
        if (!System.IO.Directory.Exists(folder))
        {
            await stderr.WriteLineAsync($"{folder}: no such folder.");
            return CommandLine.Failure;
        }

        var survey = arguments.Options.GetValueOrDefault("survey", SurveyImporter.DefaultSurveyCode);
        await using var host = SubcommandHost.Build(arguments.Configuration);
        await using var scope = host.Services.CreateAsyncScope();
        var importer = scope.ServiceProvider.GetRequiredService<SurveyImporter>();
        var result = await importer.ImportAsync(folder, survey, cancellationToken);
        if (result.Succeeded)
        {
            // The import sets successors from merged_into alone; the CCGs' successor ICBs come from the reference lists.
            await new ReferenceDataLoader(scope.ServiceProvider.GetRequiredService<Directory.Data.DirectoryDbContext>())
                .LinkHealthGeographyAsync(Directory.Data.DatabaseInitializer.ReferenceFolder, cancellationToken);
        }
        result.WriteTo(result.Succeeded ? stdout : stderr);
        return result.Succeeded ? CommandLine.Success : CommandLine.Failure;
    }

    public static async Task<int> RunFundingAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, new HashSet<string>());
        if (arguments.Positional.Count != 1)
        {
            throw new CommandLineException("import-funding needs exactly one argument: the funding awards CSV file.");
        }

        var file = Path.GetFullPath(arguments.Positional[0]);
        if (!File.Exists(file))
        {
            await stderr.WriteLineAsync($"{file}: no such file.");
            return CommandLine.Failure;
        }

        await using var host = SubcommandHost.Build(arguments.Configuration);
        await using var scope = host.Services.CreateAsyncScope();
        var result = await scope.ServiceProvider.GetRequiredService<SurveyImporter>().ImportFundingAsync(file, cancellationToken);
        result.WriteTo(result.Succeeded ? stdout : stderr);
        return result.Succeeded ? CommandLine.Success : CommandLine.Failure;
    }
}
