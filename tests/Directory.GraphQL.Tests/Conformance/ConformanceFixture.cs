using System.Text.Json.Nodes;
using Directory.GraphQL.Errors;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Language;
using Directory.GraphQL.Types;

namespace Directory.GraphQL.Tests.Conformance;

/// <summary>
/// The conformance test schema (<c>tests/conformance/schema/test-schema.graphql</c>) bound to C# resolvers over
/// <c>execution/fixture.json</c> — the same behaviour, field for field and message for message, as the graphql-js
/// resolvers in <c>tests/conformance/execution/resolvers.mjs</c>. When one changes, change the other.
/// Fixture objects are dictionaries with a <c>__typename</c> entry (as in JavaScript), read by the dictionary binding;
/// each request gets a fresh <see cref="ConformanceStore"/> through its service provider. Also compiled into the
/// benchmarks (bench/Directory.GraphQL.Benchmarks), so it depends on nothing but the engine.
/// </summary>
public static class ConformanceFixture
{
    private static readonly string[] ObjectTypes = ["Council", "Charity", "Service", "Contact", "Area", "Address", "Funding"];

    /// <summary>The executable test schema with every resolver bound.</summary>
    public static Schema BuildSchema(string sdl)
    {
        var builder = SchemaBuilder.FromDocument(Parser.Parse(sdl));
        foreach (var type in ObjectTypes)
        {
            builder.BindDictionary(type);
        }
        BindQuery(builder);
        BindObjects(builder);
        BindMutation(builder);
        BindSubscriptions(builder);
        return builder.Build();
    }

    /// <summary>
    /// The source event streams of <c>tests/conformance/subscription/sources.mjs</c>: each event is a root value
    /// (<c>{ counter }</c> or <c>{ serviceChanged }</c>) read by the dictionary binding, as graphql-js's default resolver
    /// reads it.
    /// </summary>
    private static void BindSubscriptions(SchemaBuilder builder)
    {
        builder.BindDictionary("Subscription");
        builder.Subscribe("Subscription", "counter", _ => Events("counter", 1, 2, null));
        builder.Subscribe("Subscription", "serviceChanged", ctx =>
        {
            var store = Store(ctx);
            if (ctx.GetArgument<string>("id") is { } id)
            {
                var service = store.ById(id) is { } found && (string?)found["__typename"] == "Service"
                    ? found
                    : throw new GraphQLError("No service has that ID.");
                return Events("serviceChanged", service, service);
            }
            return Events("serviceChanged", [.. store.Services.Take(2)]);
        });
    }

    private static async IAsyncEnumerable<object?> Events(string field, params object?[] values)
    {
        foreach (var value in values)
        {
            await Task.Yield();
            yield return new Dictionary<string, object?> { [field] = value };
        }
    }

    private static ConformanceStore Store(ResolverContext context) =>
        (ConformanceStore)(context.Services.GetService(typeof(ConformanceStore))
            ?? throw new InvalidOperationException("The request's services must provide a ConformanceStore."));

    private static object? Arg(ResolverContext context, string name) => context.Arguments.GetValueOrDefault(name);

    private static string? StringArg(ResolverContext context, string name) => Arg(context, name)?.ToString();

    private static int? IntArg(ResolverContext context, string name) =>
        Arg(context, name) is { } value ? Convert.ToInt32(value, System.Globalization.CultureInfo.InvariantCulture) : null;

    private static Dictionary<string, object?> Parent(ResolverContext context) => (Dictionary<string, object?>)context.Parent!;

    private static void BindQuery(SchemaBuilder builder)
    {
        builder.Resolve("Query", "node", c => Store(c).ById(StringArg(c, "id")!));
        builder.Resolve("Query", "nodes", c => Items(Arg(c, "ids")).Select(id => Store(c).ById(id!.ToString()!)).ToList());
        builder.Resolve("Query", "organisation", c => Store(c).Organisation(StringArg(c, "id")));
        builder.Resolve("Query", "provider", c => Store(c).Organisation(StringArg(c, "id")));
        builder.Resolve("Query", "councils", c =>
        {
            var region = StringArg(c, "region");
            return Store(c).Councils.Where(x => region is null || Equals(x["region"], region)).ToList();
        });
        builder.Resolve("Query", "charities", c => Store(c).Charities);
        builder.Resolve("Query", "services", c =>
        {
            var first = IntArg(c, "first");
            if (first < 0)
            {
                throw new GraphQLError("Argument \"first\" must not be negative.");
            }
            var list = Store(c).FilterServices(Arg(c, "filter") as IReadOnlyDictionary<string, object?> ?? AsReadOnly(Arg(c, "filter")));
            return first is null ? list : list.Take(first.Value).ToList();
        });
        builder.Resolve("Query", "service", c => Store(c).OfType(StringArg(c, "id"), "Service"));
        builder.Resolve("Query", "search", c =>
        {
            var text = StringArg(c, "text")!;
            if (text.Length == 0)
            {
                throw new GraphQLError("Search text must not be empty.");
            }
            var limit = IntArg(c, "limit");
            var store = Store(c);
            var found = store.Councils.Concat(store.Charities).Concat(store.VisibleServices()).Concat(store.Areas)
                .Where(x => ((string)x["name"]!).Contains(text, StringComparison.OrdinalIgnoreCase))
                .ToList();
            return limit is null ? found : found.Take(Math.Max(0, limit.Value)).ToList();
        });
        builder.Resolve("Query", "contact", c =>
        {
            var by = AsReadOnly(Arg(c, "by"))!;
            var store = Store(c);
            if (by.GetValueOrDefault("id") is { } id)
            {
                return store.OfType(id.ToString(), "Contact");
            }
            if (by.GetValueOrDefault("email") is { } email)
            {
                return store.Contacts.FirstOrDefault(x => Equals(x["email"], email.ToString()));
            }
            var postcode = by.GetValueOrDefault("postcode")?.ToString();
            return store.Contacts.FirstOrDefault(x =>
                x["address"] is Dictionary<string, object?> address && Equals(address["postcode"], postcode));
        });
        builder.Resolve("Query", "echo", c => CanonicalJson.SortKeys(c.Arguments));
        builder.Resolve("Query", "failing", FailWith("Something went wrong in \"failing\"."));
        builder.Resolve("Query", "failingNonNull", FailWith("Something went wrong in \"failingNonNull\"."));
        builder.Resolve("Query", "nullNonNull", _ => null);
        builder.Resolve("Query", "listWithErrors", _ => new List<object?> { 1, 2, "three", 4, null });
        builder.Resolve("Query", "listWithNonNullErrors", _ => new List<object?> { 1, "two", 3 });
        builder.Resolve("Query", "listWithNullItem", _ => new List<object?> { "a", null, "c" });
        builder.Resolve("Query", "tooBig", _ => 2147483648L);
        builder.Resolve("Query", "delayed", DelayedAsync);
        builder.Resolve("Query", "version", c => Store(c).Version);
    }

    private static void BindObjects(SchemaBuilder builder)
    {
        foreach (var organisation in new[] { "Council", "Charity" })
        {
            builder.Resolve(organisation, "services", c =>
            {
                var kind = StringArg(c, "kind");
                var first = IntArg(c, "first");
                var list = Store(c).VisibleServices()
                    .Where(s => Equals(s["providerId"], Parent(c)["id"]) && (kind is null || Equals(s["kind"], kind)))
                    .ToList();
                return first is null ? list : list.Take(Math.Max(0, first.Value)).ToList();
            });
            builder.Resolve(organisation, "contacts", c =>
                Parent(c)["contactIds"] is List<object?> ids ? ids.Select(id => Store(c).OfType(id?.ToString(), "Contact")).ToList() : null);
        }
        builder.Resolve("Council", "areas", c =>
            Parent(c)["areaIds"] is List<object?> rows
                ? rows.Select(row => ((List<object?>)row!).Select(id => Store(c).OfType(id?.ToString(), "Area")).ToList()).ToList()
                : null);
        builder.Resolve("Council", "commissions", c =>
            Store(c).VisibleServices().Where(s => ((List<object?>)s["commissionerIds"]!).Contains(Parent(c)["id"])).ToList());
        builder.Resolve("Charity", "trustees", FailWith("The charity register is unavailable."));
        builder.Resolve("Charity", "registeredNumberOld", c => Parent(c)["registeredNumber"]);

        builder.Resolve("Service", "provider", c => Store(c).Organisation(Parent(c)["providerId"]?.ToString()));
        builder.Resolve("Service", "commissioners", c =>
            ((List<object?>)Parent(c)["commissionerIds"]!).Select(id => Store(c).Organisation(id?.ToString())).ToList());
        builder.Resolve("Service", "capacity", c => Parent(c)["places"]);
        builder.Resolve("Service", "funding", c =>
        {
            var year = IntArg(c, "year");
            return ((List<object?>)Parent(c)["funding"]!).Cast<Dictionary<string, object?>>()
                .FirstOrDefault(f => Convert.ToInt32(f["year"], System.Globalization.CultureInfo.InvariantCulture) == year);
        });
        builder.Resolve("Service", "secret", FailWith("Service secrets are classified."));
        builder.Resolve("Service", "strictSecret", FailWith("Strict secrets are classified."));
        builder.Resolve("Service", "contact", c =>
            Parent(c)["contactId"] is { } id ? Store(c).OfType(id.ToString(), "Contact") : null);
        builder.Resolve("Service", "label", c =>
        {
            var text = (StringArg(c, "prefix") ?? "") + (string)Parent(c)["name"]!;
            var mode = StringArg(c, "case") ?? (Arg(c, "upper") is true ? "UPPER" : "AS_IS");
            return mode switch
            {
                "UPPER" => text.ToUpperInvariant(),
                "LOWER" => text.ToLowerInvariant(),
                _ => text,
            };
        });
        builder.Resolve("Area", "parent", c =>
            Parent(c)["parentId"] is { } id ? Store(c).OfType(id.ToString(), "Area") : null);
    }

    private static void BindMutation(SchemaBuilder builder)
    {
        builder.Resolve("Mutation", "createService", c =>
        {
            var input = AsReadOnly(Arg(c, "input"))!;
            var store = Store(c);
            var providerId = input["providerId"]?.ToString();
            if (store.Organisation(providerId) is null)
            {
                throw new GraphQLError($"No organisation has id \"{providerId}\".");
            }
            store.CreatedServices++;
            var service = new Dictionary<string, object?>
            {
                ["__typename"] = "Service",
                ["id"] = $"service-new-{store.CreatedServices}",
                ["name"] = input["name"],
                ["kind"] = input["kind"]?.ToString(),
                ["providerId"] = providerId,
                ["commissionerIds"] = new List<object?>(),
                ["startDate"] = input.GetValueOrDefault("startDate"),
                ["endDate"] = null,
                ["updatedAt"] = null,
                ["tags"] = input.GetValueOrDefault("tags"),
                ["places"] = input.GetValueOrDefault("places"),
                ["rating"] = null,
                ["open"] = true,
                ["funding"] = new List<object?>(),
                ["referrals"] = null,
                ["matrix"] = null,
                ["contactId"] = AsReadOnly(input.GetValueOrDefault("contact"))?.GetValueOrDefault("id")?.ToString(),
            };
            store.Add(store.Services, service);
            return service;
        });
        builder.Resolve("Mutation", "incrementCounter", c => Store(c).Counter += IntArg(c, "by") ?? 0);
        builder.Resolve("Mutation", "multiplyCounter", c => Store(c).Counter *= IntArg(c, "by")!.Value);
        builder.Resolve("Mutation", "resetCounter", c => Store(c).Counter = 0);
        builder.Resolve("Mutation", "failingMutation", FailWith("This mutation always fails."));
        builder.Resolve("Mutation", "closeService", c =>
        {
            var service = Store(c).OfType(StringArg(c, "id"), "Service");
            if (service is not null)
            {
                service["open"] = false;
            }
            return service;
        });
    }

    /// <summary>Query.delayed: completes asynchronously, as the JavaScript resolver does.</summary>
    private static async Task<string?> DelayedAsync(ResolverContext context)
    {
        await Task.Yield();
        return StringArg(context, "value");
    }

    /// <summary>A resolver that throws an ordinary exception (not a GraphQLError), as JavaScript's `throw new Error`.</summary>
    private static Func<ResolverContext, object?> FailWith(string message) => _ => throw new InvalidOperationException(message);

    private static IEnumerable<object?> Items(object? list) =>
        list is System.Collections.IEnumerable items and not string ? items.Cast<object?>() : [list];

    private static IReadOnlyDictionary<string, object?>? AsReadOnly(object? value) => value switch
    {
        null => null,
        IReadOnlyDictionary<string, object?> map => map,
        IDictionary<string, object?> map => map.AsReadOnly(),
        _ => throw new InvalidOperationException($"Expected an input object, got {value.GetType()}."),
    };
}

/// <summary>A request's mutable copy of fixture.json (the JavaScript createStore).</summary>
public sealed class ConformanceStore : IServiceProvider
{
    private static readonly (string Collection, string Typename)[] Collections =
        [("councils", "Council"), ("charities", "Charity"), ("services", "Service"), ("contacts", "Contact"), ("areas", "Area")];

    private readonly Dictionary<string, Dictionary<string, object?>> _byId = new(StringComparer.Ordinal);

    public ConformanceStore(JsonObject fixture)
    {
        ArgumentNullException.ThrowIfNull(fixture);
        Version = (string)fixture["version"]!;
        Counter = (long)fixture["counter"]!;
        var lists = new Dictionary<string, List<Dictionary<string, object?>>>();
        foreach (var (collection, typename) in Collections)
        {
            var list = new List<Dictionary<string, object?>>();
            foreach (var item in fixture[collection]!.AsArray())
            {
                var entry = (Dictionary<string, object?>)ToClr(item)!;
                entry["__typename"] = typename;
                Add(list, entry);
            }
            lists[collection] = list;
        }
        Councils = lists["councils"];
        Charities = lists["charities"];
        Services = lists["services"];
        Contacts = lists["contacts"];
        Areas = lists["areas"];
    }

    public string Version { get; }

    /// <summary>A long, so that overflowing Int is reported by the Int scalar (as in JavaScript) rather than wrapping.</summary>
    public long Counter { get; set; }

    public int CreatedServices { get; set; }

    public List<Dictionary<string, object?>> Councils { get; }

    public List<Dictionary<string, object?>> Charities { get; }

    public List<Dictionary<string, object?>> Services { get; }

    public List<Dictionary<string, object?>> Contacts { get; }

    public List<Dictionary<string, object?>> Areas { get; }

    public object? GetService(Type serviceType) => serviceType == typeof(ConformanceStore) ? this : null;

    public void Add(List<Dictionary<string, object?>> list, Dictionary<string, object?> entry)
    {
        ArgumentNullException.ThrowIfNull(list);
        ArgumentNullException.ThrowIfNull(entry);
        list.Add(entry);
        _byId[(string)entry["id"]!] = entry;
    }

    public Dictionary<string, object?>? ById(string? id) => id is not null ? _byId.GetValueOrDefault(id) : null;

    public Dictionary<string, object?>? OfType(string? id, string typename) =>
        ById(id) is { } value && Equals(value["__typename"], typename) ? value : null;

    public Dictionary<string, object?>? Organisation(string? id) =>
        ById(id) is { } value && value["__typename"] is "Council" or "Charity" ? value : null;

    public IEnumerable<Dictionary<string, object?>> VisibleServices() => Services.Where(s => s.GetValueOrDefault("hidden") is not true);

    public List<Dictionary<string, object?>> FilterServices(IReadOnlyDictionary<string, object?>? filter)
    {
        var list = VisibleServices().ToList();
        if (filter is null)
        {
            return list;
        }
        if (filter.GetValueOrDefault("kind")?.ToString() is { } kind)
        {
            list = [.. list.Where(s => Equals(s["kind"], kind))];
        }
        if (filter.GetValueOrDefault("kinds") is System.Collections.IEnumerable kinds)
        {
            var names = kinds.Cast<object?>().Select(k => k?.ToString()).ToHashSet();
            list = [.. list.Where(s => names.Contains((string?)s["kind"]))];
        }
        if (filter.GetValueOrDefault("region")?.ToString() is { } region)
        {
            list =
            [
                .. list.Where(s => ((List<object?>)s["commissionerIds"]!)
                    .Any(id => OfType(id?.ToString(), "Council") is { } council && Equals(council["region"], region))),
            ];
        }
        if (filter.GetValueOrDefault("nameContains")?.ToString() is { } needle)
        {
            list = [.. list.Where(s => ((string)s["name"]!).Contains(needle, StringComparison.OrdinalIgnoreCase))];
        }
        if (filter.GetValueOrDefault("minPlaces") is { } minPlaces)
        {
            var minimum = Convert.ToInt64(minPlaces, System.Globalization.CultureInfo.InvariantCulture);
            list = [.. list.Where(s => Number(s["places"]) >= minimum)];
        }
        if (filter.GetValueOrDefault("open") is bool open)
        {
            list = [.. list.Where(s => Equals(s["open"], open))];
        }
        if (filter.GetValueOrDefault("sort") is { } sortValue)
        {
            var sort = sortValue as IReadOnlyDictionary<string, object?> ?? ((IDictionary<string, object?>)sortValue).AsReadOnly();
            var field = sort.GetValueOrDefault("field")?.ToString();
            var direction = sort.GetValueOrDefault("order")?.ToString() == "DESC" ? -1 : 1;
            Comparison<Dictionary<string, object?>> byKey = field switch
            {
                "PLACES" => (a, b) => (a["places"] is null ? -1 : Number(a["places"])).CompareTo(b["places"] is null ? -1 : Number(b["places"])),
                "START_DATE" => (a, b) => string.CompareOrdinal((string?)a["startDate"] ?? "", (string?)b["startDate"] ?? ""),
                _ => (a, b) => string.CompareOrdinal((string)a["name"]!, (string)b["name"]!),
            };
            list = [.. list.Order(Comparer<Dictionary<string, object?>>.Create((a, b) =>
            {
                var byField = Math.Sign(byKey(a, b)) * direction;
                return byField != 0 ? byField : string.CompareOrdinal((string)a["id"]!, (string)b["id"]!);
            }))];
        }
        return list;
    }

    private static long Number(object? value) =>
        value is null ? 0 : Convert.ToInt64(value, System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>JSON to plain CLR values: mutable dictionaries and lists, strings, int/long/double, bool, null.</summary>
    private static object? ToClr(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj.ToDictionary(p => p.Key, p => ToClr(p.Value)),
        JsonArray array => array.Select(ToClr).ToList(),
        JsonValue value when value.TryGetValue<string>(out var s) => s,
        JsonValue value when value.TryGetValue<bool>(out var b) => b,
        JsonValue value when value.TryGetValue<int>(out var i) => i,
        JsonValue value when value.TryGetValue<long>(out var l) => l,
        JsonValue value => value.GetValue<double>(),
        _ => throw new InvalidOperationException($"Unexpected JSON node {node.GetType()}."),
    };
}
