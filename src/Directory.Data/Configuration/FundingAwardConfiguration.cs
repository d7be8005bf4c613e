namespace Directory.Data.Configuration;

internal sealed class FundingAwardConfiguration : IEntityTypeConfiguration<FundingAward>
{
    public void Configure(EntityTypeBuilder<FundingAward> builder)
    {
        builder.ToTable("funding_awards");
        builder.HasIndex(f => f.Key).IsUnique();
        builder.HasIndex(f => new { f.RecipientId, f.FinancialYear });
        builder.Property(f => f.Key).HasMaxLength(20);
        builder.Property(f => f.Funder).HasMaxLength(200);
        builder.Property(f => f.FinancialYear).HasMaxLength(7);
        builder.Property(f => f.Purpose).HasMaxLength(500);
        builder.Property(f => f.Source).HasMaxLength(40);
        builder.Property(f => f.Amount).HasConversion(ExactDecimal.MoneyAsPence).HasColumnName("amount_pence");
        builder.HasOne(f => f.Recipient).WithMany().HasForeignKey(f => f.RecipientId).OnDelete(DeleteBehavior.Restrict);
    }
}
