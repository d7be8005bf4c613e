using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Api.Writes;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Xunit.Abstractions;

namespace Directory.Api.Tests.Cli;

/// <summary>
/// The <c>backup</c> subcommand and the restore drill of docs/operations.md, on real processes: the service on a
/// SQLite file under write load over HTTP, the real <c>backup</c> command taken meanwhile, and a second service
/// started on the copy.
/// </summary>
public sealed class BackupTests : IDisposable
{
    private const string SigningKey = "backup-drill-test-signing-key-0123456789abcdef";

    // Enough writers that the backup starts among writes in flight, few enough for a 2-core machine.
    private const int Writers = 3;

    private const string DrillCodePrefix = "X-DRILL-";

    // How long a service may take to load the sample and listen: a bound against hanging, generous because the whole
    // test project starts services in parallel on a shared machine.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromMinutes(5);

    private readonly string _folder = Path.Combine(Path.GetTempPath(), "directory-backup-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(30) };

    private readonly ITestOutputHelper _output;

    public BackupTests(ITestOutputHelper output)
    {
        _output = output;
        System.IO.Directory.CreateDirectory(_folder);
    }

    public void Dispose()
    {
        _client.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Restore_drill_a_backup_taken_under_write_load_holds_every_write_acknowledged_before_it_started()
    {
        var database = Path.Combine(_folder, "live.db");
        var copy = Path.Combine(_folder, "backup.db");
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        // The drill's writers are one user sending as fast as the service answers: the rate limiter would refuse them.
        await using var service = ApiProcess.Start(
            "--urls", url, $"--ConnectionStrings:Directory=Data Source={database}", $"--Auth:SigningKey={SigningKey}",
            "--RateLimiting:Enabled=false");
        using (var health = await service.WaitForResponseAsync(_client, url + "/health", StartTimeout))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);
        }

        var token = OfficeToken();
        var acknowledged = new ConcurrentQueue<(string Code, long At)>();
        var failures = new ConcurrentQueue<string>();
        using var stopWriting = new CancellationTokenSource();
        var writers = Enumerable.Range(1, Writers)
            .Select(writer => Task.Run(() => WriteUntilStoppedAsync(url, token, writer, acknowledged, failures, stopWriting.Token)))
            .ToArray();
        await WaitUntilAsync(() => acknowledged.Count >= 30 || !failures.IsEmpty, "30 writes acknowledged");

        var backupStarted = Stopwatch.GetTimestamp();
        var backup = await ApiProcess.RunCommandAsync("backup", copy, $"--ConnectionStrings:Directory=Data Source={database}");
        var backupEnded = Stopwatch.GetTimestamp();
        await WaitUntilAsync(() => acknowledged.Count(a => a.At > backupEnded) >= 10 || !failures.IsEmpty, "10 writes after the backup");
        await stopWriting.CancelAsync();
        await Task.WhenAll(writers);

        backup.ExitCode.ShouldBe(0, backup.StandardError);
        backup.StandardOutput.ShouldContain("integrity check ok");
        failures.ShouldBeEmpty("every write of the load must succeed, the backup notwithstanding");
        acknowledged.Count(a => a.At > backupStarted && a.At < backupEnded)
            .ShouldBeGreaterThan(0, "the service kept acknowledging writes while the backup command ran");
        var acknowledgedBefore = acknowledged.Where(a => a.At < backupStarted).Select(a => a.Code).ToHashSet();
        _output.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{acknowledged.Count} writes acknowledged: {acknowledgedBefore.Count} before the backup, " +
            $"{acknowledged.Count(a => a.At > backupStarted && a.At < backupEnded)} while it ran. {backup.StandardOutput.Trim()}"));
        System.IO.Directory.GetFiles(_folder, "*.partial").ShouldBeEmpty();

        using (var connection = new SqliteConnection($"Data Source={copy};Mode=ReadOnly;Pooling=False"))
        {
            connection.Open();
            Scalar(connection, "PRAGMA integrity_check").ShouldBe("ok");
            Scalar(connection, "PRAGMA journal_mode").ShouldBe("wal");
            // A consistent snapshot: each drill organisation in the copy came with the audit entry written in its
            // transaction, and none without.
            var organisations = Scalar(connection, $"SELECT COUNT(*) FROM organisations WHERE code LIKE '{DrillCodePrefix}%'");
            var audited = Scalar(connection,
                $"SELECT COUNT(*) FROM audit_log WHERE entity_type = 'Organisation' AND action = 'create' AND entity_key LIKE '{DrillCodePrefix}%'");
            audited.ShouldBe(organisations);
        }

        var restoredUrl = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        await using var restored = ApiProcess.Start(
            "--urls", restoredUrl, $"--ConnectionStrings:Directory=Data Source={copy}", $"--Auth:SigningKey={SigningKey}");
        using (var health = await restored.WaitForResponseAsync(_client, restoredUrl + "/health", StartTimeout))
        {
            health.StatusCode.ShouldBe(HttpStatusCode.OK, restored.Output);
        }
        var restoredCodes = await DrillCodesAsync(restoredUrl, token);
        acknowledgedBefore.Except(restoredCodes).ShouldBeEmpty("every write acknowledged before the backup started is in the copy");
        restoredCodes.Count.ShouldBeGreaterThanOrEqualTo(acknowledgedBefore.Count);
        _output.WriteLine($"The service on the copy holds {restoredCodes.Count} of the drill's organisations.");
        // Restored means writable again, not just readable.
        (await CreateOrganisationAsync(restoredUrl, token, DrillCodePrefix + "AFTER", CancellationToken.None)).ShouldBeNull();
    }

    [Fact]
    public async Task Backup_refuses_to_overwrite_an_existing_file_unless_told_and_never_leaves_a_partial_file()
    {
        var database = CreateSmallDatabase("source.db");
        var target = Path.Combine(_folder, "existing.db");
        await File.WriteAllTextAsync(target, "an older backup");

        var refused = await ApiProcess.RunCommandAsync("backup", target, $"--ConnectionStrings:Directory=Data Source={database}");

        refused.ExitCode.ShouldBe(1);
        refused.StandardError.ShouldContain("already exists: pass --overwrite to replace it");
        (await File.ReadAllTextAsync(target)).ShouldBe("an older backup");

        var replaced = await ApiProcess.RunCommandAsync("backup", target, "--overwrite", $"--ConnectionStrings:Directory=Data Source={database}");

        replaced.ExitCode.ShouldBe(0, replaced.StandardError);
        replaced.StandardOutput.ShouldContain($"to {target}");
        // No temporary file and no -wal/-shm left behind.
        System.IO.Directory.GetFiles(_folder).Select(Path.GetFileName).Order(StringComparer.Ordinal).ShouldBe(["existing.db", "source.db"]);
        using var connection = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Scalar(connection, "SELECT name FROM people").ShouldBe("Alex Example");
    }

    [Fact]
    public async Task Backup_of_a_database_that_does_not_exist_fails_and_creates_no_file()
    {
        var missing = Path.Combine(_folder, "missing.db");
        var target = Path.Combine(_folder, "copy.db");

        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync("backup", target, $"--ConnectionStrings:Directory=Data Source={missing}");

        exitCode.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"There is no database at {missing}");
        System.IO.Directory.GetFiles(_folder).ShouldBeEmpty();
    }

    [Fact]
    public async Task Backup_onto_the_database_itself_is_refused_even_with_overwrite()
    {
        var database = CreateSmallDatabase("live.db");
        var before = await File.ReadAllBytesAsync(database);

        var (exitCode, _, stderr) = await ApiProcess.RunCommandAsync("backup", database, "--overwrite", $"--ConnectionStrings:Directory=Data Source={database}");

        exitCode.ShouldBe(1);
        stderr.ShouldContain("is the database itself");
        (await File.ReadAllBytesAsync(database)).ShouldBe(before);
    }

    [Fact]
    public async Task Backup_on_postgres_prints_the_pg_dump_command_without_the_password_and_exits_1()
    {
        var target = Path.Combine(_folder, "directory.dump");

        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync(
            "backup", target, "--Database:Provider=Postgres",
            "--ConnectionStrings:Directory=Host=db.internal;Port=5433;Database=directory;Username=directory_backup;Password=s3cret-value");

        exitCode.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain($"pg_dump --format=custom --host=db.internal --port=5433 --username=directory_backup --dbname=directory --file={target}");
        stderr.ShouldContain("docs/operations.md");
        stderr.ShouldNotContain("s3cret-value");
        File.Exists(target).ShouldBeFalse();
    }

    [Fact]
    public async Task Backup_without_a_file_is_a_usage_error()
    {
        var (exitCode, _, stderr) = await ApiProcess.RunCommandAsync("backup");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("backup needs exactly one argument");
        stderr.ShouldContain("backup <file> [--overwrite]");
    }

    private static string OfficeToken()
    {
        var configuration = new ConfigurationBuilder()
            .AddInMemoryCollection(new Dictionary<string, string?> { ["Auth:SigningKey"] = SigningKey })
            .Build();
        return Tokens.Create(AuthOptions.From(configuration), Roles.CommissionerOffice, null, TimeSpan.FromMinutes(30), "backup-drill");
    }

    /// <summary>
    /// Creates organisations one after another until stopped, recording each code when the service has acknowledged
    /// it, with the moment of the acknowledgement; anything but a clean success is recorded as a failure and ends the
    /// writer.
    /// </summary>
    private async Task WriteUntilStoppedAsync(
        string url, string token, int writer, ConcurrentQueue<(string Code, long At)> acknowledged, ConcurrentQueue<string> failures,
        CancellationToken stop)
    {
        // Bounded, so a drill that never sees its stop signal still ends.
        for (var i = 1; i <= 20_000 && !stop.IsCancellationRequested; i++)
        {
            var code = string.Create(CultureInfo.InvariantCulture, $"{DrillCodePrefix}{writer}-{i:D5}");
            string? failure;
            try
            {
                failure = await CreateOrganisationAsync(url, token, code, stop);
            }
            catch (OperationCanceledException) when (stop.IsCancellationRequested)
            {
                return;
            }
            catch (HttpRequestException e)
            {
                failure = e.Message;
            }
            if (failure is not null)
            {
                failures.Enqueue($"{code}: {failure}");
                return;
            }
            acknowledged.Enqueue((code, Stopwatch.GetTimestamp()));
        }
    }

    /// <summary>Sends <c>createOrganisation</c>; returns null on success, otherwise what went wrong.</summary>
    private async Task<string?> CreateOrganisationAsync(string url, string token, string code, CancellationToken cancellationToken)
    {
        const string Mutation = """
            mutation Create($input: CreateOrganisationInput!) {
              createOrganisation(input: $input) { organisation { code } errors { code message } }
            }
            """;
        var input = new { code, name = $"Restore drill {code}", type = "OTHER" };
        using var response = await PostGraphQLAsync(url, token, Mutation, new { input }, cancellationToken);
        var text = await response.Content.ReadAsStringAsync(cancellationToken);
        if (response.StatusCode != HttpStatusCode.OK)
        {
            return $"HTTP {(int)response.StatusCode}: {text}";
        }
        using var body = JsonDocument.Parse(text);
        var created = body.RootElement.TryGetProperty("data", out var data) && data.ValueKind == JsonValueKind.Object
            ? data.GetProperty("createOrganisation").GetProperty("organisation")
            : default;
        return !body.RootElement.TryGetProperty("errors", out _) && created.ValueKind == JsonValueKind.Object
            && created.GetProperty("code").GetString() == code
            ? null
            : text;
    }

    /// <summary>Every drill organisation the service at <paramref name="url"/> holds, page by page.</summary>
    private async Task<HashSet<string>> DrillCodesAsync(string url, string token)
    {
        const string Query = """
            query Drill($prefix: String!, $after: String) {
              organisations(first: 100, after: $after, where: { code: { startsWith: $prefix } }) {
                nodes { code }
                pageInfo { hasNextPage endCursor }
              }
            }
            """;
        var codes = new HashSet<string>(StringComparer.Ordinal);
        string? after = null;
        while (true)
        {
            using var response = await PostGraphQLAsync(url, token, Query, new { prefix = DrillCodePrefix, after }, CancellationToken.None);
            var text = await response.Content.ReadAsStringAsync();
            response.StatusCode.ShouldBe(HttpStatusCode.OK, text);
            using var body = JsonDocument.Parse(text);
            body.RootElement.TryGetProperty("errors", out _).ShouldBeFalse(text);
            var page = body.RootElement.GetProperty("data").GetProperty("organisations");
            foreach (var node in page.GetProperty("nodes").EnumerateArray())
            {
                codes.Add(node.GetProperty("code").GetString()!);
            }
            var pageInfo = page.GetProperty("pageInfo");
            if (!pageInfo.GetProperty("hasNextPage").GetBoolean())
            {
                return codes;
            }
            after = pageInfo.GetProperty("endCursor").GetString();
        }
    }

    private Task<HttpResponseMessage> PostGraphQLAsync(string url, string token, string query, object variables, CancellationToken cancellationToken)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, url + "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return _client.SendAsync(request, cancellationToken);
    }

    /// <summary>Waits for a condition of the load; the limit only keeps a broken drill from hanging the test run.</summary>
    private static async Task WaitUntilAsync(Func<bool> condition, string what)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromMinutes(2);
        while (!condition())
        {
            DateTime.UtcNow.ShouldBeLessThan(deadline, $"waiting for {what}");
            await Task.Delay(50);
        }
    }

    /// <summary>A small WAL-mode SQLite database, as the service keeps its own.</summary>
    private string CreateSmallDatabase(string name)
    {
        var path = Path.Combine(_folder, name);
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode = WAL; CREATE TABLE people (name TEXT); INSERT INTO people VALUES ('Alex Example');";
        command.ExecuteNonQuery();
        return path;
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToString(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }
}
