using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Auth;

/// <summary>
/// Real signed JWTs against the real bearer validation: a good token is accepted; a bad one is refused with 401 and
/// a message that says what is wrong, never quietly treated as anonymous.
/// </summary>
public sealed class TokenValidationTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string ContactsQuery = "{ contacts { totalCount } }";

    private AuthOptions Options => api.Services.GetRequiredService<AuthOptions>();

    private AuthOptions With(Action<AuthOptions> change)
    {
        var options = new AuthOptions { SigningKey = Options.SigningKey, Issuer = Options.Issuer, Audience = Options.Audience };
        change(options);
        return options;
    }

    private async Task<(HttpStatusCode Status, JsonElement Body, HttpResponseMessage Response)> PostAsync(string? authorization)
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query = ContactsQuery }), Encoding.UTF8, "application/json"),
        };
        if (authorization is not null)
        {
            request.Headers.TryAddWithoutValidation("Authorization", authorization);
        }
        var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        return (response.StatusCode, body, response);
    }

    private async Task ShouldBeRefusedAsync(string? authorization, string message)
    {
        var (status, body, response) = await PostAsync(authorization);

        status.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldStartWith("Bearer error=\"invalid_token\"");
        var error = body.GetProperty("errors")[0];
        error.GetProperty("message").GetString().ShouldBe(message);
        error.GetProperty("extensions").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
        body.TryGetProperty("data", out _).ShouldBeFalse();
    }

    [Fact]
    public async Task A_valid_office_token_sees_contacts_and_no_token_sees_none()
    {
        var (officeStatus, office, _) = await PostAsync("Bearer " + api.OfficeToken);
        var (anonymousStatus, anonymous, _) = await PostAsync(null);

        officeStatus.ShouldBe(HttpStatusCode.OK);
        office.GetProperty("data").GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0);
        anonymousStatus.ShouldBe(HttpStatusCode.OK);
        anonymous.GetProperty("data").GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBe(0);
    }

    [Fact]
    public Task An_expired_token_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(Options, Roles.CommissionerOffice, null, TimeSpan.FromMinutes(10), now: DateTime.UtcNow.AddHours(-1)),
        "The token has expired.");

    [Fact]
    public Task A_token_from_another_issuer_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(With(o => o.Issuer = "someone-else"), Roles.CommissionerOffice, null, TimeSpan.FromMinutes(10)),
        "The token was not issued by an issuer this service accepts.");

    [Fact]
    public Task A_token_for_another_audience_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(With(o => o.Audience = "another-service"), Roles.CommissionerOffice, null, TimeSpan.FromMinutes(10)),
        "The token is meant for another service (its audience is not this one).");

    [Fact]
    public Task A_token_signed_with_another_key_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(With(o => o.SigningKey = "an-attackers-own-signing-key-0123456789"), Roles.CommissionerOffice, null, TimeSpan.FromMinutes(10)),
        "The token's signature is not valid.");

    [Fact]
    public Task A_tampered_token_is_refused()
    {
        // Promote a government token to the office by rewriting its payload and keeping the original signature.
        var parts = api.Token(Roles.Government).Split('.');
        var payload = Encoding.UTF8.GetString(Base64UrlDecode(parts[1])).Replace("\"government\"", "\"commissioner-office\"", StringComparison.Ordinal);
        parts[1] = Base64UrlEncode(Encoding.UTF8.GetBytes(payload));

        return ShouldBeRefusedAsync("Bearer " + string.Join('.', parts), "The token's signature is not valid.");
    }

    [Fact]
    public Task An_unsigned_token_is_refused()
    {
        var header = Base64UrlEncode("""{"alg":"none","typ":"JWT"}"""u8.ToArray());
        var exp = DateTimeOffset.UtcNow.AddMinutes(10).ToUnixTimeSeconds();
        var payload = Base64UrlEncode(Encoding.UTF8.GetBytes(
            $$"""{"sub":"mallory","role":"commissioner-office","iss":"commissioning-directory","aud":"commissioning-directory","exp":{{exp}}}"""));

        return ShouldBeRefusedAsync($"Bearer {header}.{payload}.", "The token's signature is not valid.");
    }

    [Theory]
    [InlineData("Bearer not-a-jwt", "The token is malformed.")]
    [InlineData("Basic dXNlcjpwYXNz", "Only one bearer token is accepted: send 'Authorization: Bearer <token>'.")]
    public Task A_malformed_header_is_refused(string authorization, string message) => ShouldBeRefusedAsync(authorization, message);

    [Fact]
    public Task A_partner_token_without_an_organisation_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(Options, Roles.Partner, null, TimeSpan.FromMinutes(10)),
        "A partner token must name the partner's organisation in an org claim.");

    [Fact]
    public Task A_token_with_an_unknown_role_is_refused() => ShouldBeRefusedAsync(
        "Bearer " + Tokens.Create(Options, "administrator", null, TimeSpan.FromMinutes(10)),
        "The token must carry exactly one role claim, one of: commissioner-office, partner, government, voluntary-sector.");

    [Fact]
    public async Task A_bad_token_is_refused_on_get_requests_too()
    {
        using var client = api.CreateClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, "/graphql?query=%7B__typename%7D");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", "not-a-jwt");
        request.Headers.Accept.ParseAdd("application/json");

        using var response = await client.SendAsync(request);

        response.StatusCode.ShouldBe(HttpStatusCode.Unauthorized);
        response.Headers.WwwAuthenticate.ToString().ShouldContain("The token is malformed.");
    }

    private static string Base64UrlEncode(byte[] bytes) =>
        Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var padded = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(padded + new string('=', (4 - padded.Length % 4) % 4));
    }
}
