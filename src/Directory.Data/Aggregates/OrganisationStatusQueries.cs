using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Aggregates;

/// <summary>
/// Organisations' survey statuses, computed in SQL: COMPLETED with at least one response in the survey, otherwise
/// ADDITIONAL_CONTACT with a contact of that role, otherwise NOT_RECEIVED. <see cref="Statuses"/> is an ordinary
/// composable query (a CASE over two EXISTS subqueries per organisation), so callers such as the national contact
/// list and <see cref="MappingReportQueries"/> filter, group, order and page on the status inside the database.
/// </summary>
public sealed class OrganisationStatusQueries(DirectoryDbContext db)
{
    /// <summary>Every organisation (in scope or not) with its status in the survey; untracked, not yet executed.</summary>
    public IQueryable<OrganisationSurveyStatus> Statuses(string surveyCode)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        return db.Organisations.AsNoTracking().Select(o => new OrganisationSurveyStatus
        {
            OrganisationId = o.Id,
            Organisation = o,
            OrganisationType = o.Type,
            CouncilTier = o.CouncilTier,
            Region = o.Region,
            InScope = o.InScope,
            Status = db.SurveyResponses.Any(r => r.OrganisationId == o.Id && r.SurveyRound.Code == surveyCode)
                ? SurveyStatus.COMPLETED
                : db.Contacts.Any(c => c.OrganisationId == o.Id && c.Role == ContactRole.ADDITIONAL_CONTACT)
                    ? SurveyStatus.ADDITIONAL_CONTACT
                    : SurveyStatus.NOT_RECEIVED,
            CommissionedByCounty = o.CommissioningDelegatedToId != null,
        });
    }

    /// <summary>The status of one organisation; null when there is no such organisation.</summary>
    public async Task<SurveyStatus?> GetStatusAsync(int organisationId, string surveyCode, CancellationToken cancellationToken = default) =>
        await Statuses(surveyCode)
            .Where(s => s.OrganisationId == organisationId)
            .Select(s => (SurveyStatus?)s.Status)
            .FirstOrDefaultAsync(cancellationToken);

    /// <summary>The statuses of many organisations in one query (for a DataLoader); unknown ids are absent.</summary>
    public async Task<IReadOnlyDictionary<int, SurveyStatus>> GetStatusesAsync(
        IReadOnlyCollection<int> organisationIds, string surveyCode, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(organisationIds);
        if (organisationIds.Count == 0)
        {
            return new Dictionary<int, SurveyStatus>();
        }

        var ids = organisationIds.Distinct().ToList();
        return await Statuses(surveyCode)
            .Where(s => ids.Contains(s.OrganisationId))
            .ToDictionaryAsync(s => s.OrganisationId, s => s.Status, cancellationToken);
    }
}
