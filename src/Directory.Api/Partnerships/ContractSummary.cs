using Directory.Api.Auth;
using Directory.Api.Paging;

namespace Directory.Api.Partnerships;

/// <summary>How <c>Query.contractSummary</c> groups contracts.</summary>
public enum ContractGrouping
{
    REGION,
    POLICE_FORCE_AREA,
    LEAD_COMMISSIONER,
    SERVICE_TYPE,
    PROVIDER,
    END_YEAR,
}

/// <summary>One group of <c>Query.contractSummary</c>: its key (a code, region name or year), label and totals.</summary>
public sealed record ContractSummaryRow(string Key, string Label, int Contracts, decimal AnnualValueGbp, int RefugeUnits);

/// <summary>
/// <c>Query.contractSummary</c>: the filtered contracts grouped and totalled by one GROUP BY in the database. Region
/// and police force area are the lead commissioner's; a contract with several service types counts in full in each
/// of its types' rows; a contract without the grouped value (no end date, a lead without a region) is in a row with
/// the key "" so that the rows still add up to the filtered contracts.
/// </summary>
internal static class ContractSummary
{
    // Set by member initialisation, which EF Core can follow into a GROUP BY (a constructor it cannot).
    private sealed class Grouped
    {
        public string? Key { get; init; }

        public string? Label { get; init; }

        public decimal? Value { get; init; }

        public int? Units { get; init; }
    }

    public static SchemaBuilder BindContractSummary(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "contractSummary", PartnershipResolvers.ContractFilter)
        .Resolve("Query", "contractSummary", async ctx =>
        {
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            var grouping = Enum.Parse<ContractGrouping>(ctx.GetArgument<object>("groupBy")!.ToString()!);
            var viewer = ctx.Services.GetRequiredService<Viewer>();
            var contexts = ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(ctx.CancellationToken);
            var contracts = PartnershipResolvers.ContractFilter.Apply(db.Contracts, where, viewer.IsAuthenticated ? FilterAccess.SignedIn : FilterAccess.Anonymous);
            var rows = Rows(db, contracts, grouping)
                .GroupBy(r => new { r.Key, r.Label })
                .Select(g => new
                {
                    g.Key.Key,
                    g.Key.Label,
                    Contracts = g.Count(),
                    Value = g.Sum(r => r.Value),
                    Units = g.Sum(r => r.Units),
                });
            var totals = await rows.ToListAsync(ctx.CancellationToken);
            return totals
                .Select(t => new ContractSummaryRow(t.Key ?? "", t.Label ?? "(none)", t.Contracts, t.Value ?? 0m, t.Units ?? 0))
                .OrderBy(r => r.Key, StringComparer.Ordinal)
                .ToList();
        })
        .BindType<ContractSummaryRow>("ContractSummaryRow");

    private static IQueryable<Grouped> Rows(DirectoryDbContext db, IQueryable<Contract> contracts, ContractGrouping grouping) => grouping switch
    {
        ContractGrouping.REGION => contracts.Select(c => new Grouped { Key = c.LeadCommissioner.Region, Label = c.LeadCommissioner.Region, Value = c.AnnualValue, Units = c.RefugeUnits }),
        ContractGrouping.POLICE_FORCE_AREA => contracts.Select(c => new Grouped { Key = c.LeadCommissioner.Type == OrganisationType.PCC ? c.LeadCommissioner.Code : c.LeadCommissioner.PoliceForceArea!.Code, Label = c.LeadCommissioner.Type == OrganisationType.PCC ? c.LeadCommissioner.Name : c.LeadCommissioner.PoliceForceArea!.Name, Value = c.AnnualValue, Units = c.RefugeUnits }),
        ContractGrouping.LEAD_COMMISSIONER => contracts.Select(c => new Grouped { Key = c.LeadCommissioner.Code, Label = c.LeadCommissioner.Name, Value = c.AnnualValue, Units = c.RefugeUnits }),
        ContractGrouping.PROVIDER => contracts.Select(c => new Grouped { Key = c.Provider.Code, Label = c.Provider.Name, Value = c.AnnualValue, Units = c.RefugeUnits }),
        ContractGrouping.SERVICE_TYPE => contracts.SelectMany(c => c.ServiceTypes, (c, s) => new Grouped { Key = s.ServiceType.Code, Label = s.ServiceType.Name, Value = c.AnnualValue, Units = c.RefugeUnits }),
        ContractGrouping.END_YEAR => contracts.Select(c => new Grouped { Key = c.EndOn == null ? null : c.EndOn.Value.Year.ToString(), Label = c.EndOn == null ? null : c.EndOn.Value.Year.ToString(), Value = c.AnnualValue, Units = c.RefugeUnits }),
        _ => throw new ArgumentOutOfRangeException(nameof(grouping)),
    };
}
