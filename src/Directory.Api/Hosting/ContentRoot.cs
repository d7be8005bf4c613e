namespace Directory.Api.Hosting;

/// <summary>
/// Where the service reads its appsettings files from. ASP.NET Core's default is the current directory, which is right
/// under <c>dotnet run</c> (the project folder) and in a container whose working directory is the app's; but
/// <c>dotnet /opt/directory/Directory.Api.dll</c> started anywhere else would silently run without the shipped
/// settings — e.g. logging every SQL command at Information level. So when the current directory has no
/// appsettings.json and the app's own folder has, the app's folder is the content root. An explicit
/// <c>--contentRoot</c> always wins. The web front end is embedded in the assembly and needs no content root.
/// </summary>
internal static class ContentRoot
{
    private const string SettingsFile = "appsettings.json";

    public static WebApplicationOptions Options(string[] args) => new()
    {
        Args = args,
        ContentRootPath = Choose(args, Environment.CurrentDirectory, AppContext.BaseDirectory),
    };

    /// <summary>The content root to use, or null for ASP.NET Core's default (the current directory or <c>--contentRoot</c>).</summary>
    public static string? Choose(IReadOnlyList<string> args, string currentDirectory, string appDirectory)
    {
        var explicitRoot = args.Any(a => a.StartsWith("--contentRoot", StringComparison.OrdinalIgnoreCase)
            || a.StartsWith("/contentRoot", StringComparison.OrdinalIgnoreCase))
            || Environment.GetEnvironmentVariable("ASPNETCORE_CONTENTROOT") is { Length: > 0 }
            || Environment.GetEnvironmentVariable("DOTNET_CONTENTROOT") is { Length: > 0 };
        if (explicitRoot || File.Exists(Path.Combine(currentDirectory, SettingsFile)) || !File.Exists(Path.Combine(appDirectory, SettingsFile)))
        {
            return null;
        }
        return appDirectory;
    }
}
