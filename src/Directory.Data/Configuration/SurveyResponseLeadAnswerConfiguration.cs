namespace Directory.Data.Configuration;

/// <summary>A set as a join table: one row per member, so "count per answer" is a GROUP BY on one column.</summary>
internal sealed class SurveyResponseLeadAnswerConfiguration : IEntityTypeConfiguration<SurveyResponseLeadAnswer>
{
    public void Configure(EntityTypeBuilder<SurveyResponseLeadAnswer> builder)
    {
        builder.ToTable("survey_response_lead_answers");
        builder.HasKey(a => new { a.ResponseId, a.Answer });
        builder.HasIndex(a => a.Answer);
    }
}
