using System.Linq.Expressions;
using Directory.Data;
using Directory.Data.Model;
using Directory.GraphQL.Execution;
using Microsoft.EntityFrameworkCore;

namespace Directory.Api.Organisations;

/// <summary>An organisation's status in a survey (the mapping's definition).</summary>
public enum SurveyStatus
{
    COMPLETED,
    ADDITIONAL_CONTACT,
    NOT_RECEIVED,
}

/// <summary>
/// The survey status as one SQL expression: COMPLETED with at least one response in the survey; otherwise
/// ADDITIONAL_CONTACT if an additional contact replied; otherwise NOT_RECEIVED. Being an expression, it can be
/// selected, filtered and sorted on in the database.
/// </summary>
internal static class SurveyStatuses
{
    public static Expression<Func<Organisation, SurveyStatus>> Of(string survey) => o =>
        o.Responses.Any(r => r.SurveyRound.Code == survey) ? SurveyStatus.COMPLETED
        : o.Contacts.Any(c => c.Role == ContactRole.ADDITIONAL_CONTACT) ? SurveyStatus.ADDITIONAL_CONTACT
        : SurveyStatus.NOT_RECEIVED;

    /// <summary>The status of one organisation, batched across a level.</summary>
    public static Task<SurveyStatus> OfAsync(ResolverContext context, int organisationId, string survey)
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        var status = Of(survey);
        return context.BatchLoader<int, SurveyStatus>("survey-status:" + survey, async (ids, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            var rows = await db.Organisations.Where(o => ids.Contains(o.Id)).Select(WithId(status)).ToListAsync(ct);
            return rows.ToDictionary(r => r.Id, r => r.Status);
        }).LoadAsync(organisationId);
    }

    // o => new OrganisationStatus { Id = o.Id, Status = <status expression> }: composed, so it stays SQL.
    private static Expression<Func<Organisation, OrganisationStatus>> WithId(Expression<Func<Organisation, SurveyStatus>> status)
    {
        var organisation = status.Parameters[0];
        var body = Expression.MemberInit(
            Expression.New(typeof(OrganisationStatus)),
            Expression.Bind(typeof(OrganisationStatus).GetProperty(nameof(OrganisationStatus.Id))!, Expression.Property(organisation, nameof(Organisation.Id))),
            Expression.Bind(typeof(OrganisationStatus).GetProperty(nameof(OrganisationStatus.Status))!, status.Body));
        return Expression.Lambda<Func<Organisation, OrganisationStatus>>(body, organisation);
    }

    private sealed class OrganisationStatus
    {
        public int Id { get; init; }

        public SurveyStatus Status { get; init; }
    }
}
