using System.Reflection;

namespace Directory.Api.GraphQL;

/// <summary>
/// The API contract, <c>schema/directory.graphql</c>, embedded in the executable so the binary and the contract it
/// serves cannot drift apart. Building it validates it (every type-system rule of the spec); the printed SDL is what
/// <c>export-schema</c> writes.
/// </summary>
internal static class ServedSchema
{
    private const string ResourceName = "directory.graphql";

    private static readonly Lazy<string> Source = new(() =>
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"The embedded resource {ResourceName} is missing from the build.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The contract as written in the repository.</summary>
    public static string ContractSdl => Source.Value;

    /// <summary>The served schema printed in the canonical (graphql-js printSchema) form.</summary>
    public static string Sdl => SchemaPrinter.Print(SchemaBuilder.BuildForValidation(ContractSdl));
}
