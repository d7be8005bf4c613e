namespace Directory.Api.Cli;

/// <summary>
/// The service's configuration and data services without its web server, for subcommands: the same appsettings,
/// environment variables and <c>--Key=value</c> arguments as the service, so both act on the same database.
/// </summary>
internal static class SubcommandHost
{
    public static WebApplication Build(IReadOnlyList<string> configurationArguments)
    {
        var builder = WebApplication.CreateBuilder(Hosting.ContentRoot.Options([.. configurationArguments]));
        // Subcommands print their own results; framework chatter on stdout would get in the way of piping them.
        builder.Logging.ClearProviders();
        builder.Services.AddDirectoryData(builder.Configuration);
        return builder.Build();
    }
}
