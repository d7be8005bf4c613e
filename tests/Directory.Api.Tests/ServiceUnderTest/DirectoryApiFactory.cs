using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.ServiceUnderTest;

/// <summary>
/// The real service (Program, configuration, EF Core, the engine, the HTTP endpoint) over a fresh SQLite file that the
/// service fills with the bundled sample on start, as on a first run. One per test class.
/// </summary>
public class DirectoryApiFactory : WebApplicationFactory<Program>
{
    public string DatabasePath { get; } = Path.Combine(Path.GetTempPath(), "directory-api-" + Guid.NewGuid().ToString("N") + ".db");

    public string ConnectionString => $"Data Source={DatabasePath}";

    /// <summary>Development unless a subclass says otherwise: tests see diagnostics and the development signing key.</summary>
    protected virtual string EnvironmentName => "Development";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.UseEnvironment(EnvironmentName);
        builder.UseSetting("ConnectionStrings:Directory", ConnectionString);
        builder.UseSetting("Database:Provider", "Sqlite");
        builder.UseSetting("Directory:SampleData", "true");
    }

    /// <summary>A token signed with the service's development key, checked by the real JWT validation.</summary>
    public string Token(string role, string? organisation = null, TimeSpan? lifetime = null) =>
        Tokens.Create(Services.GetRequiredService<AuthOptions>(), role, organisation, lifetime ?? TimeSpan.FromMinutes(10));

    /// <summary>A token of the Commissioner's office, who sees every contact.</summary>
    public string OfficeToken => Token(Roles.CommissionerOffice);

    /// <summary>POSTs a GraphQL request (with a bearer token when given) and returns the parsed response body.</summary>
    public async Task<JsonElement> QueryAsync(string query, object? variables = null, IDictionary<string, string>? headers = null, string? token = null)
    {
        using var client = CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.Add(new MediaTypeWithQualityHeaderValue("application/graphql-response+json"));
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.Add(name, value);
        }
        using var response = await client.SendAsync(request);
        var text = await response.Content.ReadAsStringAsync();
        return JsonDocument.Parse(text).RootElement.Clone();
    }

    /// <summary>Runs a query that must succeed and returns its <c>data</c>.</summary>
    public async Task<JsonElement> DataAsync(string query, object? variables = null, string? token = null)
    {
        var body = await QueryAsync(query, variables, token: token);
        if (body.TryGetProperty("errors", out var errors))
        {
            throw new InvalidOperationException("GraphQL errors: " + errors.GetRawText());
        }
        return body.GetProperty("data");
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        SqliteConnection.ClearAllPools();
        foreach (var suffix in new[] { "", "-wal", "-shm" })
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}

/// <summary>The service as deployed: Production settings (no suggestions, no exception messages, no diagnostics).</summary>
public sealed class ProductionDirectoryApiFactory : DirectoryApiFactory
{
    protected override string EnvironmentName => "Production";

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        // Production has no development key; a deployment configures its own, as here.
        builder.UseSetting("Auth:SigningKey", "production-test-signing-key-0123456789abcdef");
    }
}

/// <summary>
/// The service on a fresh database of its own on the PostgreSQL server named by <c>DIRECTORY_TEST_POSTGRES</c>
/// (started by .ci/postgres.sh), filled with the sample on start like the SQLite one. Tests using it must first call
/// <see cref="SkipUnlessAvailable"/>; the database is dropped on dispose.
/// </summary>
public sealed class PostgresDirectoryApiFactory : DirectoryApiFactory
{
    private const string Variable = "DIRECTORY_TEST_POSTGRES";

    private readonly string _database = $"directory_api_test_{Guid.NewGuid():N}";

    private static string? Admin => Environment.GetEnvironmentVariable(Variable);

    public static void SkipUnlessAvailable() =>
        Skip.If(string.IsNullOrWhiteSpace(Admin), $"PostgreSQL tests need {Variable} (run .ci/postgres.sh).");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        base.ConfigureWebHost(builder);
        using (var connection = new Npgsql.NpgsqlConnection(Admin))
        {
            connection.Open();
            using var create = new Npgsql.NpgsqlCommand($"CREATE DATABASE {_database}", connection);
            create.ExecuteNonQuery();
        }
        builder.UseSetting("Database:Provider", "Postgres");
        builder.UseSetting("ConnectionStrings:Directory", new Npgsql.NpgsqlConnectionStringBuilder(Admin) { Database = _database }.ConnectionString);
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (string.IsNullOrWhiteSpace(Admin))
        {
            return;
        }
        Npgsql.NpgsqlConnection.ClearAllPools();
        Directory.Testing.Retry.WhileAsync(
            async () =>
            {
                await using var connection = new Npgsql.NpgsqlConnection(Admin);
                await connection.OpenAsync();
                await using var drop = new Npgsql.NpgsqlCommand($"DROP DATABASE IF EXISTS {_database} WITH (FORCE)", connection);
                await drop.ExecuteNonQueryAsync();
            },
            e => e is Npgsql.PostgresException { SqlState: "42501" or "55006" }).GetAwaiter().GetResult();
    }
}
