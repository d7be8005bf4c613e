namespace Directory.Data.Configuration;

internal sealed class SurveyResponseConfiguration : IEntityTypeConfiguration<SurveyResponse>
{
    public void Configure(EntityTypeBuilder<SurveyResponse> builder)
    {
        builder.ToTable("survey_responses");
        builder.HasIndex(r => new { r.SurveyRoundId, r.Key }).IsUnique();
        builder.Property(r => r.Key).HasMaxLength(20);
        builder.Property(r => r.OtherActivities).HasMaxLength(2000);
        builder.Property(r => r.Comments).HasMaxLength(4000);
        builder.Property(r => r.Version).IsConcurrencyToken();
        builder.HasOne(r => r.SurveyRound).WithMany(s => s.Responses).HasForeignKey(r => r.SurveyRoundId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.Organisation).WithMany(o => o.Responses).HasForeignKey(r => r.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(r => r.LeadDepartment).WithMany().HasForeignKey(r => r.LeadDepartmentId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(r => r.LeadAnswers).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
        builder.HasMany(r => r.Activities).WithOne().HasForeignKey(a => a.ResponseId).OnDelete(DeleteBehavior.Cascade);
    }
}
