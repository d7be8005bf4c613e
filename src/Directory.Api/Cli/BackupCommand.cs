using System.Diagnostics;
using System.Globalization;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;
using Npgsql;
using SQLitePCL;

namespace Directory.Api.Cli;

/// <summary>
/// <c>backup &lt;file&gt; [--overwrite]</c>: a consistent copy of the SQLite database, taken while the service runs.
/// <para>
/// The copy is made with <c>VACUUM INTO</c>, which reads the database in one read transaction: in WAL mode the service
/// keeps reading and writing meanwhile, and the copy holds exactly the transactions committed when that read began.
/// Unlike the page-by-page backup API it writes only live rows, so the free pages where deleted (erased) rows linger
/// do not travel into backups. The copy is written beside the target under a temporary name, checked with
/// <c>PRAGMA integrity_check</c>, flushed to disk and only then renamed into place, so the target name never holds a
/// half-written file. A PostgreSQL database is backed up with <c>pg_dump</c>; the command prints the one to run.
/// </para>
/// </summary>
internal static partial class BackupCommand
{
    private static readonly HashSet<string> FlagNames = ["overwrite"];

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, new HashSet<string>(), FlagNames);
        if (arguments.Positional.Count != 1)
        {
            throw new CommandLineException("backup needs exactly one argument: the file to write the copy to.");
        }

        var target = Path.GetFullPath(arguments.Positional[0]);
        await using var host = SubcommandHost.Build(arguments.Configuration);
        var provider = DirectoryDatabase.ParseProvider(host.Configuration["Database:Provider"]);
        var connectionString = host.Configuration.GetConnectionString("Directory") is { Length: > 0 } configured
            ? configured
            : DirectoryDatabase.DefaultSqliteConnectionString;
        if (provider == DatabaseProvider.Postgres)
        {
            await stderr.WriteLineAsync(
                "backup copies SQLite databases; this service's database is PostgreSQL. Back it up with pg_dump " +
                "(docs/operations.md, \"Backups\"), with the password in PGPASSWORD or ~/.pgpass:");
            await stderr.WriteLineAsync("  " + PgDumpCommand(connectionString, target));
            return CommandLine.Failure;
        }

        var source = new SqliteConnectionStringBuilder(connectionString);
        if (source.Mode == SqliteOpenMode.Memory || source.DataSource is "" or ":memory:")
        {
            await stderr.WriteLineAsync("The configured SQLite database is in memory: there is no file to back up.");
            return CommandLine.Failure;
        }

        var sourcePath = Path.GetFullPath(source.DataSource);
        var problem = CheckPaths(sourcePath, target, arguments.Flags.Contains("overwrite"));
        if (problem is not null)
        {
            await stderr.WriteLineAsync(problem);
            return CommandLine.Failure;
        }

        var stopwatch = Stopwatch.StartNew();
        var temporary = Path.Combine(Path.GetDirectoryName(target)!, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.partial");
        try
        {
            // Read-write but never create: a mistyped path must fail, not leave an empty database behind; and the last
            // connection of a read-write open checkpoints and removes the -wal/-shm files, where a read-only one
            // would leave them beside a stopped service's database.
            source.Mode = SqliteOpenMode.ReadWrite;
            source.Pooling = false;
            var journalMode = await CopyAsync(source.ToString(), temporary, cancellationToken);
            var integrity = await FinishCopyAsync(temporary, journalMode, cancellationToken);
            if (integrity != "ok")
            {
                await stderr.WriteLineAsync($"The copy failed its integrity check ({integrity}); nothing was written to {target}.");
                return CommandLine.Failure;
            }

            File.Move(temporary, target, overwrite: arguments.Flags.Contains("overwrite"));
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or OperationCanceledException)
        {
            var reason = cancellationToken.IsCancellationRequested ? "interrupted" : e.Message;
            await stderr.WriteLineAsync($"Backup of {sourcePath} failed: {reason}. Nothing was written to {target}.");
            return CommandLine.Failure;
        }
        finally
        {
            File.Delete(temporary);
        }

        await stdout.WriteLineAsync(string.Create(CultureInfo.InvariantCulture,
            $"Backed up {sourcePath} to {target}: {new FileInfo(target).Length:N0} bytes, integrity check ok, {stopwatch.Elapsed.TotalSeconds:0.0} s."));
        return CommandLine.Success;
    }

    private static string? CheckPaths(string sourcePath, string target, bool overwrite)
    {
        if (!File.Exists(sourcePath))
        {
            return $"There is no database at {sourcePath} (ConnectionStrings:Directory).";
        }
        if (string.Equals(sourcePath, target, StringComparison.Ordinal))
        {
            return $"{target} is the database itself: give the backup another name.";
        }
        if (!System.IO.Directory.Exists(Path.GetDirectoryName(target)))
        {
            return $"{Path.GetDirectoryName(target)}: no such folder.";
        }
        if (System.IO.Directory.Exists(target))
        {
            return $"{target} is a folder: give the file to write the copy to.";
        }
        return File.Exists(target) && !overwrite ? $"{target} already exists: pass --overwrite to replace it." : null;
    }

    /// <summary>Writes the snapshot to <paramref name="path"/>; returns the source's journal mode.</summary>
    private static async Task<string> CopyAsync(string sourceConnectionString, string path, CancellationToken cancellationToken)
    {
        await using var connection = new SqliteConnection(sourceConnectionString);
        await connection.OpenAsync(cancellationToken);
        // Ctrl+C stops the copy at once instead of after the whole database has been read.
        await using var interrupt = cancellationToken.Register(() => raw.sqlite3_interrupt(connection.Handle));
        var journalMode = Convert.ToString(await ScalarAsync(connection, "PRAGMA journal_mode", cancellationToken), CultureInfo.InvariantCulture) ?? "";
        await using var vacuum = connection.CreateCommand();
        vacuum.CommandText = "VACUUM INTO $path";
        vacuum.Parameters.AddWithValue("$path", path);
        await vacuum.ExecuteNonQueryAsync(cancellationToken);
        return journalMode;
    }

    /// <summary>
    /// Checks the copy, gives it the source's journal mode (VACUUM INTO writes a rollback-journal database; a service
    /// restored from it should run in WAL mode as before) and flushes it to disk. Returns the integrity check's verdict.
    /// </summary>
    private static async Task<string> FinishCopyAsync(string path, string journalMode, CancellationToken cancellationToken)
    {
        var builder = new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWrite, Pooling = false };
        await using (var connection = new SqliteConnection(builder.ToString()))
        {
            await connection.OpenAsync(cancellationToken);
            var integrity = Convert.ToString(await ScalarAsync(connection, "PRAGMA integrity_check", cancellationToken), CultureInfo.InvariantCulture);
            if (integrity != "ok")
            {
                return integrity ?? "no answer";
            }
            if (string.Equals(journalMode, "wal", StringComparison.OrdinalIgnoreCase))
            {
                await ScalarAsync(connection, "PRAGMA journal_mode = WAL", cancellationToken);
            }
        }

        // The rename below must not publish a file whose pages are still only in the page cache.
        await using (var file = new FileStream(path, FileMode.Open, FileAccess.ReadWrite))
        {
            file.Flush(flushToDisk: true);
        }
        return "ok";
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync(cancellationToken);
    }

    /// <summary>The pg_dump command for the configured database, without its password.</summary>
    private static string PgDumpCommand(string connectionString, string target)
    {
        var settings = new NpgsqlConnectionStringBuilder(connectionString);
        var words = new List<string> { "pg_dump", "--format=custom" };
        if (!string.IsNullOrEmpty(settings.Host))
        {
            words.Add("--host=" + settings.Host);
        }
        words.Add("--port=" + settings.Port.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(settings.Username))
        {
            words.Add("--username=" + settings.Username);
        }
        if (!string.IsNullOrEmpty(settings.Database))
        {
            words.Add("--dbname=" + settings.Database);
        }
        words.Add("--file=" + target);
        return string.Join(' ', words.Select(ShellQuoted));
    }

    private static string ShellQuoted(string word) =>
        PlainShellWord().IsMatch(word) ? word : "'" + word.Replace("'", "'\\''", StringComparison.Ordinal) + "'";

    [GeneratedRegex(@"^[A-Za-z0-9_./:=@%+,-]+$")]
    private static partial Regex PlainShellWord();
}
