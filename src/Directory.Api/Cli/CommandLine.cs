namespace Directory.Api.Cli;

/// <summary>
/// The subcommands of the service executable. Each builds the same configuration as the service (appsettings,
/// environment variables, <c>--Key=value</c> arguments), so a subcommand works on the database the service uses.
/// Exit codes: 0 success, 1 the operation failed (e.g. invalid import data), 2 a usage error.
/// </summary>
internal static class CommandLine
{
    public const int Success = 0;
    public const int Failure = 1;
    public const int UsageError = 2;

    public const string Usage = """
        Usage: Directory.Api [command] [arguments] [--Configuration:Key=value ...]

        Without a command, runs the service (http://localhost:5080 unless --urls says otherwise).

        Commands:
          import <folder> [--survey CODE]
              Imports the nine survey CSV files in <folder> (format: data/stadv-2020/README.md) into survey CODE
              (default STADV-2020), and its funding_awards.csv when it has one. All or nothing: every problem is
              reported and nothing is written.
          import-funding <file>
              Imports a file of funding awards (format: data/funding/README.md) for organisations already in the
              database. All or nothing, like import.
          token --role ROLE [--org CODE] [--minutes N] [--sub NAME]
              Prints a JWT signed with the configured key (Auth:SigningKey), valid for N minutes (default 60).
              ROLE: commissioner-office, partner (needs --org), government, voluntary-sector.
          export-schema [path]
              Writes the served GraphQL schema (SDL) to <path>, or to standard output.
          backup <file> [--overwrite]
              Writes a consistent copy of the SQLite database to <file>, also while the service runs; an existing
              <file> is replaced only with --overwrite. On PostgreSQL, prints the pg_dump command to use instead.
          reapply-erasures [--from CONNECTION]
              After restoring a backup: erases again everyone an erasure tombstone names (by contact key or keyed
              email digest), as eraseContact does, and purges them from the files. --from copies in first the
              tombstones of the newer database (same provider) that the backup predates. Prints how many it erased;
              repeating it erases no one.
          help
              Shows this text.

        Configuration keys (also settable as environment variables, e.g. Database__Provider=Postgres):
          ConnectionStrings:Directory   Database:Provider (Sqlite|Postgres)   Directory:SampleData (true|false)
          Auth:SigningKey   Auth:Authority   Auth:Issuer   Auth:Audience
        """;

    private static readonly Dictionary<string, Func<string[], TextWriter, TextWriter, CancellationToken, Task<int>>> Commands =
        new(StringComparer.Ordinal)
        {
            ["import"] = ImportCommand.RunAsync,
            ["import-funding"] = ImportCommand.RunFundingAsync,
            ["token"] = TokenCommand.RunAsync,
            ["export-schema"] = ExportSchemaCommand.RunAsync,
            ["backup"] = BackupCommand.RunAsync,
            ["reapply-erasures"] = ReapplyErasuresCommand.RunAsync,
            ["help"] = (_, stdout, _, _) => { stdout.WriteLine(Usage); return Task.FromResult(Success); },
        };

    /// <summary>A first argument that is not an option names a subcommand; options alone run the service.</summary>
    public static bool IsCommand(string[] args) => args.Length > 0 && !args[0].StartsWith('-');

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        if (!Commands.TryGetValue(args[0], out var command))
        {
            await stderr.WriteLineAsync($"Unknown command '{args[0]}'.");
            await stderr.WriteLineAsync(Usage);
            return UsageError;
        }

        try
        {
            return await command(args, stdout, stderr, cancellationToken);
        }
        catch (CommandLineException e)
        {
            await stderr.WriteLineAsync(e.Message);
            await stderr.WriteLineAsync(Usage);
            return UsageError;
        }
    }
}
