using Directory.GraphQL.Execution;

namespace Directory.GraphQL.Tests;

/// <summary>
/// The engine is a library that needs only the base class library: ASP.NET Core lives in Directory.GraphQL.AspNetCore.
/// A reference creeping back (a helper using HttpContext, a logging abstraction) fails here rather than in a user's
/// console application.
/// </summary>
public sealed class EngineDependencyTests
{
    [Fact]
    public void The_engine_references_only_the_base_class_library()
    {
        var references = typeof(RequestExecutor).Assembly.GetReferencedAssemblies().Select(name => name.Name!).ToList();

        references.ShouldNotBeEmpty();
        references.Where(name => !IsBaseClassLibrary(name)).ShouldBeEmpty();
    }

    private static bool IsBaseClassLibrary(string assemblyName) =>
        assemblyName is "System" or "netstandard" or "mscorlib" || assemblyName.StartsWith("System.", StringComparison.Ordinal);
}
