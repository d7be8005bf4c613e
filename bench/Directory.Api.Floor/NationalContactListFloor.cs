using System.Text;
using System.Text.Json;
using Directory.Data;
using Directory.Data.Aggregates;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Floor;

/// <summary>
/// <c>GET /floor/national-contact-list?first=N&amp;after=CURSOR&amp;survey=CODE</c>: the response body the GraphQL
/// service gives for bench/wrk/national-contact-list.graphql with the same arguments, as the commissioner's office
/// sees it (every contact). Same rows, order, cursors and JSON escaping (a default <see cref="Utf8JsonWriter"/>, as the
/// GraphQL endpoint uses), so that run.sh can compare the two bodies byte for byte before timing them.
/// Three SQL commands per page — count, page, commissioners of the page's organisations and counties with their
/// organisations' names — where the GraphQL service runs two (the page with its total, the commissioners with the
/// names joined) once it knows the survey exists.
/// </summary>
internal static class NationalContactListFloor
{
    private const string KeysPrefix = "keys:";
    private const int MaxPageSize = 100;

    private sealed record Row(
        int Id, string Code, string Name, OrganisationType Type, SurveyStatus Status, bool CommissionedByCounty,
        int? CountyId, string? CentralEmail);

    private sealed record Commissioner(int OrganisationId, string FullName, string? JobTitle, string? Email, string OrganisationName);

    public static async Task HandleAsync(
        HttpContext context,
        IDbContextFactory<DirectoryDbContext> contexts,
        int? first,
        string? after,
        string? survey,
        CancellationToken cancellationToken)
    {
        survey ??= "STADV-2020";
        var pageSize = first ?? 25;
        var cursor = after is null ? null : DecodeCursor(after);
        if (pageSize is < 0 or > MaxPageSize || (after is not null && cursor is null))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            return;
        }

        await using var db = await contexts.CreateDbContextAsync(cancellationToken);
        // The same row source and order as Query.nationalContactList (Contacts/NationalContactList.cs in the API).
        var inScope = new OrganisationStatusQueries(db).Statuses(survey).Where(status => status.InScope);
        var total = await inScope.CountAsync(cancellationToken);
        if (cursor is var (afterName, afterId))
        {
            // On the entities, before the projection: EF Core cannot read a positional record's properties back in SQL.
            inScope = inScope.Where(s => string.Compare(s.Organisation.Name, afterName) > 0 || (s.Organisation.Name == afterName && s.Organisation.Id > afterId));
        }
        var rows =
            from status in inScope
            orderby status.Organisation.Name, status.Organisation.Id
            select new Row(status.Organisation.Id, status.Organisation.Code, status.Organisation.Name, status.Organisation.Type,
                status.Status, status.CommissionedByCounty, status.Organisation.CommissioningDelegatedToId,
                status.Organisation.CentralEmail);
        // One row more than asked tells whether a next page exists, as the GraphQL connection does.
        var fetched = await rows.Take(pageSize + 1).ToListAsync(cancellationToken);
        var hasNextPage = fetched.Count > pageSize;
        var page = fetched.Take(pageSize).ToList();

        var organisationIds = page.Select(r => r.Id)
            .Concat(page.Where(r => r.CommissionedByCounty && r.CountyId is not null).Select(r => r.CountyId!.Value))
            .Distinct()
            .ToList();
        var commissioners = organisationIds.Count == 0
            ? []
            : await db.Contacts.AsNoTracking()
                .Where(c => organisationIds.Contains(c.OrganisationId) && c.Role == ContactRole.COMMISSIONER
                    && c.Response != null && c.Response.SurveyRound.Code == survey)
                .OrderBy(c => c.FullName).ThenBy(c => c.Id)
                .Select(c => new Commissioner(c.OrganisationId, c.FullName, c.JobTitle, c.Email, c.Organisation.Name))
                .ToListAsync(cancellationToken);
        var byOrganisation = commissioners.ToLookup(c => c.OrganisationId);

        context.Response.StatusCode = StatusCodes.Status200OK;
        context.Response.ContentType = "application/json; charset=utf-8";
        await using var writer = new Utf8JsonWriter(context.Response.BodyWriter);
        Write(writer, total, hasNextPage, page, byOrganisation);
        await writer.FlushAsync(cancellationToken);
    }

    private static void Write(
        Utf8JsonWriter writer, int total, bool hasNextPage, List<Row> page, ILookup<int, Commissioner> byOrganisation)
    {
        writer.WriteStartObject();
        writer.WriteStartObject("data");
        writer.WriteStartObject("nationalContactList");
        writer.WriteNumber("totalCount", total);
        writer.WriteStartObject("pageInfo");
        writer.WriteBoolean("hasNextPage", hasNextPage);
        if (page.Count > 0)
        {
            writer.WriteString("endCursor", EncodeCursor(page[^1]));
        }
        else
        {
            writer.WriteNull("endCursor");
        }
        writer.WriteEndObject();
        writer.WriteStartArray("nodes");
        foreach (var row in page)
        {
            writer.WriteStartObject();
            writer.WriteStartObject("organisation");
            writer.WriteString("code", row.Code);
            writer.WriteString("name", row.Name);
            writer.WriteEndObject();
            writer.WriteString("organisationType", row.Type.ToString());
            writer.WriteString("status", row.Status.ToString());
            writer.WriteBoolean("commissionedByCounty", row.CommissionedByCounty);
            writer.WriteStartArray("contacts");
            foreach (var contact in byOrganisation[row.Id])
            {
                writer.WriteStartObject();
                writer.WriteString("fullName", contact.FullName);
                writer.WriteString("jobTitle", contact.JobTitle);
                writer.WriteString("email", contact.Email);
                writer.WriteEndObject();
            }
            writer.WriteEndArray();
            writer.WriteStartArray("countyContacts");
            if (row is { CommissionedByCounty: true, CountyId: { } county })
            {
                foreach (var contact in byOrganisation[county])
                {
                    writer.WriteStartObject();
                    writer.WriteString("fullName", contact.FullName);
                    writer.WriteString("email", contact.Email);
                    writer.WriteStartObject("organisation");
                    writer.WriteString("name", contact.OrganisationName);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                }
            }
            writer.WriteEndArray();
            // The API's rule (Contacts/NationalContactList.cs, Mailbox): the central mailbox where nothing was received
            // and wherever the row has no person to show, its own commissioners or, for a delegating district, its county's.
            var people = byOrganisation[row.Id].Count();
            if (people == 0 && row is { CommissionedByCounty: true, CountyId: { } delegatedTo })
            {
                people = byOrganisation[delegatedTo].Count();
            }
            writer.WriteString("centralEmail", row.Status == SurveyStatus.NOT_RECEIVED || people == 0 ? row.CentralEmail : null);
            writer.WriteEndObject();
        }
        writer.WriteEndArray();
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteEndObject();
    }

    // The cursor format of the API's Paging/PageRequest.cs for a keyset-paged list: base64 of "keys:" and the JSON
    // array of the last row's sort key values, the organisation's name and id.
    private static string EncodeCursor(Row row) =>
        Convert.ToBase64String(Encoding.UTF8.GetBytes(KeysPrefix + JsonSerializer.Serialize(new object[] { row.Name, row.Id })));

    private static (string Name, int Id)? DecodeCursor(string cursor)
    {
        try
        {
            var text = Encoding.UTF8.GetString(Convert.FromBase64String(cursor));
            return text.StartsWith(KeysPrefix, StringComparison.Ordinal)
                && JsonSerializer.Deserialize<JsonElement[]>(text.AsSpan(KeysPrefix.Length)) is [{ ValueKind: JsonValueKind.String } name, { ValueKind: JsonValueKind.Number } id]
                && id.TryGetInt32(out var organisationId)
                ? (name.GetString()!, organisationId)
                : null;
        }
        catch (Exception e) when (e is FormatException or JsonException)
        {
            return null;
        }
    }
}
