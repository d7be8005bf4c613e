namespace Directory.Data.Configuration;

internal sealed class SurveyRoundConfiguration : IEntityTypeConfiguration<SurveyRound>
{
    public void Configure(EntityTypeBuilder<SurveyRound> builder)
    {
        builder.ToTable("survey_rounds");
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Code).HasMaxLength(40);
        builder.Property(s => s.Title).HasMaxLength(300);
        builder.Property(s => s.Version).IsConcurrencyToken();
    }
}
