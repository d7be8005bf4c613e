using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data.Changes;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Live;

/// <summary>
/// Subscription.directoryChanged against the service on a loopback socket, through the npm graphql-sse (both modes)
/// and graphql-ws clients: changes made by mutations arrive, consent holds for live data, an expiring token ends the
/// stream, the caps refuse with the protocol's own codes, and on PostgreSQL a change on one instance reaches a
/// subscriber of another.
/// </summary>
public sealed class LiveUpdatesTests
{
    private const string Hartlepool = "E06000001";
    private const string Middlesbrough = "E06000002";

    private const string OrganisationChanges =
        "subscription { directoryChanged(kinds: [ORGANISATION]) { kind action id node { ... on Organisation { code } } } }";

    [SkippableFact]
    public async Task A_mutation_reaches_subscribers_over_graphql_sse_in_both_modes_and_over_graphql_ws()
    {
        LiveClient.SkipUnlessInstalled();
        using var app = new KestrelDirectoryApp();
        var endpoint = new Uri(app.Start(), "/graphql");
        var token = TokenFor(app, Roles.CommissionerOffice);

        await using var distinct = LiveClient.Start("sse-distinct", endpoint, token, OrganisationChanges);
        await using var single = LiveClient.Start("sse-single", endpoint, token, OrganisationChanges);
        await using var socket = LiveClient.Start("ws", endpoint, token, OrganisationChanges);
        await ListenersAsync(app, 3);

        await RenameRegionAsync(app, endpoint, Hartlepool);

        foreach (var client in new[] { distinct, single, socket })
        {
            var change = (await client.NextAsync()).GetProperty("next").GetProperty("data").GetProperty("directoryChanged");
            change.GetProperty("kind").GetString().ShouldBe("ORGANISATION");
            change.GetProperty("action").GetString().ShouldBe("UPDATED");
            change.GetProperty("id").GetString().ShouldBe(Id("Organisation", Hartlepool));
            change.GetProperty("node").GetProperty("code").GetString().ShouldBe(Hartlepool);
        }
    }

    [SkippableFact]
    public async Task A_partners_subscription_does_not_receive_a_contact_it_may_not_see_while_the_office_does()
    {
        LiveClient.SkipUnlessInstalled();
        using var app = new KestrelDirectoryApp();
        var endpoint = new Uri(app.Start(), "/graphql");
        const string Changes = "subscription { directoryChanged(kinds: [CONTACT, ORGANISATION]) { kind action id node { id } } }";

        await using var otherPartner = LiveClient.Start("ws", endpoint, TokenFor(app, Roles.Partner, Middlesbrough), Changes);
        await using var office = LiveClient.Start("sse-distinct", endpoint, TokenFor(app, Roles.CommissionerOffice), Changes);
        await ListenersAsync(app, 2);

        // A contact added with no consent answer is seen by its own organisation and the office only (docs/security.md).
        var added = await RunAsync(endpoint, """
            mutation ($input: AddContactInput!) { addContact(input: $input) { contact { id } errors { message } } }
            """, new { input = new { organisationId = Id("Organisation", Hartlepool), fullName = "Ada Testperson", jobTitle = "Coordinator" } },
            TokenFor(app, Roles.Partner, Hartlepool));
        var contactId = added.GetProperty("data").GetProperty("addContact").GetProperty("contact").GetProperty("id").GetString();
        // Then a change every partner may see: the other partner's first event must be this one, not the contact.
        await RenameRegionAsync(app, endpoint, Hartlepool);

        var officeFirst = (await office.NextAsync()).GetProperty("next").GetProperty("data").GetProperty("directoryChanged");
        officeFirst.GetProperty("kind").GetString().ShouldBe("CONTACT");
        officeFirst.GetProperty("action").GetString().ShouldBe("CREATED");
        officeFirst.GetProperty("node").GetProperty("id").GetString().ShouldBe(contactId);

        var partnerFirst = (await otherPartner.NextAsync()).GetProperty("next").GetProperty("data").GetProperty("directoryChanged");
        partnerFirst.GetProperty("kind").GetString().ShouldBe("ORGANISATION");
        partnerFirst.GetProperty("id").GetString().ShouldBe(Id("Organisation", Hartlepool));
    }

    [SkippableFact]
    public async Task When_the_token_expires_the_websocket_closes_4403_and_the_event_stream_ends_with_UNAUTHENTICATED()
    {
        LiveClient.SkipUnlessInstalled();
        using var app = new KestrelDirectoryApp();
        var endpoint = new Uri(app.Start(), "/graphql");
        var shortLived = TokenFor(app, Roles.CommissionerOffice, lifetime: TimeSpan.FromSeconds(3));

        await using var socket = LiveClient.Start("ws", endpoint, shortLived, OrganisationChanges);
        await using var stream = LiveClient.Start("sse-distinct", endpoint, shortLived, OrganisationChanges);

        var closed = (await socket.NextAsync()).GetProperty("error");
        closed.GetProperty("code").GetInt32().ShouldBe(4403);
        closed.GetProperty("reason").GetString()!.ShouldContain("expired");

        var ended = (await stream.NextAsync()).GetProperty("next");
        ended.GetProperty("errors")[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("UNAUTHENTICATED");
        ended.TryGetProperty("data", out _).ShouldBeFalse();
        (await stream.NextAsync()).TryGetProperty("complete", out _).ShouldBeTrue();
    }

    [SkippableFact]
    public async Task A_websocket_whose_connection_init_carries_an_invalid_token_is_closed_4403_with_the_reason()
    {
        LiveClient.SkipUnlessInstalled();
        using var app = new KestrelDirectoryApp();
        var endpoint = new Uri(app.Start(), "/graphql");

        await using var socket = LiveClient.Start("ws", endpoint, "not-a-token", OrganisationChanges);

        var closed = (await socket.NextAsync()).GetProperty("error");
        closed.GetProperty("code").GetInt32().ShouldBe(4403);
        closed.GetProperty("reason").GetString().ShouldBe("The token is malformed.");
    }

    [SkippableFact]
    public async Task Over_the_cap_per_user_sse_gets_429_and_graphql_ws_an_error_message_with_TOO_MANY_SUBSCRIPTIONS()
    {
        LiveClient.SkipUnlessInstalled();
        using var app = new KestrelDirectoryApp(new Dictionary<string, string> { ["GraphQL:Subscriptions:MaxPerUser"] = "1" });
        var endpoint = new Uri(app.Start(), "/graphql");
        var token = TokenFor(app, Roles.CommissionerOffice);

        await using var first = LiveClient.Start("ws", endpoint, token, OrganisationChanges);
        await ListenersAsync(app, 1);
        await using var overSse = LiveClient.Start("sse-distinct", endpoint, token, OrganisationChanges);
        await using var overWs = LiveClient.Start("ws", endpoint, token, OrganisationChanges);

        (await overSse.NextAsync()).GetProperty("error").GetProperty("status").GetInt32().ShouldBe(429);
        var refused = (await overWs.NextAsync()).GetProperty("error").GetProperty("errors");
        refused[0].GetProperty("extensions").GetProperty("code").GetString().ShouldBe("TOO_MANY_SUBSCRIPTIONS");

        // Another user is not affected by this one's cap.
        await using var other = LiveClient.Start("sse-distinct", endpoint, TokenFor(app, Roles.Partner, Hartlepool), OrganisationChanges);
        await ListenersAsync(app, 2);
        await RenameRegionAsync(app, endpoint, Hartlepool);
        (await other.NextAsync()).GetProperty("next").GetProperty("data").GetProperty("directoryChanged").GetProperty("action").GetString().ShouldBe("UPDATED");
    }

    [SkippableFact]
    public async Task Two_instances_on_one_PostgreSQL_a_change_made_on_one_reaches_a_subscriber_of_the_other()
    {
        LiveClient.SkipUnlessInstalled();
        var admin = Environment.GetEnvironmentVariable("DIRECTORY_TEST_POSTGRES");
        Skip.If(string.IsNullOrWhiteSpace(admin), "PostgreSQL tests need DIRECTORY_TEST_POSTGRES (run .ci/postgres.sh).");
        var database = $"directory_live_test_{Guid.NewGuid():N}";
        await ExecuteAsync(admin!, $"CREATE DATABASE {database}");
        try
        {
            var settings = new Dictionary<string, string>
            {
                ["Database:Provider"] = "Postgres",
                ["ConnectionStrings:Directory"] = new Npgsql.NpgsqlConnectionStringBuilder(admin) { Database = database }.ConnectionString,
            };
            using var writer = new KestrelDirectoryApp(settings);
            var writerEndpoint = new Uri(writer.Start(), "/graphql");
            using var reader = new KestrelDirectoryApp(settings);
            var readerEndpoint = new Uri(reader.Start(), "/graphql");

            await using var subscriber = LiveClient.Start("ws", readerEndpoint, TokenFor(reader, Roles.CommissionerOffice), OrganisationChanges);
            await ListenersAsync(reader, 1);
            await WaitUntilAsync(() => reader.Services.GetRequiredService<PostgresChangeListener>().IsListening);

            await RenameRegionAsync(writer, writerEndpoint, Hartlepool);

            var change = (await subscriber.NextAsync()).GetProperty("next").GetProperty("data").GetProperty("directoryChanged");
            change.GetProperty("action").GetString().ShouldBe("UPDATED");
            change.GetProperty("node").GetProperty("code").GetString().ShouldBe(Hartlepool);
        }
        finally
        {
            Npgsql.NpgsqlConnection.ClearAllPools();
            await ExecuteAsync(admin!, $"DROP DATABASE IF EXISTS {database} WITH (FORCE)");
        }
    }

    internal static string TokenFor(KestrelDirectoryApp app, string role, string? organisation = null, TimeSpan? lifetime = null) =>
        Tokens.Create(app.Services.GetRequiredService<AuthOptions>(), role, organisation, lifetime ?? TimeSpan.FromMinutes(10));

    private static string Id(string type, string key) => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{type}:{key}"));

    // Waiting for the subscriptions to be made server-side is what makes "the change happened after subscribing" true.
    private static Task ListenersAsync(KestrelDirectoryApp app, int count) =>
        WaitUntilAsync(() => app.Services.GetRequiredService<DirectoryChangeFeed>().ListenerCount >= count);

    internal static async Task WaitUntilAsync(Func<bool> condition)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (!condition())
        {
            await Task.Delay(50, patience.Token);
        }
    }

    private static async Task RenameRegionAsync(KestrelDirectoryApp app, Uri endpoint, string code)
    {
        var token = TokenFor(app, Roles.CommissionerOffice);
        var organisation = (await RunAsync(endpoint, "query ($id: ID!) { node(id: $id) { ... on Organisation { version } } }", new { id = Id("Organisation", code) }, token))
            .GetProperty("data").GetProperty("node");
        var result = await RunAsync(endpoint, "mutation ($input: UpdateOrganisationInput!) { updateOrganisation(input: $input) { errors { message } } }",
            new { input = new { id = Id("Organisation", code), version = organisation.GetProperty("version").GetInt32(), region = "Region " + Guid.NewGuid().ToString("N")[..6] } }, token);
        result.GetProperty("data").GetProperty("updateOrganisation").GetProperty("errors").GetArrayLength().ShouldBe(0, result.GetRawText());
    }

    internal static async Task<JsonElement> RunAsync(Uri endpoint, string query, object variables, string token)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Post, endpoint)
        {
            Content = new StringContent(JsonSerializer.Serialize(new { query, variables }), Encoding.UTF8, "application/json"),
        };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        using var response = await http.SendAsync(request);
        return JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
    }

    private static async Task ExecuteAsync(string connectionString, string sql)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new Npgsql.NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }
}
