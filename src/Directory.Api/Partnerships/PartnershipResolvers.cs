using System.Linq.Expressions;
using Directory.Api.GraphQL;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Api.Reads;

namespace Directory.Api.Partnerships;

/// <summary>Resolvers of <c>Query.partnerships</c>, <c>Query.contracts</c>, partnerships, their members and contracts.</summary>
internal static class PartnershipResolvers
{
    private static readonly FilterFields<Partnership> PartnershipFilter = new FilterFields<Partnership>()
        .String("name", p => p.Name)
        .Enum("kind", p => (PartnershipKind?)p.Kind)
        .Nested("lead", p => p.LeadOrganisation, OrganisationResolvers.Filter)
        .Many("members", p => p.Members, new FilterFields<PartnershipMember>()
            .Nested("organisation", m => m.Organisation, OrganisationResolvers.Filter)
            .Enum("role", m => (PartnershipRole?)m.Role));

    private static readonly SortFields<Partnership> PartnershipSort = new SortFields<Partnership>()
        .Key("name", p => p.Name)
        .Key("kind", p => p.Kind)
        .Key("establishedOn", p => p.EstablishedOn);

    public static readonly FilterFields<Contract> ContractFilter = new FilterFields<Contract>()
        .String("title", c => c.Title)
        .Nested("provider", c => c.Provider, OrganisationResolvers.Filter)
        .Nested("leadCommissioner", c => c.LeadCommissioner, OrganisationResolvers.Filter)
        .Bool("isJoint", c => (bool?)c.CoCommissioners.Any())
        .Int("refugeUnits", c => c.RefugeUnits)
        .Date("startDate", c => c.StartOn)
        .Date("endDate", c => c.EndOn)
        .Date("latestPossibleEndDate", c => c.LatestPossibleEndOn)
        .Decimal("annualValueGbp", c => c.AnnualValue)
        .Many("serviceTypes", c => c.ServiceTypes.Select(s => s.ServiceType), OrganisationResolvers.ServiceTypeFilter)
        .Many("commissioners", c => c.CoCommissioners.Select(cc => cc.Organisation), OrganisationResolvers.Filter, c => c.LeadCommissioner);

    private static readonly SortFields<Contract> ContractSort = new SortFields<Contract>()
        .Key("code", c => c.Key)
        .Key("title", c => c.Title)
        .Key("startDate", c => c.StartOn)
        .Key("endDate", c => c.EndOn)
        .Key("annualValueGbp", c => c.AnnualValue);

    private static readonly Expression<Func<Partnership, int>> PartnershipId = p => p.Id;
    private static readonly Expression<Func<PartnershipMember, int>> MemberPartnership = m => m.PartnershipId;

    public static Task<Partnership?> ByIdAsync(ResolverContext context, int id) =>
        Load.OneAsync(context, "partnership-by-id", id, db => db.Partnerships, PartnershipId);

    public static SchemaBuilder BindPartnerships(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "partnerships", PartnershipFilter, PartnershipSort)
        .Resolve("Query", "partnerships", ctx => FilteredConnection.Of(
            ctx, db => db.Partnerships, PartnershipFilter, PartnershipSort, SortClause.Ascending<Partnership, string>(p => p.Name), p => p.Id))
        .BindConnection<Partnership>("Partnership")
        .BindType<Partnership>("Partnership")
        .ResolveFrom("Partnership", "id", (Partnership p) => p.Key, (_, key) => GlobalId.Of("Partnership", key))
        .ResolveFrom("Partnership", "code", (Partnership p) => p.Key, (_, key) => key)
        .ResolveReference("Partnership", "lead", (Partnership p) => p.LeadOrganisation, p => p.LeadOrganisationId, OrganisationResolvers.SelectedByIdAsync)
        .ResolveFrom("Partnership", "members", (Partnership p) => p.Id, (ctx, id) =>
            Load.ManyAsync(ctx, "members-by-partnership", id,
                db => db.PartnershipMembers.OrderBy(m => m.Role).ThenBy(m => m.Organisation.Name), MemberPartnership))
        .BindType<PartnershipMember>("PartnershipMember")
        .ResolveFrom("PartnershipMember", "partnership", (PartnershipMember m) => m.PartnershipId, (ctx, id) => ByIdAsync(ctx, id))
        .ResolveReference("PartnershipMember", "organisation", (PartnershipMember m) => m.Organisation, m => m.OrganisationId, OrganisationResolvers.SelectedByIdAsync)
        .FilteredBy("Query", "contracts", ContractFilter, ContractSort)
        .Resolve("Query", "contracts", ctx => FilteredConnection.Of(
            ctx, db => db.Contracts, ContractFilter, ContractSort, SortClause.Ascending<Contract, string>(c => c.Key), c => c.Id))
        .BindConnection<Contract>("Contract")
        .BindType<Contract>("Contract")
        .ResolveFrom("Contract", "id", (Contract c) => c.Key, (_, key) => GlobalId.Of("Contract", key))
        .ResolveFrom("Contract", "code", (Contract c) => c.Key, (_, key) => key)
        .ResolveReference("Contract", "provider", (Contract c) => c.Provider, c => c.ProviderId, OrganisationResolvers.SelectedByIdAsync)
        .ResolveReference("Contract", "leadCommissioner", (Contract c) => c.LeadCommissioner, c => c.LeadCommissionerId, OrganisationResolvers.SelectedByIdAsync)
        .ResolveFrom("Contract", "coCommissioners", (Contract c) => c.Id, CoCommissionersAsync)
        .ResolveFrom("Contract", "isJoint", (Contract c) => c.Id, async (ctx, id) => (await CoCommissionerIdsAsync(ctx, id)).Length > 0)
        .ResolveFrom("Contract", "serviceTypes", (Contract c) => c.Id, (ctx, id) =>
            Load.PairsAsync<ServiceType>(ctx, "service-types-by-contract", id, async (db, ids, ct) =>
                (await db.ContractServiceTypes.AsNoTracking().Where(x => ids.Contains(x.ContractId))
                    .Select(x => new { x.ContractId, x.ServiceType }).OrderBy(x => x.ServiceType.Code).ToListAsync(ct))
                .Select(x => (x.ContractId, x.ServiceType)).ToList()))
        .ResolveFrom("Contract", "startDate", (Contract c) => c.StartOn, (_, startOn) => startOn)
        .ResolveFrom("Contract", "endDate", (Contract c) => c.EndOn, (_, endOn) => endOn)
        .ResolveFrom("Contract", "annualValueGbp", (Contract c) => c.AnnualValue, (_, value) => value)
        .ResolveFrom("Contract", "latestPossibleEndDate", (Contract c) => new { c.EndOn, c.ExtensionPattern }, (_, c) => Contract.LatestPossibleEnd(c.EndOn, c.ExtensionPattern))
        .ResolveFrom("Contract", "extensionOptions", (Contract c) => new { c.EndOn, c.ExtensionPattern }, (_, c) => ContractRenewal.Extensions(c.EndOn, c.ExtensionPattern))
        .ResolveFrom("Contract", "status", (Contract c) => new { c.EndOn, c.ExtensionPattern }, (ctx, c) =>
            ContractRenewal.StatusOn(c.EndOn, c.ExtensionPattern, ctx.GetArgument<DateOnly?>("asOf") ?? ContractRenewal.Today()))
        .BindType<ContractExtension>("ContractExtension");

    private static Task<int[]> CoCommissionerIdsAsync(ResolverContext context, int contractId) =>
        Load.PairsAsync<int>(context, "co-commissioner-ids-by-contract", contractId, async (db, ids, ct) =>
            (await db.ContractCoCommissioners.Where(x => ids.Contains(x.ContractId)).OrderBy(x => x.OrganisationId)
                .Select(x => new { x.ContractId, x.OrganisationId }).ToListAsync(ct))
            .Select(x => (x.ContractId, x.OrganisationId)).ToList());

    private static async Task<Organisation[]> CoCommissionersAsync(ResolverContext context, int contractId)
    {
        var ids = await CoCommissionerIdsAsync(context, contractId);
        var organisations = await Task.WhenAll(ids.Select(id => OrganisationResolvers.ByIdAsync(context, id)));
        return [.. organisations.OfType<Organisation>()];
    }
}
