using System.Net;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;

namespace Directory.Api.Tests.Hosting;

/// <summary>
/// The README's promise, checked on the real executable: it starts on an empty folder, creates and fills the SQLite
/// database, answers /health, and Ctrl+C leaves one consistent database file and no lock or journal files.
/// </summary>
public sealed class ServiceProcessTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "directory-service-" + Guid.NewGuid().ToString("N"));
    private readonly HttpClient _client = new() { Timeout = TimeSpan.FromSeconds(10) };

    public ServiceProcessTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        _client.Dispose();
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    [Fact]
    public async Task Starts_on_an_empty_database_loads_the_sample_and_stops_cleanly_on_ctrl_c()
    {
        var database = Path.Combine(_folder, "directory.db");
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        await using var service = ApiProcess.Start("--urls", url, $"--ConnectionStrings:Directory=Data Source={database}");

        using var response = await service.WaitForResponseAsync(_client, url + "/health", TimeSpan.FromSeconds(90));

        response.StatusCode.ShouldBe(HttpStatusCode.OK, service.Output);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/json");
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        health.RootElement.GetProperty("status").GetString().ShouldBe("Healthy");
        health.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeTrue();
        health.RootElement.GetProperty("database").GetProperty("provider").GetString().ShouldBe("Sqlite");
        service.Output.ShouldContain(url + "/graphql");

        service.Interrupt();
        (await service.WaitForExitAsync(TimeSpan.FromSeconds(30))).ShouldBe(0, service.Output);

        System.IO.Directory.GetFiles(_folder).Select(Path.GetFileName).ShouldBe(["directory.db"], "no -wal, -shm or -journal file may be left behind");
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly;Pooling=False");
        connection.Open();
        Scalar(connection, "PRAGMA integrity_check").ShouldBe("ok");
        // The sample: 617 organisations from the survey folder plus the 42 ICBs of the reference lists.
        Convert.ToInt32(Scalar(connection, "SELECT COUNT(*) FROM organisations"), System.Globalization.CultureInfo.InvariantCulture).ShouldBe(659);
    }

    [Fact]
    public async Task Health_answers_503_while_the_database_is_unreachable()
    {
        var url = $"http://127.0.0.1:{ApiProcess.FreePort()}";
        var closedPort = ApiProcess.FreePort();
        await using var service = ApiProcess.Start(
            "--urls", url,
            "--Database:Provider=Postgres",
            $"--ConnectionStrings:Directory=Host=127.0.0.1;Port={closedPort};Database=directory;Username=directory;Password=unused;Timeout=2",
            "--Directory:SampleData=false");

        using var response = await service.WaitForResponseAsync(_client, url + "/health", TimeSpan.FromSeconds(90));

        response.StatusCode.ShouldBe(HttpStatusCode.ServiceUnavailable, service.Output);
        using var health = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        health.RootElement.GetProperty("status").GetString().ShouldBe("Unhealthy");
        health.RootElement.GetProperty("database").GetProperty("reachable").GetBoolean().ShouldBeFalse();
        health.RootElement.GetProperty("database").GetProperty("provider").GetString().ShouldBe("Postgres");
        (await response.Content.ReadAsStringAsync()).ShouldNotContain("Password");
    }

    private static string? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar()?.ToString();
    }
}
