using Directory.Api.Hosting;
using Directory.Api.Tests.ServiceUnderTest;

namespace Directory.Api.Tests.Hosting;

/// <summary>
/// The shipped appsettings apply wherever the service is started from (see <see cref="ContentRoot"/>), on real folders.
/// </summary>
public sealed class ContentRootTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), "directory-contentroot-" + Guid.NewGuid().ToString("N"));
    private readonly string _app;
    private readonly string _elsewhere;

    public ContentRootTests()
    {
        _app = System.IO.Directory.CreateDirectory(Path.Combine(_root, "app")).FullName;
        _elsewhere = System.IO.Directory.CreateDirectory(Path.Combine(_root, "elsewhere")).FullName;
        File.WriteAllText(Path.Combine(_app, "appsettings.json"), "{}");
    }

    public void Dispose() => System.IO.Directory.Delete(_root, recursive: true);

    [SkippableFact]
    public void Started_from_a_folder_without_settings_the_apps_own_folder_is_the_content_root()
    {
        SkipIfContentRootSetByEnvironment();
        ContentRoot.Choose([], _elsewhere, _app).ShouldBe(_app);
    }

    [SkippableFact]
    public void Settings_in_the_current_folder_keep_the_default()
    {
        SkipIfContentRootSetByEnvironment();
        File.WriteAllText(Path.Combine(_elsewhere, "appsettings.json"), "{}");
        ContentRoot.Choose([], _elsewhere, _app).ShouldBeNull();
    }

    [SkippableFact]
    public void An_explicit_content_root_argument_wins()
    {
        SkipIfContentRootSetByEnvironment();
        ContentRoot.Choose(["--contentRoot", _elsewhere], _elsewhere, _app).ShouldBeNull();
        ContentRoot.Choose(["--contentRoot=" + _elsewhere], _elsewhere, _app).ShouldBeNull();
    }

    [SkippableFact]
    public void An_app_folder_without_settings_keeps_the_default()
    {
        SkipIfContentRootSetByEnvironment();
        File.Delete(Path.Combine(_app, "appsettings.json"));
        ContentRoot.Choose([], _elsewhere, _app).ShouldBeNull();
    }

    [Fact]
    public void The_built_service_ships_its_settings_beside_its_assembly() =>
        File.Exists(Path.Combine(ApiProcess.ApplicationFolder, "appsettings.json")).ShouldBeTrue();

    private static void SkipIfContentRootSetByEnvironment() => Skip.If(
        Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
        || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 },
        "the environment sets the content root explicitly");
}
