using Directory.Api.Auth;
using Directory.Api.Organisations;

namespace Directory.Api.Mapping;

/// <summary>
/// Who may read what of a survey response: the one place that decides it, as <c>ContactResolvers.Visible</c> does for
/// people, so <c>Organisation.responses</c>, <c>Organisation.staffLines</c>, <c>node</c>/<c>nodes</c>,
/// <c>Contact.response</c>, <c>StaffLine.response</c> and <c>ServiceCommissioned.response</c> cannot disagree. The
/// table is in docs/security.md:
/// <list type="bullet">
/// <item>anonymous callers see no response and no staff line (a response is one organisation's return, with its
/// staff's seniority and FTE); they keep the services commissioned, without the response behind them;</item>
/// <item>every signed-in role sees responses and their staff lines;</item>
/// <item>a response's comments and consent answers only the office and staff of the responding organisation.</item>
/// </list>
/// The row rules are SQL, like the contact rule: an invisible response is absent from lists, and <c>node</c> with
/// its ID answers null, as for an ID that does not exist.
/// </summary>
internal static class ResponseVisibility
{
    public static IQueryable<SurveyResponse> Visible(DirectoryDbContext db, Viewer viewer) =>
        viewer.IsAuthenticated ? db.SurveyResponses : db.SurveyResponses.Where(r => false);

    public static IQueryable<StaffLine> VisibleStaffLines(DirectoryDbContext db, Viewer viewer) =>
        viewer.IsAuthenticated ? db.StaffLines : db.StaffLines.Where(s => false);

    /// <summary>The answer when the caller may read the response's private answers (comments, consent); otherwise null.</summary>
    public static async Task<T?> PrivateAnswerAsync<T>(ResolverContext context, SurveyResponse response, Func<SurveyResponse, T?> answer)
        where T : class
    {
        var viewer = context.Services.GetRequiredService<Viewer>();
        if (viewer.IsOffice)
        {
            return answer(response);
        }
        if (viewer.Role != ViewerRole.Partner)
        {
            return null;
        }
        var organisation = await OrganisationResolvers.ByIdAsync(context, response.OrganisationId);
        return organisation is not null && viewer.ActsFor(organisation.Code) ? answer(response) : null;
    }
}
