using System.Linq.Expressions;
using Directory.Api.GraphQL;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Reads;

namespace Directory.Api.Funding;

/// <summary>One row of <c>Query.fundingSummary</c>: the awards of one group and their total.</summary>
public sealed record FundingSummaryRow(string Key, string Label, int Awards, decimal AmountGbp);

/// <summary>
/// Resolvers of <c>Query.fundingAwards</c>, <c>Query.fundingSummary</c>, <c>Organisation.funding</c> and
/// <c>FundingAward</c>. Funding is public: every role sees every award, anonymous callers included. Most sample
/// figures are invented (<c>source: "synthetic"</c>), which is why <c>source</c> is part of every award.
/// </summary>
internal static class FundingResolvers
{
    public static readonly FilterFields<FundingAward> Filter = new FilterFields<FundingAward>()
        .String("code", f => f.Key)
        .Enum("programme", f => (FundingProgramme?)f.Programme)
        .String("funder", f => f.Funder)
        .Nested("recipient", f => f.Recipient, OrganisationResolvers.Filter)
        .String("financialYear", f => f.FinancialYear)
        .Decimal("amountGbp", f => f.Amount)
        .String("purpose", f => f.Purpose)
        .String("source", f => f.Source);

    private static readonly SortFields<FundingAward> Sort = new SortFields<FundingAward>()
        .Key("code", f => f.Key)
        .Key("programme", f => f.Programme)
        .Key("funder", f => f.Funder)
        .Key("financialYear", f => f.FinancialYear)
        .Key("amountGbp", f => f.Amount)
        .Nested("recipient", f => f.Recipient, OrganisationResolvers.Sort);

    // What fundingSummary(groupBy: PROGRAMME) labels each programme.
    private static readonly Dictionary<FundingProgramme, string> ProgrammeLabels = new()
    {
        [FundingProgramme.PART4_SAFE_ACCOMMODATION_DUTY] = "Part 4 safe accommodation duty",
        [FundingProgramme.PART4_TIER2_CAPACITY] = "Part 4 tier-2 capacity",
        [FundingProgramme.PUBLIC_HEALTH_GRANT] = "Public health grant",
        [FundingProgramme.PCC_VICTIM_SERVICES] = "Police and crime commissioners' victim services",
    };

    private static readonly Expression<Func<FundingAward, int>> AwardRecipient = f => f.RecipientId;

    public static SchemaBuilder BindFunding(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "fundingAwards", Filter, Sort)
        .Resolve("Query", "fundingAwards", ctx =>
            FilteredConnection.Of(ctx, db => db.FundingAwards, Filter, Sort, SortClause.Ascending<FundingAward, string>(f => f.Key), f => f.Id))
        .FilteredBy("Query", "fundingSummary", Filter)
        .Resolve("Query", "fundingSummary", SummaryAsync)
        .BindConnection<FundingAward>("FundingAward")
        .BindType<FundingAward>("FundingAward")
        .BindType<FundingSummaryRow>("FundingSummaryRow")
        .ResolveFrom("FundingAward", "id", (FundingAward f) => f.Key, (_, key) => GlobalId.Of("FundingAward", key))
        .ResolveFrom("FundingAward", "code", (FundingAward f) => f.Key, (_, key) => key)
        .ResolveFrom("FundingAward", "amountGbp", (FundingAward f) => f.Amount, (_, amount) => amount)
        .ResolveFrom("FundingAward", "recipient", (FundingAward f) => f.RecipientId, (ctx, id) => OrganisationResolvers.ByIdAsync(ctx, id))
        .ResolveFrom("Organisation", "funding", (Organisation o) => o.Id, (ctx, id) =>
        {
            var year = ctx.GetArgument<string>("financialYear");
            return Load.ManyAsync(ctx, Load.Named("funding-by-recipient", year), id,
                db => db.FundingAwards.Where(f => year == null || f.FinancialYear == year).OrderBy(f => f.FinancialYear).ThenBy(f => f.Key),
                AwardRecipient);
        });

    /// <summary>
    /// <c>fundingSummary</c>: one GROUP BY in the database over the filtered awards; the rows ordered by key.
    /// Awards whose recipient has no value for the grouping (no region) are left out rather than given a made-up key.
    /// </summary>
    private static async Task<object?> SummaryAsync(ResolverContext ctx)
    {
        var groupBy = ctx.GetArgument<string>("groupBy");
        await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync(ctx.CancellationToken);
        var awards = Filter.Apply(db.FundingAwards, ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where"));
        var cancellationToken = ctx.CancellationToken;
        var rows = groupBy switch
        {
            "PROGRAMME" => (await awards.GroupBy(f => f.Programme)
                    .Select(g => new { g.Key, Awards = g.Count(), Amount = g.Sum(f => f.Amount) }).ToListAsync(cancellationToken))
                .Select(g => new FundingSummaryRow(g.Key.ToString(), ProgrammeLabels[g.Key], g.Awards, g.Amount)),
            "FINANCIAL_YEAR" => Rows(await awards.GroupBy(f => new { Key = f.FinancialYear, Label = f.FinancialYear })
                .Select(g => new GroupTotal(g.Key.Key, g.Key.Label, g.Count(), g.Sum(f => f.Amount))).ToListAsync(cancellationToken)),
            "RECIPIENT" => Rows(await awards.GroupBy(f => new { Key = f.Recipient.Code, Label = f.Recipient.Name })
                .Select(g => new GroupTotal(g.Key.Key, g.Key.Label, g.Count(), g.Sum(f => f.Amount))).ToListAsync(cancellationToken)),
            "REGION" => Rows(await awards.Where(f => f.Recipient.Region != null).GroupBy(f => new { Key = f.Recipient.Region!, Label = f.Recipient.Region! })
                .Select(g => new GroupTotal(g.Key.Key, g.Key.Label, g.Count(), g.Sum(f => f.Amount))).ToListAsync(cancellationToken)),
            "COUNTY" => Rows(await awards
                .GroupBy(f => new
                {
                    Key = f.Recipient.County != null ? f.Recipient.County.Code : f.Recipient.Code,
                    Label = f.Recipient.County != null ? f.Recipient.County.Name : f.Recipient.Name,
                })
                .Select(g => new GroupTotal(g.Key.Key, g.Key.Label, g.Count(), g.Sum(f => f.Amount))).ToListAsync(cancellationToken)),
            _ => throw new GraphQLError($"Cannot group funding by \"{groupBy}\".", code: ErrorCodes.BadUserInput),
        };
        return rows.OrderBy(r => r.Key, StringComparer.Ordinal).ToList();
    }

    private sealed record GroupTotal(string Key, string Label, int Awards, decimal Amount);

    private static IEnumerable<FundingSummaryRow> Rows(List<GroupTotal> groups) =>
        groups.Select(g => new FundingSummaryRow(g.Key, g.Label, g.Awards, g.Amount));
}
