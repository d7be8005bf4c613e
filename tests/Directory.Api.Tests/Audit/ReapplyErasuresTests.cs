using System.Data.Common;
using System.Diagnostics;
using System.Net.Http.Headers;
using System.Text;
using Directory.Api.Tests.GraphQL;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Directory.Api.Tests.Audit;

/// <summary>
/// The <c>reapply-erasures</c> command through the real command line: a copy of the database taken before an erasure
/// is restored, and the command, given the newer database's tombstones, erases the person again as completely as
/// <c>eraseContact</c> did (record gone, export texts redacted, the file holding no copy on SQLite), says how many it
/// erased, and erases no one when run again. On a real SQLite file (backup by the <c>backup</c> command) and on a
/// PostgreSQL database (backup and restore by pg_dump/pg_restore, as docs/operations.md describes).
/// </summary>
public sealed class ReapplyErasuresTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "reapply-erasures-" + Guid.NewGuid().ToString("N"));

    public ReapplyErasuresTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private sealed record Person(string Key, string Name, string Email);

    [Fact]
    public async Task Restoring_a_sqlite_copy_from_before_an_erasure_and_reapplying_erases_the_person_again()
    {
        using var live = new DirectoryApiFactory();
        var person = await PreparePersonAsync(live, () => new SqliteConnection(live.ConnectionString));
        var restored = Path.Combine(_folder, "restored.db");
        var backup = await ApiProcess.RunCommandAsync("backup", restored, $"--ConnectionStrings:Directory={live.ConnectionString}");
        backup.ExitCode.ShouldBe(0, backup.StandardError);
        await EraseAsync(live, person.Key);

        var restoredConnection = $"Data Source={restored}";
        await CheckReappliedAsync(person, () => new SqliteConnection(restoredConnection), live.ConnectionString,
            $"--ConnectionStrings:Directory={restoredConnection}");

        var email = Encoding.UTF8.GetBytes(person.Email);
        SqliteConnection.ClearAllPools();
        foreach (var path in new[] { restored, restored + "-wal" }.Where(File.Exists))
        {
            File.ReadAllBytes(path).AsSpan().IndexOf(email).ShouldBe(-1, $"{Path.GetFileName(path)} still holds the address");
        }
    }

    [SkippableFact]
    public async Task Restoring_a_postgres_dump_from_before_an_erasure_and_reapplying_erases_the_person_again()
    {
        PostgresDirectoryApiFactory.SkipUnlessAvailable();
        Skip.IfNot(File.Exists("/usr/bin/pg_dump"), "needs pg_dump and pg_restore");
        using var live = new PostgresDirectoryApiFactory();
        var liveConnection = live.Services.GetRequiredService<Microsoft.Extensions.Configuration.IConfiguration>()["ConnectionStrings:Directory"]!;
        var person = await PreparePersonAsync(live, () => new NpgsqlConnection(liveConnection));
        var dump = Path.Combine(_folder, "directory.dump");
        await RunAsync("pg_dump", liveConnection, "--format=custom", $"--file={dump}");
        await EraseAsync(live, person.Key);

        var admin = new NpgsqlConnectionStringBuilder(Environment.GetEnvironmentVariable("DIRECTORY_TEST_POSTGRES"));
        var restoredName = $"directory_restored_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin.ConnectionString))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE {restoredName}", connection);
            await create.ExecuteNonQueryAsync();
        }

        var restoredConnection = new NpgsqlConnectionStringBuilder(admin.ConnectionString) { Database = restoredName }.ConnectionString;
        try
        {
            await RunAsync("pg_restore", restoredConnection, "--no-owner", dump);
            await CheckReappliedAsync(person, () => new NpgsqlConnection(restoredConnection), liveConnection,
                "--Database:Provider=Postgres", $"--ConnectionStrings:Directory={restoredConnection}");
        }
        finally
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(admin.ConnectionString);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS {restoredName} WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
    }

    /// <summary>Runs the command on the restored database twice: the first run erases the person, the second no one.</summary>
    private static async Task CheckReappliedAsync(Person person, Func<DbConnection> restored, string newer, params string[] configuration)
    {
        (await ScalarAsync(restored, $"SELECT count(*) FROM contacts WHERE key = '{person.Key}'")).ShouldBe(1L, "the restored copy predates the erasure");
        (await ScalarAsync(restored, "SELECT count(*) FROM erasure_tombstones")).ShouldBe(0L);

        var first = await ApiProcess.RunCommandAsync(["reapply-erasures", "--from", newer, .. configuration]);
        first.ExitCode.ShouldBe(0, first.StandardError);
        first.StandardOutput.ShouldContain("Tombstones copied from --from: 1");
        first.StandardOutput.ShouldContain("Erasures re-applied: 1");

        (await ScalarAsync(restored, $"SELECT count(*) FROM contacts WHERE key = '{person.Key}'")).ShouldBe(0L);
        (await ScalarAsync(restored, $"SELECT count(*) FROM erasure_tombstones WHERE contact_key = '{person.Key}'")).ShouldBe(1L);
        (await ScalarAsync(restored, $"SELECT count(*) FROM audit_log WHERE action = 'erase' AND entity_key = '{person.Key}' AND actor = 'commissioner-office:reapply-erasures'")).ShouldBe(1L);
        (await ScalarAsync(restored, "SELECT count(*) FROM export_details WHERE purpose LIKE '%[erased]%'")).ShouldBe(1L);
        foreach (var table in new[] { "contacts", "export_details", "survey_responses", "audit_log" })
        {
            (await TextAsync(restored, table)).ShouldNotContain(person.Name, Case.Insensitive, table);
        }

        var again = await ApiProcess.RunCommandAsync(["reapply-erasures", "--from", newer, .. configuration]);
        again.ExitCode.ShouldBe(0, again.StandardError);
        again.StandardOutput.ShouldContain("Tombstones copied from --from: 0");
        again.StandardOutput.ShouldContain("Erasures re-applied: 0");
        (await ScalarAsync(restored, $"SELECT count(*) FROM audit_log WHERE action = 'erase' AND entity_key = '{person.Key}'")).ShouldBe(1L);
    }

    /// <summary>A sample contact no one shares a name or email with, named in an export's purpose before the backup.</summary>
    private static async Task<Person> PreparePersonAsync(DirectoryApiFactory api, Func<DbConnection> connection)
    {
        await api.DataAsync("{ __typename }"); // the service creates and fills the database on start
        await using var db = connection();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = """
            SELECT c.key, c.full_name, c.email FROM contacts c
            WHERE c.email IS NOT NULL AND c.key LIKE 'C0%'
              AND NOT EXISTS (SELECT 1 FROM contacts m WHERE m.manager_id = c.id)
              AND (SELECT count(*) FROM contacts o WHERE o.full_name = c.full_name OR o.email = c.email) = 1
            ORDER BY c.key LIMIT 1
            """;
        Person person;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            (await reader.ReadAsync()).ShouldBeTrue();
            person = new Person(reader.GetString(0), reader.GetString(1), reader.GetString(2));
        }

        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get,
            $"/exports/contacts.json?purpose={Uri.EscapeDataString($"Briefing for {person.Name}")}&where={Uri.EscapeDataString($$$"""{"email":{"eq":"{{{person.Email}}}"}}""")}");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.OfficeToken);
        using var response = await client.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return person;
    }

    private static async Task EraseAsync(DirectoryApiFactory api, string key)
    {
        var erased = (await api.DataAsync("mutation ($input: EraseContactInput!) { eraseContact(input: $input) { removedId errors { code } } }",
            new { input = new { id = Convert.ToBase64String(Encoding.UTF8.GetBytes($"Contact:{key}")) } }, api.OfficeToken)).GetProperty("eraseContact");
        erased.GetProperty("errors").GetArrayLength().ShouldBe(0);
    }

    private static async Task<object?> ScalarAsync(Func<DbConnection> connection, string sql)
    {
        await using var db = connection();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = sql;
        return await command.ExecuteScalarAsync();
    }

    private static async Task<string> TextAsync(Func<DbConnection> connection, string table)
    {
        await using var db = connection();
        await db.OpenAsync();
        await using var command = db.CreateCommand();
        command.CommandText = $"SELECT * FROM {table}";
        await using var reader = await command.ExecuteReaderAsync();
        var text = new StringBuilder();
        while (await reader.ReadAsync())
        {
            for (var i = 0; i < reader.FieldCount; i++)
            {
                text.Append(reader.IsDBNull(i) ? "" : reader.GetValue(i)).Append('|');
            }
            text.Append('\n');
        }
        return text.ToString();
    }

    /// <summary>Runs a PostgreSQL client program against the database of <paramref name="connectionString"/>.</summary>
    private static async Task RunAsync(string program, string connectionString, params string[] arguments)
    {
        var target = new NpgsqlConnectionStringBuilder(connectionString);
        var start = new ProcessStartInfo(program) { RedirectStandardError = true, RedirectStandardOutput = true, UseShellExecute = false };
        foreach (var argument in new[] { $"--host={target.Host}", $"--port={target.Port}", $"--username={target.Username}", $"--dbname={target.Database}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }
        start.Environment["PGPASSWORD"] = target.Password;
        using var process = Process.Start(start)!;
        var stderr = process.StandardError.ReadToEndAsync();
        await process.StandardOutput.ReadToEndAsync();
        await process.WaitForExitAsync();
        process.ExitCode.ShouldBe(0, $"{program}: {await stderr}");
    }
}
