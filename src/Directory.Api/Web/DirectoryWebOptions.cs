namespace Directory.Api.Web;

/// <summary>The <c>Web</c> configuration section: what the service shows to browsers.</summary>
public sealed class DirectoryWebOptions
{
    /// <summary>The configuration section the options bind to.</summary>
    public const string SectionName = "Web";

    /// <summary>
    /// Whether <c>GET /graphql</c> from a browser serves GraphiQL. Unset means on everywhere except in the
    /// Production environment, where an explorer with the schema's documentation is opt-in (<c>Web:GraphiQL=true</c>).
    /// </summary>
    public bool? GraphiQL { get; set; }

    /// <summary>Whether GraphiQL is served in the given environment.</summary>
    public bool GraphiQLEnabled(IHostEnvironment environment) => GraphiQL ?? !environment.IsProduction();
}
