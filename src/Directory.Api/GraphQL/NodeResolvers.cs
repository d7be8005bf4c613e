using System.Globalization;
using System.Linq.Expressions;
using Directory.Api.Contacts;
using Directory.Api.Mapping;
using Directory.Api.Reads;

namespace Directory.Api.GraphQL;

/// <summary>
/// <c>Query.node</c> and <c>Query.nodes</c>: any entity by its global ID. Lookups are batched per entity type, so
/// <c>nodes(ids: [...])</c> costs one query per type present, and contacts go through the same visibility rule as
/// every other contact path (responses through theirs) — an ID the caller may not see resolves to null, exactly like
/// an unknown one.
/// </summary>
internal static class NodeResolvers
{
    public static SchemaBuilder BindNodes(this SchemaBuilder schema) => schema
        .Resolve("Query", "node", ctx => NodeAsync(ctx, ctx.GetArgument<string>("id")!))
        .Resolve("Query", "nodes", async ctx =>
        {
            var ids = ctx.GetArgument<IReadOnlyList<object?>>("ids") ?? [];
            return await Task.WhenAll(ids.Select(id => NodeAsync(ctx, (string)id!)));
        })
        .ResolveType("Node", node => node switch
        {
            Organisation => "Organisation",
            Department => "Department",
            Contact => "Contact",
            SurveyRound => "Survey",
            SurveyResponse => "SurveyResponse",
            ServiceType => "ServiceType",
            Contract => "Contract",
            Partnership => "Partnership",
            FundingAward => "FundingAward",
            _ => null,
        });

    internal static async Task<object?> NodeAsync(ResolverContext context, string id)
    {
        if (!GlobalId.TryParse(id, out var type, out var key))
        {
            return null;
        }
        return type switch
        {
            "Organisation" => await ByKeyAsync(context, type, key, db => db.Organisations, o => o.Code),
            "Department" => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var departmentId)
                ? await Organisations.OrganisationResolvers.DepartmentByIdAsync(context, departmentId)
                : null,
            "Contact" => await ByKeyAsync(context, type, key, ContactResolvers.VisibleTo(context), c => c.Key),
            "Survey" => await ByKeyAsync(context, type, key, db => db.SurveyRounds, s => s.Code),
            "SurveyResponse" => await ByKeyAsync(context, type, key, SurveyResolvers.VisibleTo(context), r => r.Key),
            "ServiceType" => await ByKeyAsync(context, type, key, db => db.ServiceTypes, s => s.Code),
            "Contract" => await ByKeyAsync(context, type, key, db => db.Contracts, c => c.Key),
            "Partnership" => await ByKeyAsync(context, type, key, db => db.Partnerships, p => p.Key),
            "FundingAward" => await ByKeyAsync(context, type, key, db => db.FundingAwards, f => f.Key),
            _ => null,
        };
    }

    private static async Task<object?> ByKeyAsync<TEntity>(
        ResolverContext context,
        string type,
        string key,
        Func<DirectoryDbContext, IQueryable<TEntity>> source,
        Expression<Func<TEntity, string>> naturalKey)
        where TEntity : class =>
        await Load.OneByAsync(context, "node:" + type, key, source, naturalKey);
}
