using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Writes;

namespace Directory.Api.Partnerships;

/// <summary>The result of a partnership mutation.</summary>
public sealed record PartnershipPayload(Partnership? Partnership, IReadOnlyList<UserError> Errors);

/// <summary>
/// Mutations on partnerships and their members. The office changes any; partner staff only partnerships their
/// organisation leads. The lead is always a member with the role LEAD. Adding or removing a member changes the
/// partnership's version too, so every change to a partnership is checked against the version the caller read.
/// </summary>
internal static class PartnershipMutations
{
    public static SchemaBuilder BindPartnershipMutations(this SchemaBuilder schema) => schema
        .Resolve("Mutation", "createPartnership", CreateAsync)
        .Resolve("Mutation", "updatePartnership", UpdateAsync)
        .Resolve("Mutation", "removePartnership", RemoveAsync)
        .Resolve("Mutation", "addPartnershipMember", ctx => ChangeMemberAsync(ctx, add: true))
        .Resolve("Mutation", "removePartnershipMember", ctx => ChangeMemberAsync(ctx, add: false))
        .BindType<PartnershipPayload>("PartnershipPayload");

    private static async Task<object?> CreateAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Partnership, PartnershipPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "record partnerships");
        await using var db = await mutation.BeginWriteAsync();
        var lead = await input.OrganisationAsync(db, "leadId", ctx.CancellationToken);
        var members = await input.OrganisationsAsync(db, "memberIds", ctx.CancellationToken);
        if (lead is null || !input.Ok)
        {
            return mutation.Refused();
        }
        RequireLead(viewer, lead.Code, "record a partnership");
        var partnership = new Partnership
        {
            Key = await MutationInput.NewKeyAsync("P", key => db.Partnerships.AnyAsync(p => p.Key == key, ctx.CancellationToken)),
            Name = input.Text("name", 300, required: true) ?? "",
            Kind = input.Enum<PartnershipKind>("kind") ?? PartnershipKind.JOINT_COMMISSIONING_GROUP,
            LeadOrganisationId = lead.Id,
            EstablishedOn = input.Date("establishedOn"),
        };
        partnership.Members.Add(new PartnershipMember { OrganisationId = lead.Id, Role = PartnershipRole.LEAD });
        partnership.Members.AddRange(members.Where(m => m.Id != lead.Id).Select(m => new PartnershipMember { OrganisationId = m.Id, Role = PartnershipRole.MEMBER }));
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        db.Partnerships.Add(partnership);
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Partnership", partnership.Key,
            new { lead = lead.Code, members = partnership.Members.Count });
        return await mutation.SaveAsync(db, partnership);
    }

    private static async Task<object?> UpdateAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Partnership, PartnershipPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change partnerships");
        await using var db = await mutation.BeginWriteAsync();
        var partnership = await FindLedAsync(db, viewer, input, "id", "change this partnership", ctx.CancellationToken);
        if (partnership is null || !mutation.IsCurrent(db, partnership, "partnership"))
        {
            return mutation.Refused();
        }
        if (input.Has("name"))
        {
            partnership.Name = input.Text("name", 300, required: true) ?? partnership.Name;
        }
        if (input.Has("kind"))
        {
            partnership.Kind = input.Enum<PartnershipKind>("kind") ?? partnership.Kind;
        }
        if (input.Has("establishedOn"))
        {
            partnership.EstablishedOn = input.Date("establishedOn");
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Partnership", partnership.Key,
            new { lead = partnership.LeadOrganisation.Code, changed = Mutation.ChangedFields(db, partnership), fromVersion = input.Version });
        return await mutation.SaveAsync(db, partnership);
    }

    private static async Task<object?> RemoveAsync(ResolverContext ctx)
    {
        var mutation = Mutation.StartRemoval(ctx);
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "remove partnerships");
        await using var db = await mutation.BeginWriteAsync();
        var partnership = await FindLedAsync(db, viewer, input, "id", "remove this partnership", ctx.CancellationToken);
        if (partnership is null || !mutation.IsCurrent(db, partnership, "partnership"))
        {
            return mutation.Refused();
        }
        db.PartnershipMembers.RemoveRange(partnership.Members);
        db.Partnerships.Remove(partnership);
        audit.Record(db, viewer, AuditTrail.Actions.Remove, "Partnership", partnership.Key, new { lead = partnership.LeadOrganisation.Code, fromVersion = input.Version });
        return await mutation.SaveAsync(db, GlobalId.Of("Partnership", partnership.Key));
    }

    private static async Task<object?> ChangeMemberAsync(ResolverContext ctx, bool add)
    {
        var mutation = Mutation.Start<Partnership, PartnershipPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change partnership members");
        await using var db = await mutation.BeginWriteAsync();
        var partnership = await FindLedAsync(db, viewer, input, "partnershipId", "change this partnership's members", ctx.CancellationToken);
        var organisation = await input.OrganisationAsync(db, "organisationId", ctx.CancellationToken);
        if (partnership is null || organisation is null || !mutation.IsCurrent(db, partnership, "partnership"))
        {
            return mutation.Refused();
        }
        var member = partnership.Members.FirstOrDefault(m => m.OrganisationId == organisation.Id);
        if (add && member is not null)
        {
            input.Fail(UserErrorCode.DUPLICATE, $"{organisation.Code} is already a member of the partnership.", "organisationId");
        }
        else if (!add && member is null)
        {
            input.Fail(UserErrorCode.NOT_FOUND, $"{organisation.Code} is not a member of the partnership.", "organisationId");
        }
        else if (!add && member!.Role == PartnershipRole.LEAD)
        {
            input.Fail(UserErrorCode.VALIDATION, "The lead organisation stays a member while it leads the partnership.", "organisationId");
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        if (add)
        {
            partnership.Members.Add(new PartnershipMember { OrganisationId = organisation.Id, Role = PartnershipRole.MEMBER });
        }
        else
        {
            db.PartnershipMembers.Remove(member!);
        }
        // The members are rows of their own: the partnership's version moves explicitly, so a writer holding the old
        // version is refused (the UPDATE carries the version read in its WHERE clause).
        partnership.Version = input.Version + 1;
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Partnership", partnership.Key, new
        {
            lead = partnership.LeadOrganisation.Code,
            changed = new[] { "members" },
            added = add ? organisation.Code : null,
            removed = add ? null : organisation.Code,
            fromVersion = input.Version,
        });
        return await mutation.SaveAsync(db, partnership);
    }

    /// <summary>The partnership the global ID in <paramref name="name"/> names, once the caller is shown to lead it.</summary>
    private static async Task<Partnership?> FindLedAsync(DirectoryDbContext db, Viewer viewer, MutationInput input, string name, string what, CancellationToken cancellationToken)
    {
        var partnership = await input.FindAsync(name, "Partnership", "partnership", key => db.Partnerships.Include(p => p.LeadOrganisation)
            .Include(p => p.Members).FirstOrDefaultAsync(p => p.Key == key, cancellationToken));
        if (partnership is not null)
        {
            RequireLead(viewer, partnership.LeadOrganisation.Code, what);
        }
        return partnership;
    }

    private static void RequireLead(Viewer viewer, string leadCode, string what) =>
        Access.RequireEditorOfAny(viewer, [leadCode], $"the lead organisation ({leadCode})", what);
}
