using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.GraphQL.Http;
using Microsoft.AspNetCore.Hosting;

namespace Directory.Api.Tests.GraphQL;

/// <summary>
/// Apollo's automatic persisted queries protocol and trusted documents on <c>/graphql</c>, every branch over HTTP
/// through the real service: unknown hash, registration, a hash that does not match, GET by hash and its cache
/// headers, mutations by hash over GET, the feature turned off, the bounded cache, and the only-persisted mode.
/// </summary>
public sealed class PersistedOperationsTests(DirectoryApiFactory api) : IClassFixture<DirectoryApiFactory>
{
    private const string GraphQLResponseJson = "application/graphql-response+json";

    private static string Organisations(int first) => $"query FirstOrganisations {{ organisations(first: {first}) {{ nodes {{ code }} }} }}";

    private static object Extension(string hash) => new { persistedQuery = new { version = 1, sha256Hash = hash } };

    [Fact]
    public async Task An_unknown_hash_without_a_query_is_PERSISTED_QUERY_NOT_FOUND_and_not_cacheable()
    {
        using var client = api.CreateClient();
        var hash = PersistedOperations.Hash(Organisations(1) + " # never sent");

        var strict = await PostAsync(client, new { extensions = Extension(hash) });
        strict.Status.ShouldBe(HttpStatusCode.BadRequest);
        strict.CacheControl.ShouldBe("no-store");
        strict.Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);
        strict.Body.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("PersistedQueryNotFound");
        strict.Body.TryGetProperty("data", out _).ShouldBeFalse();

        // Legacy application/json clients get 200 for request errors, as for any other.
        var legacy = await PostAsync(client, new { extensions = Extension(hash) }, accept: "application/json");
        legacy.Status.ShouldBe(HttpStatusCode.OK);
        legacy.Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);
    }

    [Fact]
    public async Task A_query_sent_with_its_hash_is_registered_and_then_found_by_hash_alone()
    {
        using var client = api.CreateClient();
        var query = Organisations(2);
        var hash = PersistedOperations.Hash(query);
        (await PostAsync(client, new { extensions = Extension(hash) })).Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);

        var registered = await RegisterAsync(client, query);
        registered.Status.ShouldBe(HttpStatusCode.OK);
        registered.Codes.ShouldBeEmpty();

        var byHash = await PostAsync(client, new { extensions = Extension(hash.ToUpperInvariant()) });
        byHash.Status.ShouldBe(HttpStatusCode.OK);
        byHash.Body.GetProperty("data").GetRawText().ShouldBe(registered.Body.GetProperty("data").GetRawText());
        byHash.Body.GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(2);
    }

    [Fact]
    public async Task A_hash_that_is_not_the_querys_is_refused_and_registers_nothing()
    {
        using var client = api.CreateClient();
        var query = Organisations(3);
        var otherHash = PersistedOperations.Hash(Organisations(4));

        var wrong = await PostAsync(client, new { query, extensions = Extension(otherHash) });
        wrong.Status.ShouldBe(HttpStatusCode.BadRequest);
        wrong.Codes.ShouldBe(["BAD_REQUEST"]);
        wrong.Body.GetProperty("errors")[0].GetProperty("message").GetString()!.ShouldContain("is not the SHA-256 hash of the query");

        (await PostAsync(client, new { extensions = Extension(otherHash) })).Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);

        var malformed = await PostAsync(client, new { extensions = new { persistedQuery = new { version = 2, sha256Hash = otherHash } } });
        malformed.Status.ShouldBe(HttpStatusCode.BadRequest);
        malformed.Codes.ShouldBe(["BAD_REQUEST"]);
    }

    [Fact]
    public async Task A_query_fetched_with_GET_by_hash_is_cacheable_publicly_for_anonymous_callers_privately_for_signed_in_ones()
    {
        using var client = api.CreateClient();
        var query = Organisations(5);
        var hash = PersistedOperations.Hash(query);
        (await RegisterAsync(client, query)).Status.ShouldBe(HttpStatusCode.OK);

        var anonymous = await GetAsync(client, hash, variables: null);
        anonymous.Status.ShouldBe(HttpStatusCode.OK);
        anonymous.CacheControl.ShouldBe("public, max-age=60");
        anonymous.Vary.ShouldBe("Accept, Authorization");
        anonymous.Body.GetProperty("data").GetProperty("organisations").GetProperty("nodes").GetArrayLength().ShouldBe(5);

        var signedIn = await GetAsync(client, hash, variables: null, token: api.OfficeToken);
        signedIn.Status.ShouldBe(HttpStatusCode.OK);
        signedIn.CacheControl.ShouldBe("private, max-age=60");

        // A GET carrying the document itself is not the short, stable URL a CDN caches: no Cache-Control.
        using var withQuery = await client.GetAsync($"/graphql?query={Uri.EscapeDataString(query)}");
        withQuery.StatusCode.ShouldBe(HttpStatusCode.OK);
        withQuery.Headers.CacheControl.ShouldBeNull();
    }

    [Fact]
    public async Task A_registered_mutation_is_refused_over_GET_by_hash()
    {
        using var client = api.CreateClient();
        const string mutation = "mutation RemoveNobody { removeContact(input: { id: \"Q29udGFjdDox\", version: 1 }) { __typename } }";
        var hash = PersistedOperations.Hash(mutation);
        var registered = await RegisterAsync(client, mutation);
        registered.Body.TryGetProperty("data", out _).ShouldBeTrue();

        var overGet = await GetAsync(client, hash, variables: null);
        overGet.Status.ShouldBe(HttpStatusCode.MethodNotAllowed);
        overGet.Codes.ShouldBe(["METHOD_NOT_ALLOWED"]);
    }

    [Fact]
    public async Task The_cache_of_registered_documents_is_bounded_by_its_size_setting()
    {
        using var small = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:PersistedOperations:CacheSize", "2"));
        using var client = small.CreateClient();
        var queries = new[] { Organisations(6), Organisations(7), Organisations(8) };
        foreach (var query in queries)
        {
            (await RegisterAsync(client, query)).Status.ShouldBe(HttpStatusCode.OK);
        }

        (await PostAsync(client, new { extensions = Extension(PersistedOperations.Hash(queries[0])) })).Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);
        (await PostAsync(client, new { extensions = Extension(PersistedOperations.Hash(queries[2])) })).Codes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Turned_off_a_request_by_hash_gets_PERSISTED_QUERY_NOT_SUPPORTED_and_plain_queries_still_run()
    {
        using var off = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:PersistedOperations:Enabled", "false"));
        using var client = off.CreateClient();
        var query = Organisations(1);

        var refused = await RegisterAsync(client, query);
        refused.Codes.ShouldBe(["PERSISTED_QUERY_NOT_SUPPORTED"]);
        refused.Body.GetProperty("errors")[0].GetProperty("message").GetString().ShouldBe("PersistedQueryNotSupported");

        (await PostAsync(client, new { query })).Codes.ShouldBeEmpty();
    }

    [Fact]
    public async Task Only_persisted_accepts_the_trusted_documents_by_hash_or_text_and_refuses_ad_hoc_documents_and_registration()
    {
        const string extraDocument = "query ReportingTool { surveys { code } }";
        var manifest = Path.Combine(Path.GetTempPath(), $"persisted-operations-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [PersistedOperations.Hash(extraDocument)] = extraDocument,
        }));
        try
        {
            using var strict = api.WithWebHostBuilder(builder => builder
                .UseSetting("GraphQL:PersistedOperations:OnlyPersisted", "true")
                .UseSetting("GraphQL:PersistedOperations:ManifestPath", manifest));
            using var client = strict.CreateClient();

            // The dashboard's own operations, as its build listed them.
            using var dashboardManifest = await client.GetAsync("/app/persisted-operations.json");
            dashboardManifest.StatusCode.ShouldBe(HttpStatusCode.OK);
            var dashboard = JsonSerializer.Deserialize<Dictionary<string, string>>(await dashboardManifest.Content.ReadAsStringAsync())!;
            var (filtersHash, filters) = dashboard.Single(e => e.Value.Contains("query DashboardFilters", StringComparison.Ordinal));

            var byHash = await PostAsync(client, new { extensions = Extension(filtersHash) });
            byHash.Status.ShouldBe(HttpStatusCode.OK);
            byHash.Body.GetProperty("data").GetProperty("surveys")[0].GetProperty("code").GetString().ShouldBe("STADV-2020");
            (await PostAsync(client, new { query = filters })).Codes.ShouldBeEmpty();
            (await PostAsync(client, new { extensions = Extension(PersistedOperations.Hash(extraDocument)) })).Codes.ShouldBeEmpty();

            var adHoc = await PostAsync(client, new { query = Organisations(1) });
            adHoc.Status.ShouldBe(HttpStatusCode.BadRequest);
            adHoc.Codes.ShouldBe(["PERSISTED_QUERY_REQUIRED"]);

            var hash = PersistedOperations.Hash(Organisations(1));
            (await RegisterAsync(client, Organisations(1))).Codes.ShouldBe(["PERSISTED_QUERY_REQUIRED"]);
            (await PostAsync(client, new { extensions = Extension(hash) })).Codes.ShouldBe(["PERSISTED_QUERY_NOT_FOUND"]);
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task A_manifest_listing_a_document_under_another_hash_stops_the_service_at_start()
    {
        var manifest = Path.Combine(Path.GetTempPath(), $"persisted-operations-{Guid.NewGuid():N}.json");
        await File.WriteAllTextAsync(manifest, JsonSerializer.Serialize(new Dictionary<string, string>
        {
            [PersistedOperations.Hash(Organisations(1))] = Organisations(2),
        }));
        try
        {
            using var misconfigured = api.WithWebHostBuilder(builder => builder.UseSetting("GraphQL:PersistedOperations:ManifestPath", manifest));
            var failure = Should.Throw<InvalidOperationException>(() => misconfigured.CreateClient());
            failure.Message.ShouldContain("rebuild the manifest");
        }
        finally
        {
            File.Delete(manifest);
        }
    }

    [Fact]
    public async Task Every_dashboard_operation_is_a_trusted_document_under_its_own_hash()
    {
        using var client = api.CreateClient();
        var dashboard = JsonSerializer.Deserialize<Dictionary<string, string>>(await client.GetStringAsync("/app/persisted-operations.json"))!;
        dashboard.Keys.ShouldBe(dashboard.Values.Select(PersistedOperations.Hash));
        dashboard.Values.Select(d => d.Trim().Split(' ', '(')[1]).ShouldBe(
            ["ContactList", "DashboardFilters", "NationalPicture", "NationalContactList", "OrganisationPage", "Organisations",
                "ContractChoices", "Contracts", "Partnerships", "Funding", "DashboardChanges", "MapCouncils", "MapFte",
                "MapPart4Funding", "MapContractsEnding", "MapServiceTypes", "WhoCommissionsChoices", "PlaceSuggestions",
                "WhoCommissions"],
            ignoreOrder: true);
    }

    private sealed record Answer(HttpStatusCode Status, string? CacheControl, string? Vary, JsonElement Body)
    {
        public IReadOnlyList<string?> Codes => Body.TryGetProperty("errors", out var errors)
            ? errors.EnumerateArray().Select(e => e.GetProperty("extensions").GetProperty("code").GetString()).ToList()
            : [];
    }

    /// <summary>Sends a document with its hash, as a client does after PERSISTED_QUERY_NOT_FOUND.</summary>
    private static Task<Answer> RegisterAsync(HttpClient client, string query) =>
        PostAsync(client, new { query, extensions = Extension(PersistedOperations.Hash(query)) });

    private static async Task<Answer> PostAsync(HttpClient client, object body, string accept = GraphQLResponseJson)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "/graphql")
        {
            Content = new StringContent(JsonSerializer.Serialize(body), Encoding.UTF8, "application/json"),
        };
        request.Headers.Accept.ParseAdd(accept);
        return await SendAsync(client, request);
    }

    private static async Task<Answer> GetAsync(HttpClient client, string hash, object? variables, string? token = null)
    {
        var url = $"/graphql?extensions={Uri.EscapeDataString(JsonSerializer.Serialize(Extension(hash)))}"
            + (variables is null ? "" : $"&variables={Uri.EscapeDataString(JsonSerializer.Serialize(variables))}");
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Accept.ParseAdd(GraphQLResponseJson);
        if (token is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        return await SendAsync(client, request);
    }

    private static async Task<Answer> SendAsync(HttpClient client, HttpRequestMessage request)
    {
        using var response = await client.SendAsync(request);
        var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.Clone();
        // The headers as the service wrote them (the parsed ones are re-ordered when printed).
        return new Answer(response.StatusCode, Raw(response, "Cache-Control"), Raw(response, "Vary"), body);
    }

    private static string? Raw(HttpResponseMessage response, string header) =>
        response.Headers.NonValidated.TryGetValues(header, out var values) ? values.ToString() : null;
}
