using System.Globalization;
using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Writes;

namespace Directory.Api.Organisations;

/// <summary>The result of an organisation mutation.</summary>
public sealed record OrganisationPayload(Organisation? Organisation, IReadOnlyList<UserError> Errors);

/// <summary>The result of a department mutation.</summary>
public sealed record DepartmentPayload(Department? Department, IReadOnlyList<UserError> Errors);

/// <summary>
/// Mutations on organisations and their departments. The office edits any organisation; partner staff their own.
/// Each change and its audit entry are saved together.
/// </summary>
internal static class OrganisationMutations
{
    public static SchemaBuilder BindOrganisationMutations(this SchemaBuilder schema) => schema
        .Resolve("Mutation", "createOrganisation", CreateOrganisationAsync)
        .Resolve("Mutation", "updateOrganisation", UpdateOrganisationAsync)
        .Resolve("Mutation", "addDepartment", AddDepartmentAsync)
        .Resolve("Mutation", "updateDepartment", UpdateDepartmentAsync)
        .Resolve("Mutation", "removeDepartment", RemoveDepartmentAsync)
        .BindType<OrganisationPayload>("OrganisationPayload")
        .BindType<DepartmentPayload>("DepartmentPayload");

    private static async Task<object?> CreateOrganisationAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Organisation, OrganisationPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireOffice(viewer, "add organisations");
        var code = input.Text("code", 20, required: true);
        var type = input.Enum<OrganisationType>("type")!.Value;
        var tier = input.Enum<CouncilTier>("tier");
        if (tier is not null && type != OrganisationType.LOCAL_AUTHORITY)
        {
            input.Fail(UserErrorCode.VALIDATION, "Only a local authority has a council tier.", "tier");
        }
        var organisation = new Organisation
        {
            Code = code ?? "",
            Name = input.Text("name", 300, required: true) ?? "",
            Type = type,
            CouncilTier = tier,
            Region = input.Text("region", 100),
            Population = input.Int("population", 0, 100_000_000),
            CentralEmail = input.Email("centralEmail"),
            PostalAddress = input.Text("postalAddress", 500),
            InScope = input.Bool("inScope") ?? false,
        };
        await using var db = await mutation.BeginWriteAsync();
        if (code is not null && await db.Organisations.AnyAsync(o => o.Code == code, ctx.CancellationToken))
        {
            input.Fail(UserErrorCode.DUPLICATE, $"There is already an organisation with code {code}.", "code");
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        db.Organisations.Add(organisation);
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Organisation", organisation.Code, new { type = type.ToString() });
        return await mutation.SaveAsync(db, organisation);
    }

    private static async Task<object?> UpdateOrganisationAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Organisation, OrganisationPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change organisations");
        await using var db = await mutation.BeginWriteAsync();
        var organisation = await mutation.CurrentAsync(db, input.OrganisationAsync(db, "id", ctx.CancellationToken), "organisation",
            o => Access.RequireEditorOf(viewer, o.Code, "change this organisation"));
        if (organisation is null)
        {
            return mutation.Refused();
        }
        if (input.Has("name"))
        {
            organisation.Name = input.Text("name", 300, required: true) ?? organisation.Name;
        }
        if (input.Has("region"))
        {
            organisation.Region = input.Text("region", 100);
        }
        if (input.Has("population"))
        {
            organisation.Population = input.Int("population", 0, 100_000_000);
        }
        if (input.Has("centralEmail"))
        {
            organisation.CentralEmail = input.Email("centralEmail");
        }
        if (input.Has("postalAddress"))
        {
            organisation.PostalAddress = input.Text("postalAddress", 500);
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Organisation", organisation.Code,
            new { changed = Mutation.ChangedFields(db, organisation), fromVersion = input.Version });
        return await mutation.SaveAsync(db, organisation);
    }

    private static async Task<object?> AddDepartmentAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Department, DepartmentPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "add departments");
        var name = input.Text("name", 300, required: true);
        await using var db = await mutation.BeginWriteAsync();
        var organisation = await input.OrganisationAsync(db, "organisationId", ctx.CancellationToken);
        if (organisation is null)
        {
            return mutation.Refused();
        }
        Access.RequireEditorOf(viewer, organisation.Code, "add departments to this organisation");
        if (name is not null && await db.Departments.AnyAsync(d => d.OrganisationId == organisation.Id && d.Name == name, ctx.CancellationToken))
        {
            input.Fail(UserErrorCode.DUPLICATE, $"{organisation.Name} already has a department called \"{name}\".", "name");
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        var department = new Department { OrganisationId = organisation.Id, Name = name!, Category = input.Enum<DepartmentCategory>("category") };
        db.Departments.Add(department);
        if (!await mutation.SaveAsync(db, commit: false))
        {
            return mutation.Refused();
        }
        // The department's key is its database id, known only after the insert; both saves commit together.
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Department", DepartmentKey(department), new { organisation = organisation.Code });
        return await mutation.SaveAsync(db, department);
    }

    private static async Task<object?> UpdateDepartmentAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Department, DepartmentPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change departments");
        await using var db = await mutation.BeginWriteAsync();
        var department = await mutation.CurrentAsync(db, FindDepartmentAsync(db, input, ctx.CancellationToken), "department",
            d => Access.RequireEditorOf(viewer, d.Organisation.Code, "change this organisation's departments"));
        if (department is null)
        {
            return mutation.Refused();
        }
        if (input.Has("name") && input.Text("name", 300, required: true) is { } name && name != department.Name)
        {
            if (await db.Departments.AnyAsync(d => d.OrganisationId == department.OrganisationId && d.Name == name, ctx.CancellationToken))
            {
                input.Fail(UserErrorCode.DUPLICATE, $"The organisation already has a department called \"{name}\".", "name");
            }
            department.Name = name;
        }
        if (input.Has("category"))
        {
            department.Category = input.Enum<DepartmentCategory>("category");
        }
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Department", DepartmentKey(department),
            new { organisation = department.Organisation.Code, changed = Mutation.ChangedFields(db, department), fromVersion = input.Version });
        return await mutation.SaveAsync(db, department);
    }

    private static async Task<object?> RemoveDepartmentAsync(ResolverContext ctx)
    {
        var mutation = Mutation.StartRemoval(ctx);
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "remove departments");
        await using var db = await mutation.BeginWriteAsync();
        var department = await mutation.CurrentAsync(db, FindDepartmentAsync(db, input, ctx.CancellationToken), "department",
            d => Access.RequireEditorOf(viewer, d.Organisation.Code, "remove this organisation's departments"));
        if (department is null)
        {
            return mutation.Refused();
        }
        // People and survey answers that named the department keep their data, without it; each change is audited.
        var key = DepartmentKey(department);
        foreach (var contact in await db.Contacts.Where(c => c.DepartmentId == department.Id).ToListAsync(ctx.CancellationToken))
        {
            contact.DepartmentId = null;
            audit.Record(db, viewer, AuditTrail.Actions.Update, "Contact", contact.Key, new { organisation = department.Organisation.Code, changed = new[] { "department" }, because = key });
        }
        foreach (var response in await db.SurveyResponses.Where(r => r.LeadDepartmentId == department.Id).ToListAsync(ctx.CancellationToken))
        {
            response.LeadDepartmentId = null;
            audit.Record(db, viewer, AuditTrail.Actions.Update, "SurveyResponse", response.Key, new { organisation = department.Organisation.Code, changed = new[] { "leadDepartment" }, because = key });
        }
        db.Departments.Remove(department);
        audit.Record(db, viewer, AuditTrail.Actions.Remove, "Department", key, new { organisation = department.Organisation.Code, version = input.Version });
        return await mutation.SaveAsync(db, GlobalId.Of("Department", key));
    }

    private static Task<Department?> FindDepartmentAsync(DirectoryDbContext db, MutationInput input, CancellationToken cancellationToken) =>
        input.FindAsync("id", "Department", "department", key => int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var id)
            ? db.Departments.Include(d => d.Organisation).FirstOrDefaultAsync(d => d.Id == id, cancellationToken)
            : Task.FromResult<Department?>(null));

    internal static string DepartmentKey(Department department) => department.Id.ToString(CultureInfo.InvariantCulture);


}
