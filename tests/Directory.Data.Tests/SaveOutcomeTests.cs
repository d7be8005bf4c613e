using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests;

/// <summary>
/// <see cref="DirectoryDatabase.SaveAsync"/> reads each provider's own errors (SQLite 2067/1555, PostgreSQL 23505,
/// a version that no longer matches) and answers with an outcome, so the API layer knows no provider codes.
/// </summary>
public sealed class SaveOutcomeTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_unique_value_already_taken_is_an_outcome_and_nothing_is_saved(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Organisations.Add(new Organisation { Code = "X-SAVE-1", Name = "First" });
            (await DirectoryDatabase.SaveAsync(db, commit: true, CancellationToken.None)).ShouldBe(SaveOutcome.Saved);
        }

        await using (var db = database.NewContext())
        {
            await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, CancellationToken.None);
            db.Organisations.Add(new Organisation { Code = "X-SAVE-1", Name = "Second" });
            (await DirectoryDatabase.SaveAsync(db, commit: true, CancellationToken.None)).ShouldBe(SaveOutcome.UniqueValueTaken);
        }

        await using var check = database.NewContext();
        (await check.Organisations.Where(o => o.Code == "X-SAVE-1").Select(o => o.Name).ToListAsync()).ShouldBe(["First"]);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_row_changed_by_another_writer_since_it_was_read_is_a_concurrent_change(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.Organisations.Add(new Organisation { Code = "X-SAVE-2", Name = "Read" });
            await db.SaveChangesAsync();
        }
        await using var stale = database.NewContext();
        var read = await stale.Organisations.SingleAsync(o => o.Code == "X-SAVE-2");

        await using (var other = database.NewContext())
        {
            (await other.Organisations.SingleAsync(o => o.Code == "X-SAVE-2")).Name = "Changed by another writer";
            (await DirectoryDatabase.SaveAsync(other, commit: true, CancellationToken.None)).ShouldBe(SaveOutcome.Saved);
        }

        read.Name = "Lost update";
        (await DirectoryDatabase.SaveAsync(stale, commit: true, CancellationToken.None)).ShouldBe(SaveOutcome.ConcurrentChange);
        await using var check = database.NewContext();
        (await check.Organisations.SingleAsync(o => o.Code == "X-SAVE-2")).Name.ShouldBe("Changed by another writer");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_commit_the_write_transaction_stays_open_for_a_further_save(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, CancellationToken.None);
            db.Organisations.Add(new Organisation { Code = "X-SAVE-3", Name = "Uncommitted" });
            (await DirectoryDatabase.SaveAsync(db, commit: false, CancellationToken.None)).ShouldBe(SaveOutcome.Saved);
            db.Database.CurrentTransaction.ShouldNotBeNull();
        }

        // Disposed without the commit: rolled back.
        await using var check = database.NewContext();
        (await check.Organisations.AnyAsync(o => o.Code == "X-SAVE-3")).ShouldBeFalse();
    }
}
