using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>Builds the harness's SDL files into schemas for validation (types only, no resolvers needed).</summary>
public static class ConformanceSchemas
{
    public static Schema Build(string sdl) => SchemaBuilder.BuildForValidation(sdl);
}
