using System.Globalization;
using System.Security.Cryptography;
using System.Text.Json;
using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Api.Paging;
using Directory.Api.Writes;
using Directory.Data.Aggregates;
using Directory.Data.Erasure;
using Directory.GraphQL.Http;

namespace Directory.Api.Exports;

/// <summary>
/// <c>GET /exports/contacts.{csv|xlsx|json}</c> and <c>GET /exports/national-contact-list.{csv|xlsx|json}</c>: the rows
/// the caller may see, with the filters of <c>Query.contacts</c> (<c>search</c>, <c>where</c>, <c>order</c>) and
/// <c>Query.nationalContactList</c> (<c>survey</c>, <c>where</c>) — the same SQL, and filters checked against the same
/// input types of the schema — and a required <c>purpose</c>. The audit entries (the export, and one disclosure per
/// person) are committed before the first byte is sent: no export leaves without its record.
/// </summary>
public static class ExportEndpoints
{
    public const string ContactsList = "contacts";
    public const string NationalList = "national-contact-list";

    private static readonly string[] Formats = ["csv", "xlsx", "json"];

    private static readonly ExportColumn[] ContactColumns =
    [
        new("contactCode", "Contact code"), new("fullName", "Full name"), new("jobTitle", "Job title"), new("email", "Email"),
        new("phone", "Phone"), new("postalAddress", "Postal address"), new("role", "Role"), new("seniority", "Seniority"),
        new("department", "Department"), new("departmentCategory", "Department category"),
        new("organisationCode", "Organisation code"), new("organisationName", "Organisation"), new("organisationType", "Organisation type"),
        new("lastVerifiedOn", "Last verified on"), new("activities", "Activities"),
    ];

    private static readonly ExportColumn[] NationalColumns =
    [
        new("organisationCode", "Organisation code"), new("organisationName", "Organisation"), new("organisationType", "Organisation type"),
        new("status", "Survey status"), new("commissionedByCounty", "Commissioned by county"), new("centralEmail", "Central email"),
        new("contactSource", "Contact of"), new("contactCode", "Contact code"), new("fullName", "Full name"), new("jobTitle", "Job title"),
        new("email", "Email"), new("phone", "Phone"), new("role", "Role"), new("seniority", "Seniority"), new("department", "Department"),
        new("departmentCategory", "Department category"), new("activities", "Activities"),
    ];

    public static RouteGroupBuilder MapDirectoryExports(this WebApplication app)
    {
        var group = app.MapGroup("/exports");
        group.MapGet("/contacts.{format}", (HttpContext context, string format) => ExportAsync(context, ContactsList, format));
        group.MapGet("/national-contact-list.{format}", (HttpContext context, string format) => ExportAsync(context, NationalList, format));
        return group;
    }

    private static async Task ExportAsync(HttpContext context, string list, string format)
    {
        var viewer = context.RequestServices.GetRequiredService<Viewer>();
        if (!viewer.IsAuthenticated)
        {
            await AuthenticationSetup.WriteUnauthenticatedAsync(context, "Sign in to export contacts: send a bearer token.", invalidToken: false);
            return;
        }
        format = format.ToLowerInvariant();
        if (!Formats.Contains(format))
        {
            context.Response.StatusCode = StatusCodes.Status404NotFound;
            await GraphQLErrorResponse.WriteAsync(context, $"There is no '{format}' export: use csv, xlsx or json.", "NOT_FOUND");
            return;
        }

        var schema = context.RequestServices.GetRequiredService<RequestExecutor>().Schema;
        var request = ExportRequest.Parse(context.Request.Query, list, schema, context.RequestServices.GetRequiredService<InputLimits>());
        if (request.Problems.Count > 0)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await GraphQLErrorResponse.WriteAsync(context, string.Join(" ", request.Problems), "BAD_REQUEST");
            return;
        }

        var contexts = context.RequestServices.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        await using var db = await contexts.CreateDbContextAsync(context.RequestAborted);
        ExportTable table;
        if (list == ContactsList)
        {
            table = await ContactsAsync(db, viewer, request, context.RequestAborted);
        }
        else if (await NationalContactList.SurveyExistsAsync(contexts, request.Survey, context.RequestAborted))
        {
            table = await NationalListAsync(db, viewer, request, context.RequestAborted);
        }
        else
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await GraphQLErrorResponse.WriteAsync(context, NationalContactList.UnknownSurvey(request.Survey), "BAD_REQUEST");
            return;
        }

        var exportedAt = DateTime.UtcNow;
        var manifest = new ExportManifest(
            $"EXP-{exportedAt:yyyyMMdd-HHmmss}-{Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(3))}",
            list, format, request.Purpose, viewer.Actor, exportedAt, request.Filter, table.Rows.Count);
        var (body, contentType) = format switch
        {
            "csv" => (CsvExport.Write(table), CsvExport.ContentType),
            "xlsx" => (XlsxExport.Write(table, manifest, list == ContactsList ? "Contacts" : "National contact list"), XlsxExport.ContentType),
            _ => (JsonExport.Write(table, manifest), JsonExport.ContentType),
        };

        var audit = context.RequestServices.GetRequiredService<AuditTrail>();
        audit.Record(db, viewer, AuditTrail.Actions.Export, Disclosures.ExportEntity, manifest.ExportKey, new
        {
            list,
            format,
            rowCount = manifest.RowCount,
            contacts = table.ContactKeys,
        }).OccurredAt = exportedAt;
        // Purpose and filter are free text that can name a person: kept beside the entry, where an erasure can redact them.
        db.ExportDetails.Add(new ExportDetail
        {
            ExportKey = manifest.ExportKey,
            Purpose = manifest.Purpose,
            Filter = PersonalDataRedaction.SerializeFilter(manifest.Filter),
        });
        foreach (var key in table.ContactKeys)
        {
            audit.Record(db, viewer, AuditTrail.Actions.Disclose, Disclosures.ContactEntity, key, new { export = manifest.ExportKey }).OccurredAt = exportedAt;
        }
        try
        {
            // The export's record goes to the database the service started on, or the export does not leave.
            await using var write = await context.RequestServices.GetRequiredService<DatabaseIdentity>().BeginWriteAsync(db, context.RequestAborted);
            await db.SaveChangesAsync(context.RequestAborted);
            await write.CommitAsync(context.RequestAborted);
        }
        catch (DatabaseUnavailableException e)
        {
            WriteContexts.MarkUnavailable(context.Response);
            await GraphQLErrorResponse.WriteAsync(context, e.Message, WriteContexts.UnavailableCode);
            return;
        }

        context.Response.ContentType = contentType;
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{list}-{exportedAt:yyyyMMdd-HHmmss}.{format}\"";
        context.Response.Headers.CacheControl = "no-store";
        context.Response.Headers["X-Export-Key"] = manifest.ExportKey;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    }

    private static async Task<ExportTable> ContactsAsync(DirectoryDbContext db, Viewer viewer, ExportRequest request, CancellationToken cancellationToken)
    {
        var rows = await ContactResolvers.Query(db, viewer, request.Search, request.Where, request.Order)
            .AsNoTracking()
            .Select(c => new
            {
                c.Key,
                c.FullName,
                c.JobTitle,
                c.Email,
                c.Phone,
                c.PostalAddress,
                c.Role,
                c.Seniority,
                Department = c.Department == null ? null : c.Department.Name,
                Category = c.Department == null ? null : c.Department.Category,
                OrganisationCode = c.Organisation.Code,
                OrganisationName = c.Organisation.Name,
                OrganisationType = c.Organisation.Type,
                c.LastVerifiedOn,
                c.ResponseId,
            })
            .ToListAsync(cancellationToken);
        var activities = await ActivitiesAsync(db, rows.Select(c => c.ResponseId), cancellationToken);
        var table = new ExportTable(ContactColumns);
        foreach (var c in rows)
        {
            table.Add(c.Key, c.Key, c.FullName, c.JobTitle, c.Email, c.Phone, c.PostalAddress, c.Role.ToString(), c.Seniority?.ToString(),
                c.Department, c.Category?.ToString(), c.OrganisationCode, c.OrganisationName, c.OrganisationType.ToString(),
                c.LastVerifiedOn?.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), activities.GetValueOrDefault(c.ResponseId ?? 0));
        }
        return table;
    }

    /// <summary>
    /// The activities each response named (what the mapping asked commissioners), as one cell: the enum values in
    /// order, joined by "; ". One query for every response of the export.
    /// </summary>
    private static async Task<Dictionary<int, string>> ActivitiesAsync(DirectoryDbContext db, IEnumerable<int?> responseIds, CancellationToken cancellationToken)
    {
        var ids = responseIds.OfType<int>().Distinct().ToList();
        var pairs = await db.SurveyResponseActivities.AsNoTracking().Where(a => ids.Contains(a.ResponseId))
            .Select(a => new { a.ResponseId, a.Activity }).ToListAsync(cancellationToken);
        return pairs.GroupBy(a => a.ResponseId)
            .ToDictionary(g => g.Key, g => string.Join("; ", g.Select(a => a.Activity).Order().Select(a => a.ToString())));
    }

    private static async Task<ExportTable> NationalListAsync(DirectoryDbContext db, Viewer viewer, ExportRequest request, CancellationToken cancellationToken)
    {
        var entries = await NationalContactList.Query(db, request.Survey, request.Where).AsNoTracking().ToListAsync(cancellationToken);
        var organisationIds = entries.Select(e => e.Organisation.Id)
            .Concat(entries.Where(e => e.CommissionedByCounty && e.CountyId is not null).Select(e => e.CountyId!.Value))
            .Distinct().ToList();
        var commissioners = (await NationalContactList.CommissionersAsync(db, viewer, organisationIds, request.Survey, cancellationToken))
            .ToLookup(p => p.OrganisationId, p => p.Contact);

        var contacts = commissioners.SelectMany(g => g).ToList();
        var activities = await ActivitiesAsync(db, contacts.Select(c => c.ResponseId), cancellationToken);
        var departmentIds = contacts.Select(c => c.DepartmentId).OfType<int>().Distinct().ToList();
        var departments = await db.Departments.AsNoTracking().Where(d => departmentIds.Contains(d.Id))
            .ToDictionaryAsync(d => d.Id, cancellationToken);

        var table = new ExportTable(NationalColumns);
        foreach (var entry in entries)
        {
            var organisation = entry.Organisation;
            var own = commissioners[organisation.Id].ToList();
            var county = entry is { CommissionedByCounty: true, CountyId: { } countyId } ? commissioners[countyId].ToList() : [];
            var mailbox = NationalContactList.Mailbox(entry.Status, organisation.CentralEmail, own.Count + county.Count > 0);
            string?[] Row(string? source, Data.Model.Contact? c)
            {
                var department = c?.DepartmentId is { } departmentId ? departments.GetValueOrDefault(departmentId) : null;
                return
                [
                    organisation.Code, organisation.Name, organisation.Type.ToString(), entry.Status.ToString(),
                    entry.CommissionedByCounty ? "yes" : "no", mailbox,
                    source, c?.Key, c?.FullName, c?.JobTitle, c?.Email, c?.Phone, c?.Role.ToString(), c?.Seniority?.ToString(),
                    department?.Name, department?.Category?.ToString(), c?.ResponseId is { } responseId ? activities.GetValueOrDefault(responseId) : null,
                ];
            }
            foreach (var contact in own)
            {
                table.Add(contact.Key, Row("organisation", contact));
            }
            foreach (var contact in county)
            {
                table.Add(contact.Key, Row("county", contact));
            }
            if (own.Count == 0 && county.Count == 0)
            {
                table.Add(null, Row(null, null));
            }
        }
        return table;
    }
}
