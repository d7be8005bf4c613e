using System.Globalization;
using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Writes;
using Directory.Data.Erasure;

namespace Directory.Api.Contacts;

/// <summary>The result of a contact mutation.</summary>
public sealed record ContactPayload(Contact? Contact, IReadOnlyList<UserError> Errors);

/// <summary>
/// Mutations on people. A contact is found only among those the caller may see (an invisible one is "not found", so
/// a mutation cannot probe for people); the office changes anyone, partner staff the people of their own
/// organisation. Audit entries name the fields changed, never their values.
/// </summary>
internal static class ContactMutations
{
    public static SchemaBuilder BindContactMutations(this SchemaBuilder schema) => schema
        .Resolve("Mutation", "addContact", AddContactAsync)
        .Resolve("Mutation", "updateContact", UpdateContactAsync)
        .Resolve("Mutation", "verifyContact", VerifyContactAsync)
        .Resolve("Mutation", "removeContact", ctx => RemoveAsync(ctx, erase: false))
        .Resolve("Mutation", "eraseContact", ctx => RemoveAsync(ctx, erase: true))
        .BindType<ContactPayload>("ContactPayload");

    private static async Task<object?> AddContactAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Contact, ContactPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "add contacts");
        await using var db = await mutation.BeginWriteAsync();
        var organisation = await input.OrganisationAsync(db, "organisationId", ctx.CancellationToken);
        if (organisation is null)
        {
            return mutation.Refused();
        }
        Access.RequireEditorOf(viewer, organisation.Code, "add contacts to this organisation");
        var contact = new Contact
        {
            Key = await MutationInput.NewKeyAsync("C", key => db.Contacts.AnyAsync(c => c.Key == key, ctx.CancellationToken)),
            OrganisationId = organisation.Id,
            Role = input.Enum<ContactRole>("role") ?? ContactRole.ADDITIONAL_CONTACT,
            FullName = input.Text("fullName", 200, required: true) ?? "",
        };
        await ApplyAsync(db, input, contact, ctx.CancellationToken);
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        db.Contacts.Add(contact);
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Contact", contact.Key, new { organisation = organisation.Code, role = contact.Role.ToString() });
        return await mutation.SaveAsync(db, contact);
    }

    private static async Task<object?> UpdateContactAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Contact, ContactPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change contacts");
        await using var db = await mutation.BeginWriteAsync();
        var contact = await mutation.CurrentAsync(db, FindAsync(db, viewer, input, ctx.CancellationToken), "contact",
            c => Access.RequireEditorOf(viewer, c.Organisation.Code, "change this organisation's contacts"));
        if (contact is null)
        {
            return mutation.Refused();
        }
        if (input.Has("fullName"))
        {
            contact.FullName = input.Text("fullName", 200, required: true) ?? contact.FullName;
        }
        await ApplyAsync(db, input, contact, ctx.CancellationToken);
        if (!input.Ok)
        {
            return mutation.Refused();
        }
        audit.Record(db, viewer, AuditTrail.Actions.Update, "Contact", contact.Key,
            new { organisation = contact.Organisation.Code, changed = Mutation.ChangedFields(db, contact), fromVersion = input.Version });
        return await mutation.SaveAsync(db, contact);
    }

    private static async Task<object?> VerifyContactAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<Contact, ContactPayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "verify contacts");
        await using var db = await mutation.BeginWriteAsync();
        var contact = await mutation.CurrentAsync(db, FindAsync(db, viewer, input, ctx.CancellationToken), "contact",
            c => Access.RequireEditorOf(viewer, c.Organisation.Code, "verify this organisation's contacts"));
        if (contact is null)
        {
            return mutation.Refused();
        }
        contact.LastVerifiedOn = DateOnly.FromDateTime(DateTime.UtcNow);
        audit.Record(db, viewer, AuditTrail.Actions.Verify, "Contact", contact.Key, new { organisation = contact.Organisation.Code, fromVersion = input.Version });
        return await mutation.SaveAsync(db, contact);
    }

    /// <summary>
    /// Removal (someone left: the office or their organisation) and erasure (the right to erasure: the office only,
    /// no version needed) both delete the person's record. The audit entry keeps the key, the organisation and a
    /// keyed digest of the email address, so that disclosures and subject access still find the trail. An erasure
    /// also redacts the person's name, email and phone wherever other stored text repeats them (export purposes and
    /// filters, notes, survey comments) and leaves a tombstone that imports honour, all in the same transaction; once
    /// committed, the deleted rows are purged from the database files.
    /// </summary>
    private static async Task<object?> RemoveAsync(ResolverContext ctx, bool erase)
    {
        var mutation = Mutation.StartRemoval(ctx);
        var (viewer, audit, input) = mutation;
        if (erase)
        {
            Access.RequireOffice(viewer, "erase a person's data");
        }
        else
        {
            Access.RequireWriter(viewer, "remove contacts");
        }
        await using var db = await mutation.BeginWriteAsync();
        var contact = await FindAsync(db, viewer, input, ctx.CancellationToken);
        if (contact is null)
        {
            return mutation.Refused();
        }
        Access.RequireEditorOf(viewer, contact.Organisation.Code, "remove this organisation's contacts");
        if (!erase && !mutation.IsCurrent(db, contact, "contact"))
        {
            return mutation.Refused();
        }
        await ContactRemoval.StageAsync(db, audit, viewer, contact, erase, ctx.CancellationToken);
        if (!await mutation.SaveAsync(db, commit: true))
        {
            return mutation.Refused();
        }
        if (erase)
        {
            await PurgeAfterErasureAsync(ctx, db, contact.Key);
        }
        return mutation.Succeeded(GlobalId.Of("Contact", contact.Key));
    }

    /// <summary>
    /// The erasure has committed (the person is gone from every table, the tombstone is written), so its answer must
    /// say so even when the purge from the files fails: the caller would otherwise retry an erasure that is done. The
    /// purge is not tied to the request's cancellation (a client that hangs up must not leave copies in the files); a
    /// failure is logged with the contact's key only, and the next checkpoint (SQLite) or autovacuum (PostgreSQL)
    /// completes it (docs/security.md, "Erasure").
    /// </summary>
    private static async Task PurgeAfterErasureAsync(ResolverContext ctx, DirectoryDbContext db, string contactKey)
    {
        try
        {
            await ErasedDataPurge.RunAsync(db, CancellationToken.None);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException or TimeoutException)
        {
            ctx.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ContactMutations))
                .LogWarning(e, "Contact {ContactKey} was erased, but purging the database files afterwards failed; the next checkpoint or vacuum completes it.", contactKey);
        }
    }

    /// <summary>The optional fields shared by add and update: only those present in the input change.</summary>
    private static async Task ApplyAsync(DirectoryDbContext db, MutationInput input, Contact contact, CancellationToken cancellationToken)
    {
        if (input.Has("jobTitle"))
        {
            contact.JobTitle = input.Text("jobTitle", 200);
        }
        if (input.Has("email"))
        {
            contact.Email = input.Email("email");
        }
        if (input.Has("phone"))
        {
            contact.Phone = input.Text("phone", 40);
        }
        if (input.Has("postalAddress"))
        {
            contact.PostalAddress = input.Text("postalAddress", 500);
        }
        if (input.Has("note"))
        {
            contact.Note = input.Text("note", 2000);
        }
        if (input.Has("seniority"))
        {
            contact.Seniority = input.Enum<Seniority>("seniority");
        }
        if (input.Has("departmentId"))
        {
            var key = input.Key("departmentId", "Department");
            contact.DepartmentId = null;
            if (key is not null)
            {
                var id = int.TryParse(key, NumberStyles.None, CultureInfo.InvariantCulture, out var value) ? value : -1;
                if (await db.Departments.AnyAsync(d => d.Id == id && d.OrganisationId == contact.OrganisationId, cancellationToken))
                {
                    contact.DepartmentId = id;
                }
                else
                {
                    input.Fail(UserErrorCode.NOT_FOUND, "The department is not one of the contact's organisation.", "departmentId");
                }
            }
        }
    }

    private static Task<Contact?> FindAsync(DirectoryDbContext db, Viewer viewer, MutationInput input, CancellationToken cancellationToken) =>
        input.FindAsync("id", "Contact", "contact", key => ContactResolvers.Visible(db, viewer).Include(c => c.Organisation)
            .FirstOrDefaultAsync(c => c.Key == key, cancellationToken));

}
