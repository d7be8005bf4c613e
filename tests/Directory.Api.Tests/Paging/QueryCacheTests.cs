using System.Diagnostics;
using System.Linq.Expressions;
using Directory.Api.Tests.ServiceUnderTest;
using Directory.Data;
using Directory.Data.Model;
using Microsoft.AspNetCore.Hosting;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Query;
using Microsoft.EntityFrameworkCore.Sqlite.Query.Internal;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// The common reads (issue 18 §1: a contact search, the contacts page, an organisations page and the next one by its
/// cursor, a national contact list page, the mapping report) reach EF Core's compiled-query cache when repeated: a
/// query built with a value as a constant, or a new expression shape per request, makes EF Core translate it again,
/// milliseconds each, on every request. Counted from EF Core's own QueryCompilationStarting events for this test's
/// database, through the real endpoint on a real SQLite file.
/// </summary>
public sealed class QueryCacheTests : IClassFixture<QueryCacheTests.PrivateQueryCacheApiFactory>, IDisposable
{
    private const string ContactSearch = """
        query ($search: String) { contacts(search: $search, first: 25) { totalCount nodes { fullName jobTitle email role organisation { name type } department { name category } } } }
        """;

    private const string OrganisationsPage = """
        query ($after: String) { organisations(first: 25, after: $after, order: [{ name: ASC }]) { totalCount pageInfo { hasNextPage endCursor } nodes { id code name type tier region population county { name } policeForceArea { name } surveyStatus(survey: "STADV-2020") } } }
        """;

    private const string NationalContactList = """
        query ($after: String) { nationalContactList(survey: "STADV-2020", first: 50, after: $after) { totalCount pageInfo { hasNextPage endCursor } nodes { organisation { code name } organisationType status commissionedByCounty contacts { fullName jobTitle email } countyContacts { fullName email organisation { name } } centralEmail } } }
        """;

    private const string MappingReport = """
        { mappingReport(survey: "STADV-2020") { coverage { rows { organisationType completed total } } leadStatus { answered rows { option count } } } }
        """;

    private readonly PrivateQueryCacheApiFactory _api;
    private readonly CompilationCounter _compilations;

    /// <summary>
    /// The service with an EF Core query cache of its own. Every service in the test process otherwise shares one (EF
    /// Core's internal service provider is shared by contexts with the same options, whatever their connection), which
    /// holds 1,024 queries: the whole suite's filters and searches evict this class's warmed queries at random, and the
    /// recompilation would be counted here as a request's new query. Unbounded, so nothing is evicted.
    /// </summary>
    public sealed class PrivateQueryCacheApiFactory : DirectoryApiFactory
    {
        public MemoryCache QueryCache { get; } = new(new MemoryCacheOptions());

        protected override void ConfigureWebHost(IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.ConfigureServices(services => services.ConfigureDbContext<SqliteDirectoryDbContext>(
                o => o.UseMemoryCache(QueryCache).ReplaceService<IQuerySqlGeneratorFactory, CountingSqlGeneratorFactory>()));
        }

        protected override void Dispose(bool disposing)
        {
            base.Dispose(disposing);
            QueryCache.Dispose();
        }
    }

    public QueryCacheTests(PrivateQueryCacheApiFactory api)
    {
        _api = api;
        _compilations = new CompilationCounter(api.ConnectionString);
    }

    public void Dispose() => _compilations.Dispose();

    [Fact]
    public async Task Repeated_page_requests_compile_no_new_query()
    {
        var token = _api.OfficeToken;
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var options = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>().GetService<IDbContextOptions>();
            options.FindExtension<CoreOptionsExtension>()!.MemoryCache.ShouldBeSameAs(_api.QueryCache, "the service's contexts must use this class's query cache");
        }
        // Each kind once, and the next pages by their cursors: what these compile must serve every later request. A
        // search's first page has two plans (a walk of the default order when the matches are dense, "manager" in 194
        // of the sample's 685 contacts; the ranking of the index's matches otherwise, "commissioning"), each with its
        // total counted alongside or, asked again, kept (TotalCountCache): each once.
        var cursors = await EveryReadAsync(token, "domestic abuse", new Cursors(null, null));
        cursors = await EveryReadAsync(token, "domestic abuse", cursors);
        cursors = await EveryReadAsync(token, "manager", cursors);
        cursors = await EveryReadAsync(token, "commissioning", cursors);

        var before = _compilations.Count;
        // Other words, and pages further on: every value differs from the first requests' (a cursor's key values
        // put into the query as constants would make each page a query of its own).
        cursors = await EveryReadAsync(token, "council", cursors);
        cursors = await EveryReadAsync(token, "officer", cursors);
        await EveryReadAsync(token, "domestic abuse", cursors);

        _compilations.Count.ShouldBe(before, "a repeated read compiled a query again: " + string.Join(" | ", _compilations.Since(before)));
    }

    [Fact]
    public async Task Repeated_searches_with_other_words_generate_no_new_sql()
    {
        // A compiled query still has its SQL generated again on every execution when EF Core cannot cache the command
        // (a FromSql argument array does that: it is expanded into parameters per execution), a share of every
        // search's CPU (issue 18 §1). Each plan once, with its total counted and then kept, as in the test above.
        var token = _api.OfficeToken;
        // An organisation search that finds nothing counts in a command of its own ("manager"): a shape of its own too.
        foreach (var search in new[] { "domestic abuse", "manager", "commissioning", "city council" })
        {
            await EverySearchAsync(token, search);
            await EverySearchAsync(token, search);
        }

        var before = CountingSqlGeneratorFactory.Generated;
        foreach (var search in new[] { "council", "borough", "police", "county council", "officer" })
        {
            await EverySearchAsync(token, search);
        }

        CountingSqlGeneratorFactory.Generated.ShouldBe(before, "a repeated search generated its SQL again: " + string.Join(" | ", CountingSqlGeneratorFactory.Since(before)));
    }

    [Fact]
    public async Task The_sql_counter_sees_sql_the_service_has_not_generated_yet()
    {
        // Without this the test above would pass with a counter that never counts.
        var before = CountingSqlGeneratorFactory.Generated;
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            var unseen = "never-" + Guid.NewGuid().ToString("N");
            (await db.Organisations.CountAsync(o => o.Code == unseen && o.Name != unseen)).ShouldBe(0);
        }
        CountingSqlGeneratorFactory.Generated.ShouldBeGreaterThan(before);
    }

    private const string OrganisationSearch = """
        query ($search: String) { organisations(search: $search, first: 10) { totalCount nodes { code name } } }
        """;

    private async Task EverySearchAsync(string token, string search)
    {
        var contacts = await _api.DataAsync(ContactSearch, new { search }, token);
        contacts.GetProperty("contacts").GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(0, search);
        await _api.DataAsync(OrganisationSearch, new { search }, token);
    }

    /// <summary>
    /// SQLite's SQL generator, recording each SQL text EF Core asks it for: it does so for every command whose SQL it
    /// has not cached. Only this class's service uses it (xUnit runs a class's tests one at a time), hence one record.
    /// </summary>
#pragma warning disable EF1001 // EF Core's own SQLite generator, extended to record: no public API observes SQL generation.
    private sealed class CountingSqlGeneratorFactory(QuerySqlGeneratorDependencies dependencies) : SqliteQuerySqlGeneratorFactory(dependencies)
    {
        private static readonly List<string> GeneratedSql = [];

        public static int Generated
        {
            get { lock (GeneratedSql) { return GeneratedSql.Count; } }
        }

        public static IReadOnlyList<string> Since(int index)
        {
            lock (GeneratedSql)
            {
                return [.. GeneratedSql.Skip(index)];
            }
        }

        public override QuerySqlGenerator Create() => new RecordingGenerator(Dependencies);

        private sealed class RecordingGenerator(QuerySqlGeneratorDependencies dependencies) : SqliteQuerySqlGenerator(dependencies)
        {
            public override Microsoft.EntityFrameworkCore.Storage.IRelationalCommand GetCommand(Expression queryExpression)
            {
                var command = base.GetCommand(queryExpression);
                lock (GeneratedSql)
                {
                    GeneratedSql.Add(command.CommandText);
                }
                return command;
            }
        }
    }
#pragma warning restore EF1001

    [Fact]
    public async Task The_counter_sees_a_query_the_service_has_not_compiled_yet()
    {
        // Without this the test above would pass with a counter that never counts.
        var before = _compilations.Count;
        await using (var scope = _api.Services.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
            // A constant the service never uses: a shape of its own, so EF Core must compile it.
            var o = Expression.Parameter(typeof(Organisation), "o");
            var unseen = Expression.Lambda<Func<Organisation, bool>>(
                Expression.Equal(Expression.Property(o, nameof(Organisation.Code)), Expression.Constant(Guid.NewGuid().ToString("N"))), o);
            (await db.Organisations.CountAsync(unseen)).ShouldBe(0);
        }
        _compilations.Count.ShouldBeGreaterThan(before);
    }

    /// <summary>Where the next organisations page and the next national contact list page begin.</summary>
    private sealed record Cursors(string? Organisations, string? NationalContactList);

    private async Task<Cursors> EveryReadAsync(string token, string search, Cursors after)
    {
        await _api.DataAsync(ContactSearch, new { search }, token);
        await _api.DataAsync(ContactSearch, new { search = (string?)null }, token);
        var organisations = await _api.DataAsync(OrganisationsPage, new { after = after.Organisations }, token);
        var list = await _api.DataAsync(NationalContactList, new { after = after.NationalContactList }, token);
        await _api.DataAsync(MappingReport, token: token);
        return new Cursors(EndCursor(organisations, "organisations"), EndCursor(list, "nationalContactList"));
    }

    private static string EndCursor(System.Text.Json.JsonElement data, string field)
    {
        var pageInfo = data.GetProperty(field).GetProperty("pageInfo");
        pageInfo.GetProperty("hasNextPage").GetBoolean().ShouldBeTrue($"{field} has too few pages for this test");
        return pageInfo.GetProperty("endCursor").GetString()!;
    }

    /// <summary>EF Core's QueryCompilationStarting events of the contexts on one database, with the query compiled.</summary>
    private sealed class CompilationCounter : IObserver<DiagnosticListener>, IObserver<KeyValuePair<string, object?>>, IDisposable
    {
        private readonly string _connectionString;
        private readonly List<string> _compiled = [];
        private readonly List<IDisposable> _subscriptions = [];

        public CompilationCounter(string connectionString)
        {
            _connectionString = connectionString;
            _subscriptions.Add(DiagnosticListener.AllListeners.Subscribe(this));
        }

        public int Count
        {
            get { lock (_compiled) { return _compiled.Count; } }
        }

        public IReadOnlyList<string> Since(int index)
        {
            lock (_compiled)
            {
                return [.. _compiled.Skip(index)];
            }
        }

        public void Dispose()
        {
            lock (_subscriptions)
            {
                _subscriptions.ForEach(s => s.Dispose());
                _subscriptions.Clear();
            }
        }

        void IObserver<DiagnosticListener>.OnNext(DiagnosticListener value)
        {
            if (value.Name == DbLoggerCategory.Name)
            {
                lock (_subscriptions)
                {
                    _subscriptions.Add(value.Subscribe(this, name => name == CoreEventId.QueryCompilationStarting.Name));
                }
            }
        }

        void IObserver<KeyValuePair<string, object?>>.OnNext(KeyValuePair<string, object?> value)
        {
            // Every test class has a service of its own, on a database of its own, in this process: count ours only.
            if (value.Key == CoreEventId.QueryCompilationStarting.Name
                && value.Value is QueryExpressionEventData { Context: { } context } data
                && context.Database.GetConnectionString() == _connectionString)
            {
                lock (_compiled)
                {
                    _compiled.Add(data.Expression.ToString());
                }
            }
        }

        void IObserver<DiagnosticListener>.OnCompleted()
        {
        }

        void IObserver<DiagnosticListener>.OnError(Exception error)
        {
        }

        void IObserver<KeyValuePair<string, object?>>.OnCompleted()
        {
        }

        void IObserver<KeyValuePair<string, object?>>.OnError(Exception error)
        {
        }
    }
}
