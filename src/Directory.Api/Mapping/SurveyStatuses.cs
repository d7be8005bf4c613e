using Directory.Api.Reads;
using Directory.Data.Aggregates;

namespace Directory.Api.Mapping;

/// <summary><c>Organisation.surveyStatus</c>: the status of each organisation of a level, in one query per survey.</summary>
internal static class SurveyStatuses
{
    public static Task<SurveyStatus> OfAsync(ResolverContext context, int organisationId, string survey)
    {
        var contexts = context.Services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        return context.BatchLoader<int, SurveyStatus>(Load.Named("survey-status", survey), async (ids, ct) =>
        {
            await using var db = await contexts.CreateDbContextAsync(ct);
            return await new OrganisationStatusQueries(db).GetStatusesAsync([.. ids], survey, ct);
        }).LoadAsync(organisationId);
    }
}
