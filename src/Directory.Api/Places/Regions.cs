namespace Directory.Api.Places;

/// <summary>A region with the number of in-scope organisations of each surveyed type in it.</summary>
public sealed record Region(string Name, int Councils, int PoliceAndCrimeCommissioners, int ClinicalCommissioningGroups);

/// <summary>
/// <c>Query.regions</c>. Councils and police and crime commissioners are in the region they carry; a CCG, which has
/// no region of its own, is in the region whose councils hold most of its area (over half its LSOAs, by
/// <c>ccg_coverage</c>).
/// </summary>
internal static class Regions
{
    public static SchemaBuilder BindRegions(this SchemaBuilder schema) => schema
        .Resolve("Query", "regions", async ctx =>
        {
            var contexts = ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
            await using var db = await contexts.CreateDbContextAsync(ctx.CancellationToken);
            var counts = await db.Organisations
                .Where(o => o.InScope && o.Region != null && (o.Type == OrganisationType.LOCAL_AUTHORITY || o.Type == OrganisationType.PCC))
                .GroupBy(o => new { o.Region, o.Type })
                .Select(g => new { g.Key.Region, g.Key.Type, Count = g.Count() })
                .ToListAsync(ctx.CancellationToken);
            var ccgs = await CcgRegionsAsync(db, ctx.CancellationToken);
            return counts.Select(c => c.Region!).Concat(ccgs.Values).Distinct().Order(StringComparer.Ordinal)
                .Select(name => new Region(
                    name,
                    counts.Where(c => c.Region == name && c.Type == OrganisationType.LOCAL_AUTHORITY).Sum(c => c.Count),
                    counts.Where(c => c.Region == name && c.Type == OrganisationType.PCC).Sum(c => c.Count),
                    ccgs.Values.Count(r => r == name)))
                .ToList();
        })
        .BindType<Region>("Region");

    /// <summary>Each in-scope CCG's region: the one whose councils hold more than half of the CCG's area.</summary>
    public static async Task<Dictionary<int, string>> CcgRegionsAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        var shares = await db.CcgCoverage
            .Where(c => c.Ccg.InScope && c.Council.Region != null)
            .GroupBy(c => new { c.CcgId, c.Council.Region })
            .Select(g => new { g.Key.CcgId, g.Key.Region, Share = g.Sum(c => c.Share) })
            .ToListAsync(cancellationToken);
        return shares.Where(s => s.Share > 0.5m).ToDictionary(s => s.CcgId, s => s.Region!);
    }
}
