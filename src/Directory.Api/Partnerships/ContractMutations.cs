using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Writes;

namespace Directory.Api.Partnerships;

/// <summary>The result of a contract mutation.</summary>
public sealed record ContractPayload(Contract? Contract, IReadOnlyList<UserError> Errors);

/// <summary>
/// Mutations on contracts. The office changes any; partner staff only contracts their organisation leads or
/// co-commissions, before and after the change (a partner cannot hand a contract wholly to others). Each runs in the
/// write transaction, checks the version the caller read and records an audit entry naming the fields changed.
/// </summary>
internal static class ContractMutations
{
    public static SchemaBuilder BindContractMutations(this SchemaBuilder schema) => schema
        .Resolve("Mutation", "createContract", CreateAsync)
        .Resolve("Mutation", "updateContract", UpdateAsync)
        .Resolve("Mutation", "removeContract", RemoveAsync)
        .BindType<ContractPayload>("ContractPayload");

    private static async Task<object?> CreateAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Contract, ContractPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "record contracts");
        await using var db = await mutation.BeginWriteAsync();
        var contract = new Contract
        {
            Key = await MutationInput.NewKeyAsync("K", key => db.Contracts.AnyAsync(c => c.Key == key, ctx.CancellationToken)),
            Title = input.Text("title", 300, required: true) ?? "",
        };
        await ApplyAsync(db, input, contract, ctx.CancellationToken);
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        var commissioners = await CommissionerCodesAsync(db, contract, ctx.CancellationToken);
        RequireCommissioner(viewer, commissioners, "record a contract");
        db.Contracts.Add(contract);
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Contract", contract.Key, new { leadCommissioner = commissioners[0] });
        return await mutation.SaveAsync(db, contract);
    }

    private static async Task<object?> UpdateAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Contract, ContractPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change contracts");
        await using var db = await mutation.BeginWriteAsync();
        var contract = await mutation.CurrentAsync(db, FindAsync(db, input, ctx.CancellationToken), "contract",
            async c => RequireCommissioner(viewer, await CommissionerCodesAsync(db, c, ctx.CancellationToken), "change this contract"));
        if (contract is null)
        {
            return mutation.Refused();
        }
        if (input.Has("title"))
        {
            contract.Title = input.Text("title", 300, required: true) ?? contract.Title;
        }
        var setsChanged = await ApplyAsync(db, input, contract, ctx.CancellationToken);
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        var commissioners = await CommissionerCodesAsync(db, contract, ctx.CancellationToken);
        RequireCommissioner(viewer, commissioners, "leave a contract to other commissioners");
        var changed = Mutation.ChangedFields(db, contract).Concat(setsChanged).ToArray();
        if (setsChanged.Count > 0 && !db.Entry(contract).Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)))
        {
            // Only the co-commissioners or service types changed (rows of their own): the contract's version still
            // moves, so that a writer holding the old version is refused.
            contract.Version = input.Version + 1;
        }
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Contract", contract.Key,
            new { leadCommissioner = commissioners[0], changed, fromVersion = input.Version });
        return await mutation.SaveAsync(db, contract);
    }

    private static async Task<object?> RemoveAsync(ResolverContext ctx)
    {
        var mutation = Mutation.StartRemoval(ctx);
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "remove contracts");
        await using var db = await mutation.BeginWriteAsync();
        List<string> commissioners = [];
        var contract = await mutation.CurrentAsync(db, FindAsync(db, input, ctx.CancellationToken), "contract",
            async c => RequireCommissioner(viewer, commissioners = await CommissionerCodesAsync(db, c, ctx.CancellationToken), "remove this contract"));
        if (contract is null)
        {
            return mutation.Refused();
        }
        db.Contracts.Remove(contract);
        audit.Record(db, viewer, AuditTrail.Actions.Remove, "Contract", contract.Key, new { leadCommissioner = commissioners[0], fromVersion = input.Version });
        return await mutation.SaveAsync(db, GlobalId.Of("Contract", contract.Key));
    }

    /// <summary>
    /// The fields shared by create and update; only those present change. Returns the names of the sets (co-commissioners,
    /// service types) that changed, which are rows of their own and so not among the contract's modified properties.
    /// </summary>
    private static async Task<List<string>> ApplyAsync(DirectoryDbContext db, MutationInput input, Contract contract, CancellationToken cancellationToken)
    {
        var setsChanged = new List<string>();
        if (input.Has("providerId") && await input.OrganisationAsync(db, "providerId", cancellationToken) is { } provider)
        {
            contract.ProviderId = provider.Id;
        }
        if (input.Has("leadCommissionerId") && await input.OrganisationAsync(db, "leadCommissionerId", cancellationToken) is { } lead)
        {
            contract.LeadCommissionerId = lead.Id;
        }
        if (input.Has("coCommissionerIds"))
        {
            var ids = (await input.OrganisationsAsync(db, "coCommissionerIds", cancellationToken)).Select(o => o.Id).ToHashSet();
            if (ids.Contains(contract.LeadCommissionerId))
            {
                input.Fail(UserErrorCode.VALIDATION, "The lead commissioner cannot also be a co-commissioner.", "coCommissionerIds");
            }
            if (!ids.SetEquals(contract.CoCommissioners.Select(c => c.OrganisationId)))
            {
                contract.CoCommissioners.RemoveAll(c => !ids.Contains(c.OrganisationId));
                contract.CoCommissioners.AddRange(ids.Where(id => contract.CoCommissioners.All(c => c.OrganisationId != id))
                    .Select(id => new ContractCoCommissioner { OrganisationId = id }));
                setsChanged.Add("coCommissioners");
            }
        }
        if (input.Has("serviceTypes"))
        {
            var codes = input.Strings("serviceTypes");
            var types = await db.ServiceTypes.Where(s => codes.Contains(s.Code)).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var unknown in codes.Where(c => !types.ContainsKey(c)))
            {
                input.Fail(UserErrorCode.NOT_FOUND, $"There is no service type with the code \"{unknown}\".", "serviceTypes");
            }
            var ids = types.Values.ToHashSet();
            if (!ids.SetEquals(contract.ServiceTypes.Select(s => s.ServiceTypeId)))
            {
                contract.ServiceTypes.RemoveAll(s => !ids.Contains(s.ServiceTypeId));
                contract.ServiceTypes.AddRange(ids.Where(id => contract.ServiceTypes.All(s => s.ServiceTypeId != id))
                    .Select(id => new ContractServiceType { ServiceTypeId = id }));
                setsChanged.Add("serviceTypes");
            }
        }
        if (input.Has("startDate"))
        {
            contract.StartOn = input.Date("startDate");
        }
        if (input.Has("endDate"))
        {
            contract.EndOn = input.Date("endDate");
        }
        if (contract.StartOn is { } start && contract.EndOn is { } end && end < start)
        {
            input.Fail(UserErrorCode.VALIDATION, "The end date is before the start date.", "endDate");
        }
        if (input.Has("annualValueGbp"))
        {
            contract.AnnualValue = input.Money("annualValueGbp");
        }
        if (input.Has("extensionPattern"))
        {
            contract.ExtensionPattern = input.Text("extensionPattern", 40);
            if (contract.ExtensionPattern is { } pattern && !Contract.IsExtensionPattern(pattern))
            {
                input.Fail(UserErrorCode.VALIDATION, $"'{pattern}' is not a pattern of years such as 2+1+1.", "extensionPattern");
            }
        }
        if (input.Has("refugeUnits"))
        {
            contract.RefugeUnits = input.Int("refugeUnits", 0, 10_000);
        }
        return setsChanged;
    }

    /// <summary>The codes of the contract's commissioners as it now stands: the lead first, then the co-commissioners.</summary>
    private static async Task<List<string>> CommissionerCodesAsync(DirectoryDbContext db, Contract contract, CancellationToken cancellationToken)
    {
        var ids = contract.CoCommissioners.Select(c => c.OrganisationId).Prepend(contract.LeadCommissionerId).ToList();
        var codes = await db.Organisations.Where(o => ids.Contains(o.Id)).ToDictionaryAsync(o => o.Id, o => o.Code, cancellationToken);
        return [.. ids.Where(codes.ContainsKey).Select(id => codes[id])];
    }

    private static void RequireCommissioner(Viewer viewer, IReadOnlyList<string> commissioners, string what) =>
        Access.RequireEditorOfAny(viewer, commissioners, "the contract's lead or co-commissioners", what);

    private static Task<Contract?> FindAsync(DirectoryDbContext db, MutationInput input, CancellationToken cancellationToken) =>
        input.FindAsync("id", "Contract", "contract", key => db.Contracts.Include(c => c.CoCommissioners).Include(c => c.ServiceTypes)
            .AsSplitQuery().FirstOrDefaultAsync(c => c.Key == key, cancellationToken));
}
