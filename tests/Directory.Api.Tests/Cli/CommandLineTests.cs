using System.Text;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Types;
using Microsoft.Data.Sqlite;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Directory.Api.Tests.Cli;

/// <summary>The executable's subcommands, run as real processes with real databases.</summary>
public sealed class CommandLineTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "directory-cli-" + Guid.NewGuid().ToString("N"));

    public CommandLineTests() => System.IO.Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        System.IO.Directory.Delete(_folder, recursive: true);
    }

    private static string SampleFolder => Path.Combine(ApiProcess.ApplicationFolder, "data", "stadv-2020");

    [Fact]
    public async Task Unknown_command_prints_usage_and_exits_2()
    {
        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync("frobnicate");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("Unknown command 'frobnicate'");
        stderr.ShouldContain("Usage:");
        stderr.ShouldContain("export-schema");
        stdout.ShouldBeEmpty();
    }

    [Fact]
    public async Task Import_without_a_folder_is_a_usage_error()
    {
        var (exitCode, _, stderr) = await ApiProcess.RunCommandAsync("import");

        exitCode.ShouldBe(2);
        stderr.ShouldContain("exactly one argument");
    }

    private const string TestSigningKey = "command-line-test-signing-key-0123456789abcdef";

    [Fact]
    public async Task Token_prints_a_jwt_signed_with_the_configured_key_for_the_role_and_organisation()
    {
        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync(
            "token", "--role", "partner", "--org", "E06000001", "--minutes", "5", $"--Auth:SigningKey={TestSigningKey}");

        exitCode.ShouldBe(0, stderr);
        var token = new JsonWebToken(stdout.Trim());
        token.GetClaim("role").Value.ShouldBe("partner");
        token.GetClaim("org").Value.ShouldBe("E06000001");
        token.Issuer.ShouldBe("commissioning-directory");
        token.Audiences.ShouldBe(["commissioning-directory"]);
        (token.ValidTo - token.ValidFrom).ShouldBe(TimeSpan.FromMinutes(5));
        var validation = await new JsonWebTokenHandler().ValidateTokenAsync(token, new TokenValidationParameters
        {
            ValidIssuer = "commissioning-directory",
            ValidAudience = "commissioning-directory",
            IssuerSigningKey = new SymmetricSecurityKey(Encoding.UTF8.GetBytes(TestSigningKey)),
        });
        validation.IsValid.ShouldBeTrue(validation.Exception?.Message);
    }

    [Theory]
    [InlineData("wizard", null, "needs --role")]
    [InlineData("partner", null, "needs --org")]
    [InlineData("government", "E06000001", "--org applies to partner tokens only")]
    public async Task Token_with_a_bad_role_or_organisation_is_a_usage_error(string role, string? organisation, string message)
    {
        string[] arguments = organisation is null ? ["token", "--role", role] : ["token", "--role", role, "--org", organisation];

        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync([.. arguments, $"--Auth:SigningKey={TestSigningKey}"]);

        exitCode.ShouldBe(2);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain(message);
    }

    [Fact]
    public async Task Token_without_a_signing_key_fails_and_says_which_setting_is_missing()
    {
        // Production (as ApiProcess runs it) has no development key.
        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync("token", "--role", "government");

        exitCode.ShouldBe(1);
        stdout.ShouldBeEmpty();
        stderr.ShouldContain("Auth:SigningKey");
    }

    [Fact]
    public async Task Export_schema_writes_the_served_contract_in_canonical_form()
    {
        var path = Path.Combine(_folder, "schema.graphql");

        var (exitCode, stdout, _) = await ApiProcess.RunCommandAsync("export-schema", path);

        exitCode.ShouldBe(0);
        stdout.ShouldContain(path);
        var written = await File.ReadAllTextAsync(path);
        var contract = await File.ReadAllTextAsync(Path.Combine(RepositoryRoot(), "schema", "directory.graphql"));
        written.ShouldBe(SchemaPrinter.Print(SchemaBuilder.BuildForValidation(contract)));
        written.ShouldContain("type Query {");
        written.ShouldContain("mappingReport(");
    }

    [Fact]
    public async Task Import_reports_every_problem_and_leaves_the_database_unchanged_then_imports_the_corrected_folder()
    {
        var broken = CopySample("broken");
        ReplaceInFile(Path.Combine(broken, "responses.csv"), "R0002,E06000002,", "R0002,E99999999,");
        ReplaceInFile(Path.Combine(broken, "staff.csv"), "R0001,2,COMMISSIONING_AND_DA,OFFICER,0.75", "R0001,2,COMMISSIONING_AND_DA,OFFICER,1.75");
        var database = $"--ConnectionStrings:Directory=Data Source={Path.Combine(_folder, "import.db")}";

        var failed = await ApiProcess.RunCommandAsync("import", broken, database);

        failed.ExitCode.ShouldBe(1);
        failed.StandardError.ShouldContain("responses.csv:3:org_code:");
        failed.StandardError.ShouldContain("staff.csv:3:fte:");
        failed.StandardError.ShouldContain("nothing was imported");
        CountOrganisations().ShouldBe(0);

        var imported = await ApiProcess.RunCommandAsync("import", SampleFolder, database, "--survey", "STADV-2020");

        imported.ExitCode.ShouldBe(0, imported.StandardError);
        imported.StandardOutput.ShouldContain("Organisations: 617 inserted, 0 updated, 0 unchanged");
        CountOrganisations().ShouldBe(617);

        var again = await ApiProcess.RunCommandAsync("import", SampleFolder, database);

        again.ExitCode.ShouldBe(0, again.StandardError);
        again.StandardOutput.ShouldContain("Organisations: 0 inserted, 0 updated, 617 unchanged");
    }

    [Fact]
    public async Task Import_funding_reports_bad_rows_then_imports_the_file_once()
    {
        var database = $"--ConnectionStrings:Directory=Data Source={Path.Combine(_folder, "import.db")}";
        (await ApiProcess.RunCommandAsync("import", SampleFolder, database)).ExitCode.ShouldBe(0);
        var funding = Path.Combine(ApiProcess.ApplicationFolder, "data", "funding", "funding_awards.csv");
        var broken = Path.Combine(_folder, "awards.csv");
        File.Copy(funding, broken);
        ReplaceInFile(broken, "F0002,PART4_SAFE_ACCOMMODATION_DUTY,", "F0002,PART4,");

        var failed = await ApiProcess.RunCommandAsync("import-funding", broken, database);

        failed.ExitCode.ShouldBe(1);
        failed.StandardError.ShouldContain("awards.csv:3:programme: 'PART4' is not one of");
        failed.StandardError.ShouldContain("nothing was imported");

        var imported = await ApiProcess.RunCommandAsync("import-funding", funding, database);
        imported.ExitCode.ShouldBe(0, imported.StandardError);
        imported.StandardOutput.ShouldContain("FundingAwards: 390 inserted, 0 updated, 0 unchanged");
        var again = await ApiProcess.RunCommandAsync("import-funding", funding, database);
        again.StandardOutput.ShouldContain("FundingAwards: 0 inserted, 0 updated, 390 unchanged");
        (await ApiProcess.RunCommandAsync("import-funding")).ExitCode.ShouldBe(2);
    }

    private int CountOrganisations()
    {
        using var connection = new SqliteConnection($"Data Source={Path.Combine(_folder, "import.db")};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM organisations";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    private string CopySample(string name)
    {
        var target = Path.Combine(_folder, name);
        System.IO.Directory.CreateDirectory(target);
        foreach (var file in System.IO.Directory.GetFiles(SampleFolder, "*.csv"))
        {
            File.Copy(file, Path.Combine(target, Path.GetFileName(file)));
        }
        return target;
    }

    private static void ReplaceInFile(string path, string oldText, string newText)
    {
        var text = File.ReadAllText(path);
        text.ShouldContain(oldText);
        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    private static string RepositoryRoot([System.Runtime.CompilerServices.CallerFilePath] string path = "") =>
        Path.GetFullPath(Path.Combine(Path.GetDirectoryName(path)!, "..", "..", ".."));
}
