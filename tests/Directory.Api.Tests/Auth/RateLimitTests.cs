using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.AspNetCore.Hosting;

namespace Directory.Api.Tests.Auth;

/// <summary>Per-user and per-address windows with small limits, so that a handful of real requests exhausts them.</summary>
public sealed class RateLimitTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private static async Task<HttpResponseMessage> PostAsync(HttpClient client, string? token)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = "{ __typename }" }), Encoding.UTF8, "application/json"),
        };
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await client.SendAsync(request);
    }

    [Fact]
    public async Task A_user_over_their_limit_gets_429_with_retry_after_while_the_address_limit_covers_everyone()
    {
        using var limited = api.WithWebHostBuilder(builder => builder
            .UseSetting("RateLimiting:PermitsPerUser", "3")
            .UseSetting("RateLimiting:PermitsPerAddress", "5")
            .UseSetting("RateLimiting:WindowSeconds", "600"));
        using var client = limited.CreateClient();
        var alice = api.Token(Roles.Government);
        var bob = api.Token(Roles.Partner, "E06000001");

        var aliceStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            using var response = await PostAsync(client, alice);
            aliceStatuses.Add(response.StatusCode);
            if (response.StatusCode == HttpStatusCode.TooManyRequests)
            {
                response.Headers.RetryAfter!.Delta!.Value.TotalSeconds.ShouldBeInRange(1, 600);
                var error = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("errors")[0];
                error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe(RateLimits.RateLimitedCode);
                error.GetProperty("message").GetString()!.ShouldStartWith("Too many requests: try again in ");
            }
        }
        aliceStatuses.ShouldBe([HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.OK, HttpStatusCode.TooManyRequests]);

        // Another user from the same address has their own allowance, until the address's allowance (5) runs out.
        using var bobFirst = await PostAsync(client, bob);
        using var bobSecond = await PostAsync(client, bob);
        using var bobThird = await PostAsync(client, bob);
        using var anonymous = await PostAsync(client, null);
        bobFirst.StatusCode.ShouldBe(HttpStatusCode.OK);
        bobSecond.StatusCode.ShouldBe(HttpStatusCode.OK);
        bobThird.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);
        anonymous.StatusCode.ShouldBe(HttpStatusCode.TooManyRequests);

        // Health checks are not API calls and are never limited.
        using var health = await client.GetAsync(new Uri("/health", UriKind.Relative));
        health.StatusCode.ShouldBe(HttpStatusCode.OK);
    }
}
