namespace Directory.Data.Configuration;

/// <summary>A set as a join table: one row per member, so "count per activity" is a GROUP BY on one column.</summary>
internal sealed class SurveyResponseActivityConfiguration : IEntityTypeConfiguration<SurveyResponseActivity>
{
    public void Configure(EntityTypeBuilder<SurveyResponseActivity> builder)
    {
        builder.ToTable("survey_response_activities");
        builder.HasKey(a => new { a.ResponseId, a.Activity });
        builder.HasIndex(a => a.Activity);
    }
}
