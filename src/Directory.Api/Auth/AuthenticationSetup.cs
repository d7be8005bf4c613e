using Directory.GraphQL.Http;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.IdentityModel.Tokens;

namespace Directory.Api.Auth;

/// <summary>
/// JWT bearer authentication for the whole service. A request without an Authorization header is anonymous; a request
/// with one must carry a valid token, or it is refused with 401 and a message saying what is wrong with the token —
/// never silently downgraded to anonymous, which would hide an expired token behind empty results.
/// </summary>
public static class AuthenticationSetup
{
    public static IServiceCollection AddDirectoryAuthentication(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        var options = AuthOptions.From(configuration);
        services.AddSingleton(options);
        services.AddHttpContextAccessor();
        services.AddScoped(provider => Viewer.From(provider.GetRequiredService<IHttpContextAccessor>().HttpContext?.User));
        services.AddAuthentication(JwtBearerDefaults.AuthenticationScheme).AddJwtBearer(bearer =>
        {
            // Keep the token's own claim names (role, org, sub) instead of the WS-Federation URIs.
            bearer.MapInboundClaims = false;
            bearer.TokenValidationParameters = Tokens.ValidationParameters(options);
            if (!string.IsNullOrEmpty(options.Authority))
            {
                bearer.Authority = options.Authority;
                bearer.Audience = options.Audience;
                bearer.RequireHttpsMetadata = !environment.IsDevelopment();
            }
        });
        services.AddAuthorization();
        return services;
    }

    /// <summary>Authentication, then the refusal of requests whose Authorization header does not hold a valid token.</summary>
    public static WebApplication UseDirectoryAuthentication(this WebApplication app)
    {
        var options = app.Services.GetRequiredService<AuthOptions>();
        if (options.SymmetricKey() is null && string.IsNullOrEmpty(options.Authority))
        {
            app.Logger.LogWarning("Neither Auth:SigningKey nor Auth:Authority is configured: every bearer token will be refused and callers are anonymous.");
        }
        app.UseAuthentication();
        app.Use(async (context, next) =>
        {
            if (await RejectionAsync(context) is { } reason)
            {
                await WriteUnauthenticatedAsync(context, reason);
                return;
            }
            await next(context);
        });
        app.UseAuthorization();
        return app;
    }

    private static async Task<string?> RejectionAsync(HttpContext context)
    {
        var header = context.Request.Headers.Authorization;
        if (header.Count == 0)
        {
            return null;
        }
        if (header.Count > 1 || !header[0]!.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            return "Only one bearer token is accepted: send 'Authorization: Bearer <token>'.";
        }
        // UseAuthentication has already run the handler; the result is cached for the request, so this is free.
        var result = await context.AuthenticateAsync(JwtBearerDefaults.AuthenticationScheme);
        if (result.Failure is { } failure)
        {
            return Explain(failure);
        }
        if (!result.Succeeded)
        {
            return "The bearer token is empty.";
        }
        return Viewer.Describe(result.Principal, out _);
    }

    /// <summary>What was wrong with a token, in words a caller can act on, without the library's internals.</summary>
    internal static string Explain(Exception failure) => failure switch
    {
        SecurityTokenExpiredException => "The token has expired.",
        SecurityTokenNotYetValidException => "The token is not valid yet.",
        SecurityTokenNoExpirationException => "The token has no expiry time.",
        SecurityTokenInvalidIssuerException => "The token was not issued by an issuer this service accepts.",
        SecurityTokenInvalidAudienceException => "The token is meant for another service (its audience is not this one).",
        SecurityTokenSignatureKeyNotFoundException or SecurityTokenInvalidSignatureException => "The token's signature is not valid.",
        SecurityTokenMalformedException or ArgumentException => "The token is malformed.",
        SecurityTokenInvalidAlgorithmException => "The token is signed with an algorithm this service does not accept.",
        _ => "The token is not valid.",
    };

    /// <summary>
    /// 401 with an RFC 6750 challenge and a GraphQL-shaped error body, so GraphQL clients can show it. A request that
    /// sent no token gets a bare challenge; one whose token failed gets <c>error="invalid_token"</c> and the reason.
    /// </summary>
    public static async Task WriteUnauthenticatedAsync(HttpContext context, string message, bool invalidToken = true)
    {
        context.Response.StatusCode = StatusCodes.Status401Unauthorized;
        context.Response.Headers.WWWAuthenticate = invalidToken
            ? $"Bearer error=\"invalid_token\", error_description=\"{message.Replace("\"", "'", StringComparison.Ordinal)}\""
            : "Bearer";
        await GraphQLErrorResponse.WriteAsync(context, message, Access.UnauthenticatedCode);
    }
}
