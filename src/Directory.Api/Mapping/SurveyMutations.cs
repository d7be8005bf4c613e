using System.Globalization;
using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.Organisations;
using Directory.Api.Writes;

namespace Directory.Api.Mapping;

/// <summary>The result of a survey response mutation.</summary>
public sealed record SurveyResponsePayload(SurveyResponse? Response, IReadOnlyList<UserError> Errors);

/// <summary>
/// Submitting a questionnaire and changing its consent: the office for any organisation, partner staff for their own.
/// A consent change needs no cache to be cleared: visibility reads consent in every query.
/// </summary>
internal static class SurveyMutations
{
    public const int MaxStaffLines = 10;

    public static SchemaBuilder BindSurveyMutations(this SchemaBuilder schema) => schema
        .Resolve("Mutation", "submitSurveyResponse", SubmitAsync)
        .Resolve("Mutation", "changeConsent", ChangeConsentAsync)
        .BindType<SurveyResponsePayload>("SurveyResponsePayload");

    private static async Task<object?> SubmitAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<SurveyResponse, SurveyResponsePayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "submit survey responses");
        await using var db = await mutation.BeginWriteAsync();
        var organisation = await input.OrganisationAsync(db, "organisationId", ctx.CancellationToken);
        if (organisation is null)
        {
            return mutation.Refused();
        }
        Access.RequireEditorOf(viewer, organisation.Code, "submit this organisation's survey response");

        var surveyCode = input.Text("survey", 50, required: true);
        var survey = surveyCode is null ? null : await db.SurveyRounds.FirstOrDefaultAsync(s => s.Code == surveyCode, ctx.CancellationToken);
        if (surveyCode is not null && survey is null)
        {
            input.Fail(UserErrorCode.NOT_FOUND, $"There is no survey \"{surveyCode}\".", "survey");
        }
        var response = new SurveyResponse
        {
            Key = "",
            OrganisationId = organisation.Id,
            SubmittedOn = DateOnly.FromDateTime(DateTime.UtcNow),
            Focus = input.Enum<ResponseFocus>("focus"),
            JointCommissioningGroup = input.Enum<JointCommissioningGroupAnswer>("jointCommissioningGroup"),
            LeadAnswers = [.. input.Enums<LeadAnswer>("leadStatus").Select(a => new SurveyResponseLeadAnswer { Answer = a })],
            Activities = [.. input.Enums<CommissioningActivity>("activities").Select(a => new SurveyResponseActivity { Activity = a })],
            OtherActivities = input.Text("otherActivities", 2000),
            Comments = input.Text("comments", 4000),
        };
        var consent = input.Object("consent")!;
        response.ConsentPartners = consent.Bool("partners");
        response.ConsentGovernment = consent.Bool("government");
        response.ConsentVoluntarySector = consent.Bool("voluntarySector");

        var staffLines = input.Objects("staffLines");
        if (staffLines.Count > MaxStaffLines)
        {
            input.Fail(UserErrorCode.VALIDATION, $"At most {MaxStaffLines} staff lines can be given (got {staffLines.Count}).", "staffLines");
        }
        response.StaffLines = [.. staffLines.Select((line, index) => new StaffLine
        {
            LineNo = index + 1,
            Responsibility = line.Enum<StaffResponsibility>("responsibility")!.Value,
            Seniority = line.Enum<Seniority>("seniority"),
            Fte = line.Fte("fte") ?? 0,
        })];

        var services = input.Objects("services");
        var codes = services.Select(s => s.Text("serviceType", 50, required: true)).ToList();
        var serviceTypes = await db.ServiceTypes.Where(t => codes.Contains(t.Code)).ToDictionaryAsync(t => t.Code, StringComparer.Ordinal, ctx.CancellationToken);
        for (var i = 0; i < services.Count; i++)
        {
            if (codes[i] is not { } serviceCode)
            {
                continue;
            }
            if (!serviceTypes.TryGetValue(serviceCode, out var serviceType))
            {
                services[i].Fail(UserErrorCode.NOT_FOUND, $"There is no service type \"{serviceCode}\" (see serviceTypes).", "serviceType");
            }
            else if (codes.IndexOf(serviceCode) != i)
            {
                services[i].Fail(UserErrorCode.DUPLICATE, $"Service type \"{serviceCode}\" is listed more than once.", "serviceType");
            }
            else
            {
                response.Services.Add(new ServiceCommissioned
                {
                    ServiceTypeId = serviceType.Id,
                    Commissioning = services[i].Enum<CommissioningArrangement>("commissioning")!.Value,
                    WomenOnly = services[i].Bool("womenOnly") ?? false,
                });
            }
        }

        Department? newDepartment = null;
        if (input.Text("leadDepartment", 300) is { } leadDepartment)
        {
            // The questionnaire names the department as the respondent writes it; a new name becomes a department.
            response.LeadDepartment = await db.Departments.FirstOrDefaultAsync(d => d.OrganisationId == organisation.Id && d.Name == leadDepartment, ctx.CancellationToken)
                ?? (newDepartment = new Department { OrganisationId = organisation.Id, Name = leadDepartment });
        }
        if (!input.Ok || survey is null)
        {
            return mutation.Refused();
        }
        response.SurveyRoundId = survey.Id;
        response.Key = await NextKeyAsync(db, survey.Id, ctx.CancellationToken);
        db.SurveyResponses.Add(response);
        audit.Record(db, viewer, AuditTrail.Actions.Submit, "SurveyResponse", response.Key, new
        {
            organisation = organisation.Code,
            survey = survey.Code,
            staffLines = response.StaffLines.Count,
            services = response.Services.Count,
        });
        if (newDepartment is null)
        {
            return await mutation.SaveAsync(db, response);
        }
        // A new department is a write of its own and is audited as addDepartment's are: its key is its database id,
        // known only after the insert, so the entry is a second save in the mutation's write transaction.
        if (!await mutation.SaveAsync(db, commit: false))
        {
            return mutation.Refused();
        }
        audit.Record(db, viewer, AuditTrail.Actions.Create, "Department", OrganisationMutations.DepartmentKey(newDepartment),
            new { organisation = organisation.Code, surveyResponse = response.Key });
        return await mutation.SaveAsync(db, response);
    }

    private static async Task<object?> ChangeConsentAsync(ResolverContext ctx)
    {
        var mutation = Mutation.Start<SurveyResponse, SurveyResponsePayload>(ctx, (result, errors) => new(result, errors));
        var (viewer, audit, input) = mutation;
        Access.RequireWriter(viewer, "change consent");
        await using var db = await mutation.BeginWriteAsync();
        var found = input.FindAsync("id", "SurveyResponse", "survey response",
            key => SurveyResolvers.Responses(db).Include(r => r.Organisation).FirstOrDefaultAsync(r => r.Key == key, ctx.CancellationToken));
        var response = await mutation.CurrentAsync(db, found, "survey response",
            r => Access.RequireEditorOf(viewer, r.Organisation.Code, "change this organisation's consent"));
        if (response is null)
        {
            return mutation.Refused();
        }
        var before = new { partners = response.ConsentPartners, government = response.ConsentGovernment, voluntarySector = response.ConsentVoluntarySector };
        var consent = input.Object("consent")!;
        response.ConsentPartners = consent.Bool("partners");
        response.ConsentGovernment = consent.Bool("government");
        response.ConsentVoluntarySector = consent.Bool("voluntarySector");
        var after = new { partners = response.ConsentPartners, government = response.ConsentGovernment, voluntarySector = response.ConsentVoluntarySector };
        audit.Record(db, viewer, AuditTrail.Actions.ChangeConsent, "SurveyResponse", response.Key,
            new { organisation = response.Organisation.Code, before, after, fromVersion = input.Version });
        return await mutation.SaveAsync(db, response);
    }

    /// <summary>
    /// The next key of the survey round's numbered sequence (R0001, R0002, …), after the highest in use. Read inside
    /// the mutation's write transaction, which other writers wait for, so two submissions never draw the same key.
    /// </summary>
    private static async Task<string> NextKeyAsync(DirectoryDbContext db, int surveyRoundId, CancellationToken cancellationToken)
    {
        var keys = await db.SurveyResponses.Where(r => r.SurveyRoundId == surveyRoundId && r.Key.StartsWith("R")).Select(r => r.Key).ToListAsync(cancellationToken);
        var highest = keys.Select(k => int.TryParse(k.AsSpan(1), NumberStyles.None, CultureInfo.InvariantCulture, out var n) ? n : 0).DefaultIfEmpty(0).Max();
        return "R" + (highest + 1).ToString("D4", CultureInfo.InvariantCulture);
    }


}
