using System.Linq.Expressions;
using Directory.Api.Reads;

namespace Directory.Api.Organisations;

/// <summary>
/// The health geography of an organisation (issue 16, section 5): a CCG's NHS England region and successor ICB, the
/// chain of successors, the CCGs covering a council and the councils a CCG covered. Every field is a batched loader,
/// so a page of organisations costs the same number of commands whatever its size.
/// </summary>
internal static class HealthGeographyResolvers
{
    private static readonly Expression<Func<CcgHealthLink, int>> LinkCcg = l => l.CcgId;

    private static Task<CcgHealthLink?> LinkAsync(ResolverContext context, int organisationId) =>
        Load.OneAsync(context, "health-link-by-ccg", organisationId, db => db.CcgHealthLinks, LinkCcg);

    public static SchemaBuilder BindHealthGeography(this SchemaBuilder schema) => schema
        .ResolveFrom("Organisation", "nhsRegion", (Organisation o) => o.Id, async (ctx, id) => (await LinkAsync(ctx, id))?.NhsRegion)
        .ResolveFrom("Organisation", "integratedCareBoard", (Organisation o) => o.Id, async (ctx, id) =>
            await OrganisationResolvers.ByIdAsync(ctx, (await LinkAsync(ctx, id))?.IntegratedCareBoardId))
        .ResolveFrom("Organisation", "successors", (Organisation o) => new { o.Id, o.SuccessorId }, (ctx, o) => SuccessorsAsync(ctx, o.Id, o.SuccessorId))
        .ResolveFrom("Organisation", "healthCommissioners", (Organisation o) => o.Id, (ctx, id) =>
            Load.PairsAsync<Organisation>(ctx, "ccgs-covering-council", id, async (db, ids, ct) =>
            {
                // A county's CCGs are those covering any of its districts (the lists name lower-tier councils only).
                var rows = await db.CcgCoverage.AsNoTracking()
                    .Where(c => ids.Contains(c.CouncilId) || (c.Council.CountyId != null && ids.Contains(c.Council.CountyId.Value)))
                    .Select(c => new { c.CouncilId, c.Council.CountyId, c.Ccg })
                    .ToListAsync(ct);
                return [.. rows
                    .SelectMany(r => new[] { r.CouncilId, r.CountyId ?? 0 }.Where(ids.Contains).Select(parent => (parent, r.Ccg)))
                    .DistinctBy(p => (p.parent, p.Ccg.Id))
                    .OrderBy(p => p.Ccg.Name, StringComparer.Ordinal)];
            }))
        .ResolveFrom("Organisation", "councilsCovered", (Organisation o) => o.Id, (ctx, id) =>
            Load.PairsAsync<Organisation>(ctx, "councils-covered-by-ccg", id, async (db, ids, ct) =>
                (await db.CcgCoverage.AsNoTracking().Where(c => ids.Contains(c.CcgId))
                    .OrderBy(c => c.Council.Name).Select(c => new { c.CcgId, c.Council }).ToListAsync(ct))
                .Select(c => (c.CcgId, c.Council)).ToList()));

    /// <summary>
    /// The successor, its successor and so on (a CCG merged in 2020: its 2020 CCG, then that CCG's ICB). One batched
    /// lookup per step of the chain, shared by the whole level; a chain that loops back stops where it would repeat.
    /// </summary>
    private static async Task<Organisation[]> SuccessorsAsync(ResolverContext context, int id, int? successorId)
    {
        var chain = new List<Organisation>();
        var seen = new HashSet<int> { id };
        while (successorId is { } next && seen.Add(next) && await OrganisationResolvers.ByIdAsync(context, next) is { } successor)
        {
            chain.Add(successor);
            successorId = successor.SuccessorId;
        }
        return [.. chain];
    }
}
