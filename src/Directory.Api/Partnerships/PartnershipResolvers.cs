using System.Linq.Expressions;
using Directory.Api.GraphQL;
using Directory.Api.Organisations;
using Directory.Api.Paging;
using Directory.Data;
using Directory.Data.Model;
using Directory.GraphQL.Execution;
using Directory.GraphQL.Types;
using Microsoft.EntityFrameworkCore;

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
        .Resolve("Query", "partnerships", ctx => FilteredConnection.Of(
            ctx, db => db.Partnerships, PartnershipFilter, PartnershipSort, SortClause.Ascending<Partnership, string>(p => p.Name), p => p.Id))
        .BindConnection<Partnership>("Partnership")
        .BindType<Partnership>("Partnership")
        .Resolve("Partnership", "id", ctx => GlobalId.Of("Partnership", ((Partnership)ctx.Parent!).Key))
        .Resolve("Partnership", "code", ctx => ((Partnership)ctx.Parent!).Key)
        .Resolve("Partnership", "lead", ctx => OrganisationResolvers.ByIdAsync(ctx, ((Partnership)ctx.Parent!).LeadOrganisationId))
        .Resolve("Partnership", "members", ctx =>
            Load.ManyAsync(ctx, "members-by-partnership", ((Partnership)ctx.Parent!).Id,
                db => db.PartnershipMembers.OrderBy(m => m.Role).ThenBy(m => m.Organisation.Name), MemberPartnership))
        .BindType<PartnershipMember>("PartnershipMember")
        .Resolve("PartnershipMember", "partnership", ctx => ByIdAsync(ctx, ((PartnershipMember)ctx.Parent!).PartnershipId))
        .Resolve("PartnershipMember", "organisation", ctx => OrganisationResolvers.ByIdAsync(ctx, ((PartnershipMember)ctx.Parent!).OrganisationId))
        .Resolve("Query", "contracts", ctx => FilteredConnection.Of(
            ctx, db => db.Contracts, ContractFilter, ContractSort, SortClause.Ascending<Contract, string>(c => c.Key), c => c.Id))
        .BindConnection<Contract>("Contract")
        .BindType<Contract>("Contract")
        .Resolve("Contract", "id", ctx => GlobalId.Of("Contract", ((Contract)ctx.Parent!).Key))
        .Resolve("Contract", "code", ctx => ((Contract)ctx.Parent!).Key)
        .Resolve("Contract", "provider", ctx => OrganisationResolvers.ByIdAsync(ctx, ((Contract)ctx.Parent!).ProviderId))
        .Resolve("Contract", "leadCommissioner", ctx => OrganisationResolvers.ByIdAsync(ctx, ((Contract)ctx.Parent!).LeadCommissionerId))
        .Resolve("Contract", "coCommissioners", ctx => CoCommissionersAsync(ctx, ((Contract)ctx.Parent!).Id))
        .Resolve("Contract", "isJoint", async ctx => (await CoCommissionerIdsAsync(ctx, ((Contract)ctx.Parent!).Id)).Length > 0)
        .Resolve("Contract", "serviceTypes", ctx =>
            Load.PairsAsync<ServiceType>(ctx, "service-types-by-contract", ((Contract)ctx.Parent!).Id, async (db, ids, ct) =>
                (await db.ContractServiceTypes.AsNoTracking().Where(x => ids.Contains(x.ContractId))
                    .Select(x => new { x.ContractId, x.ServiceType }).OrderBy(x => x.ServiceType.Code).ToListAsync(ct))
                .Select(x => (x.ContractId, x.ServiceType)).ToList()))
        .Resolve("Contract", "startDate", ctx => ((Contract)ctx.Parent!).StartOn)
        .Resolve("Contract", "endDate", ctx => ((Contract)ctx.Parent!).EndOn)
        .Resolve("Contract", "annualValueGbp", ctx => ((Contract)ctx.Parent!).AnnualValue)
        .Resolve("Contract", "latestPossibleEndDate", ctx => ContractRenewal.LatestPossibleEndDate((Contract)ctx.Parent!))
        .Resolve("Contract", "extensionOptions", ctx => ContractRenewal.Extensions((Contract)ctx.Parent!))
        .Resolve("Contract", "status", ctx => ContractRenewal.StatusOn((Contract)ctx.Parent!, ctx.GetArgument<DateOnly?>("asOf") ?? ContractRenewal.Today()))
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
