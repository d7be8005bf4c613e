using Directory.Api.Cli;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Cli;

/// <summary>
/// The import subcommand starts itself again with Dynamic PGO off; every other command, and an import whose caller
/// set the variable, runs in the process it was started in. (CommandLineTests run the import through the real
/// executable, so through the child process: its exit codes and output reach the caller unchanged.)
/// </summary>
public sealed class ImportProcessTests
{
    private const string Dll = "/app/Directory.Api.dll";

    private static string? NotSet(string name) => null;

    [Fact]
    public void The_import_under_the_dotnet_host_runs_again_with_the_same_arguments_and_PGO_off()
    {
        var start = ImportProcess.WithoutTieredPgo(["import", "/data/survey", "--survey", "S-1"], "/usr/share/dotnet/dotnet", Dll, NotSet);

        start.ShouldNotBeNull();
        start.FileName.ShouldBe("/usr/share/dotnet/dotnet");
        start.ArgumentList.ShouldBe([Dll, "import", "/data/survey", "--survey", "S-1"]);
        start.Environment[ImportProcess.TieredPgoVariable].ShouldBe("0");
        start.UseShellExecute.ShouldBeFalse();
        start.RedirectStandardOutput.ShouldBeFalse();
        start.RedirectStandardError.ShouldBeFalse();
    }

    [Fact]
    public void The_import_under_its_own_executable_runs_that_executable_again()
    {
        var start = ImportProcess.WithoutTieredPgo(["import", "/data/survey"], "/app/Directory.Api", Dll, NotSet);

        start.ShouldNotBeNull();
        start.FileName.ShouldBe("/app/Directory.Api");
        start.ArgumentList.ShouldBe(["import", "/data/survey"]);
    }

    [Theory]
    [InlineData("import-funding")]
    [InlineData("backup")]
    [InlineData("token")]
    public void Other_commands_run_in_this_process(string command) =>
        ImportProcess.WithoutTieredPgo([command, "x"], "/usr/share/dotnet/dotnet", Dll, NotSet).ShouldBeNull();

    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    public void An_import_whose_caller_set_the_variable_is_not_started_again(string value) =>
        ImportProcess.WithoutTieredPgo(["import", "/data/survey"], "/usr/share/dotnet/dotnet", Dll,
            name => name == ImportProcess.TieredPgoVariable ? value : null).ShouldBeNull();

    [Fact]
    public async Task The_child_s_exit_code_and_output_reach_the_caller()
    {
        var (exitCode, stdout, stderr) = await ApiProcess.RunCommandAsync("import", Path.Combine(Path.GetTempPath(), "no-such-folder-" + Guid.NewGuid().ToString("N")));

        exitCode.ShouldBe(1);
        stderr.ShouldContain("no such folder");
        stdout.ShouldBeEmpty();
    }
}
