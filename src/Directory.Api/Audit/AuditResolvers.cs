using System.Text.Json;
using Directory.Api.Auth;
using Directory.Api.GraphQL;
using Directory.Api.Paging;
using Directory.Api.Reads;

namespace Directory.Api.Audit;

/// <summary><c>Query.auditLog</c>, <c>disclosures</c> and <c>subjectAccess</c>: the office's view of the audit log.</summary>
internal static class AuditResolvers
{
    private static readonly FilterFields<AuditEntry> Filter = new FilterFields<AuditEntry>()
        .String("actor", e => e.Actor)
        .String("action", e => e.Action)
        .String("entityType", e => e.EntityType)
        .String("entityKey", e => e.EntityKey);

    public static SchemaBuilder BindAudit(this SchemaBuilder schema) => schema
        .FilteredBy("Query", "auditLog", Filter)
        .Resolve("Query", "auditLog", ctx =>
        {
            Access.RequireOffice(ctx.Services.GetRequiredService<Viewer>(), "read the audit log");
            var where = ctx.GetArgument<IReadOnlyDictionary<string, object?>>("where");
            return new Connection<AuditEntry>(
                ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>(),
                db => Filter.Apply(db.AuditLog.AsNoTracking(), where).OrderByDescending(e => e.OccurredAt).ThenByDescending(e => e.Id),
                PageRequest.From(ctx),
                Projection.OfConnectionNodes(ctx));
        })
        .BindConnection<AuditEntry>("AuditEntry")
        .BindType<AuditEntry>("AuditEntry")
        .ResolveFrom("AuditEntry", "details", (AuditEntry e) => e.Details, (_, details) => details is null ? (JsonElement?)null : JsonDocument.Parse(details).RootElement.Clone())
        .Resolve("Query", "disclosures", async ctx =>
        {
            Access.RequireOffice(ctx.Services.GetRequiredService<Viewer>(), "see who received a person's details");
            var id = ctx.GetArgument<string>("contactId")!;
            if (!GlobalId.TryParse(id, out var type, out var key) || type != "Contact")
            {
                throw new GraphQLError($"\"{id}\" is not a contact's ID.", code: ErrorCodes.BadUserInput);
            }
            await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync(ctx.CancellationToken);
            return await Disclosures.OfContactsAsync(db, [key], ctx.CancellationToken);
        })
        .BindType<Disclosure>("Disclosure")
        .Resolve("Query", "subjectAccess", async ctx =>
        {
            Access.RequireOffice(ctx.Services.GetRequiredService<Viewer>(), "run a subject access request");
            var email = ctx.GetArgument<string>("email")!;
            if (string.IsNullOrWhiteSpace(email) || !email.Contains('@', StringComparison.Ordinal))
            {
                throw new GraphQLError($"\"{email}\" is not an email address.", code: ErrorCodes.BadUserInput);
            }
            await using var db = await ctx.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync(ctx.CancellationToken);
            return await SubjectAccess.ReportAsync(db, ctx.Services.GetRequiredService<AuditTrail>(), email, ctx.CancellationToken);
        });
}
