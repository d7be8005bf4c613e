using Directory.Data.Erasure;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Directory.Api.Audit;

/// <summary>The audit trail's services, with the pseudonym keys of the <c>Audit</c> configuration section.</summary>
public static class AuditSetup
{
    public static IServiceCollection AddDirectoryAudit(this IServiceCollection services, IConfiguration configuration)
    {
        // AddDirectoryData registers the same keys for erasure digests; TryAdd keeps that one instance when it ran first.
        services.TryAddSingleton(PseudonymKeys.FromConfiguration(configuration));
        services.AddSingleton<AuditTrail>();
        return services;
    }
}
