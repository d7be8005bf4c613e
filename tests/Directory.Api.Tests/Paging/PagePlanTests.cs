using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using Directory.Api.Auth;
using Directory.Api.Tests.ServiceUnderTest;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Directory.Api.Tests.Paging;

/// <summary>
/// Issue 18: a page costs the same whatever the size of the table. The first page of a connection in its default
/// order, and the page after a cursor, must be read from an index of that order (its first rows, or a seek to the
/// cursor), not from a scan and sort of every row per request: the organisations page sorted all 61,700
/// organisations of the 100× dataset for each page, the partial in-scope index not covering them. Checked on the
/// page command the service really sends (captured from EF Core's command log) through SQLite's EXPLAIN QUERY PLAN;
/// the plan does not depend on the table's size (no statistics are gathered), so the sample shows what 100× does.
/// </summary>
public sealed partial class PagePlanTests(PagePlanTests.CommandLogApi api) : IClassFixture<PagePlanTests.CommandLogApi>
{
    [Theory]
    [InlineData("organisations", "code name county { name } policeForceArea { name } surveyStatus(survey: \"STADV-2020\")", "IX_organisations_name_id_all")]
    [InlineData("partnerships", "code name lead { name }", "IX_partnerships_name_id")]
    [InlineData("nationalContactList", "organisation { code name } status", "IX_organisations_name_id")]
    public async Task The_first_page_and_the_next_are_read_from_the_index_of_the_default_order(string field, string selection, string index)
    {
        var document = $"query ($after: String) {{ {field}(first: 25, after: $after) {{ totalCount pageInfo {{ endCursor }} nodes {{ {selection} }} }} }}";

        var (firstPlan, endCursor) = await PagePlanAsync(field, document, after: null);
        var (nextPlan, _) = await PagePlanAsync(field, document, endCursor);

        ReadsInIndexOrder(firstPlan, $@"^SCAN \w+ USING (COVERING )?INDEX {index}\b");
        // A seek to the cursor (SQLite writes a >= bound as ">" too), not a walk from the index's start.
        ReadsInIndexOrder(nextPlan, $@"^SEARCH \w+ USING (COVERING )?INDEX {index} \(name>\?\)");
    }

    /// <summary>
    /// The contacts list's default order (organisation name, full name, id) is the contact's own columns' since
    /// migration 20261207100000 (the organisation's name kept on the contact), so its pages walk that index too, for
    /// whoever asks: the visibility rule of each role (a consent, or the caller's own organisation) is checked per row
    /// of the walk, its joins looked up by key, not read whole.
    /// </summary>
    [Theory]
    [InlineData(Roles.CommissionerOffice, null)]
    [InlineData(Roles.Partner, "E10000024")]
    [InlineData(Roles.Government, null)]
    [InlineData(Roles.VoluntarySector, null)]
    public async Task The_contacts_pages_walk_the_index_of_their_default_order_whoever_asks(string role, string? organisation)
    {
        const string Index = "IX_contacts_organisation_name_full_name_id";
        var document = "query ($after: String) { contacts(first: 25, after: $after) { totalCount pageInfo { endCursor } nodes { code fullName email organisation { name } } } }";
        var token = api.Token(role, organisation);

        var (firstPlan, endCursor) = await PagePlanAsync("contacts", document, after: null, token);
        var (nextPlan, _) = await PagePlanAsync("contacts", document, endCursor, token);

        foreach (var (plan, pattern) in new[] { (firstPlan, $@"^SCAN \w+ USING (COVERING )?INDEX {Index}\b"), (nextPlan, $@"^SEARCH \w+ USING (COVERING )?INDEX {Index} \(organisation_name>\?\)") })
        {
            var read = ReadsInIndexOrder(plan, pattern);
            var shown = string.Join("\n", plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}"));
            // The rule's joins (organisation, survey response) beside the walk are lookups by key, never a scan.
            plan.Where(p => p.Parent == read.Parent && p != read).ShouldNotContain(p => p.Detail.StartsWith("SCAN ", StringComparison.Ordinal), shown);
        }
    }

    /// <summary>
    /// A search whose matches are dense (issue 18 §1: "commissioning manager" at ×100, 5,600 of 68,500 contacts) reads
    /// its first page from the walk of the default order's index, a few dozen rows, instead of ranking every match the
    /// FTS5 index finds: "council" is in 474 of the sample's 685 contacts, in the person's own text.
    /// </summary>
    [Fact]
    public async Task A_dense_search_s_first_page_walks_the_index_of_the_default_order()
    {
        var document = "query ($after: String) { contacts(search: \"council\", first: 25, after: $after) { totalCount pageInfo { endCursor } nodes { code fullName organisation { name } } } }";

        var (plan, _) = await PagePlanAsync("contacts", document, after: null);

        ReadsInIndexOrder(plan, @"^SCAN \w+ USING (COVERING )?INDEX IX_contacts_organisation_name_full_name_id\b");
    }

    [Fact]
    public async Task An_anonymous_caller_s_contacts_page_sorts_nothing()
    {
        api.Commands.Clear();
        var page = (await api.DataAsync("{ contacts(first: 25) { totalCount nodes { fullName } } }")).GetProperty("contacts");

        page.GetProperty("totalCount").GetInt32().ShouldBe(0);
        var plan = await PlanAsync(api.Commands.Where(c => c.Contains("LIMIT @", StringComparison.Ordinal)).ShouldHaveSingleItem());
        // The rule is a constant false: the walk of the index ends before its first row, and nothing is sorted.
        ReadsInIndexOrder(plan, @"^SCAN \w+ USING (COVERING )?INDEX IX_contacts_organisation_name_full_name_id\b");
        plan.ShouldNotContain(p => p.Detail.StartsWith("USE TEMP B-TREE", StringComparison.Ordinal), string.Join("\n", plan.Select(p => p.Detail)));
    }

    /// <summary>
    /// The plan reads the rows through the index line matching <paramref name="pattern"/>, and sorts nothing at that
    /// level: a sort beside the read would mean the index does not give the page's order (the rows all read, then
    /// sorted). A sort above it, of the page's few rows after its joins, is EF Core's and costs the same at any size.
    /// </summary>
    private static PlanLine ReadsInIndexOrder(List<PlanLine> plan, string pattern)
    {
        var shown = string.Join("\n", plan.Select(p => $"{p.Id} {p.Parent} {p.Detail}"));
        // The first such line: the page's read (a total counted through the same index comes after it).
        var read = plan.FirstOrDefault(p => Regex.IsMatch(p.Detail, pattern)).ShouldNotBeNull(shown);
        plan.ShouldNotContain(p => p.Parent == read.Parent && p.Detail.StartsWith("USE TEMP B-TREE FOR ORDER BY", StringComparison.Ordinal), shown);
        return read;
    }

    private sealed record PlanLine(int Id, int Parent, string Detail);

    /// <summary>
    /// Runs the page request and returns the plan of its one page command (the command with the page's LIMIT) and the
    /// page's end cursor. Every parameter is bound to 1: SQLite chooses a plan without looking at the values.
    /// </summary>
    private async Task<(List<PlanLine> Plan, string EndCursor)> PagePlanAsync(string field, string document, string? after, string? token = null)
    {
        api.Commands.Clear();
        var page = (await api.DataAsync(document, new { after }, token ?? api.OfficeToken)).GetProperty(field);
        page.GetProperty("totalCount").GetInt32().ShouldBeGreaterThan(25);
        var command = api.Commands.Where(c => c.Contains("LIMIT @", StringComparison.Ordinal)).ShouldHaveSingleItem();
        return (await PlanAsync(command), page.GetProperty("pageInfo").GetProperty("endCursor").GetString()!);
    }

    private async Task<List<PlanLine>> PlanAsync(string command)
    {
        await using var connection = new SqliteConnection(api.ConnectionString);
        await connection.OpenAsync();
        await using var explain = connection.CreateCommand();
        explain.CommandText = "EXPLAIN QUERY PLAN " + command;
        foreach (var name in Parameter().Matches(command).Select(m => m.Value).Distinct())
        {
            explain.Parameters.AddWithValue(name, 1);
        }
        var plan = new List<PlanLine>();
        await using (var reader = await explain.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                plan.Add(new PlanLine(reader.GetInt32(0), reader.GetInt32(1), reader.GetString(3)));
            }
        }
        return plan;
    }

    [GeneratedRegex(@"@\w+")]
    private static partial Regex Parameter();

    /// <summary>The service with EF Core's command log (the SQL text, without parameter values) captured in memory.</summary>
    public sealed class CommandLogApi : DirectoryApiFactory
    {
        public ConcurrentQueue<string> Commands { get; } = new();

        protected override void ConfigureWebHost(Microsoft.AspNetCore.Hosting.IWebHostBuilder builder)
        {
            base.ConfigureWebHost(builder);
            builder.UseSetting("Logging:LogLevel:" + DbLoggerCategory.Database.Command.Name, "Information");
            builder.ConfigureServices(services => services.AddSingleton<ILoggerProvider>(new CommandCapture(Commands)));
        }
    }

    private sealed class CommandCapture(ConcurrentQueue<string> commands) : ILoggerProvider, ILogger
    {
        public ILogger CreateLogger(string categoryName) =>
            categoryName == DbLoggerCategory.Database.Command.Name ? this : Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance;

        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (eventId.Id == RelationalEventId.CommandExecuted.Id
                && state is IReadOnlyList<KeyValuePair<string, object?>> values
                && values.FirstOrDefault(v => v.Key == "commandText").Value is string text)
            {
                commands.Enqueue(text);
            }
        }

        public void Dispose()
        {
        }
    }
}
