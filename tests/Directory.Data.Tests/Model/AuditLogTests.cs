using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Model;

/// <summary>The audit log is append-only, in the context and in the database itself.</summary>
public sealed class AuditLogTests
{
    private static async Task<TestDatabase> WithOneEntryAsync(DatabaseProvider provider)
    {
        var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        db.AuditLog.Add(new AuditEntry { Actor = "tester", Action = "update", EntityType = "Organisation", EntityKey = "E06000001" });
        await TestData.SaveInWriteTransactionAsync(db);
        return database;
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_entry_is_saved_only_under_the_write_lock(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        db.AuditLog.Add(new AuditEntry { Actor = "tester", Action = "update", EntityType = "Organisation", EntityKey = "E06000001" });

        // Outside any transaction, and in a transaction that did not take the write lock: refused, nothing written.
        (await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync())).Message.ShouldContain("write transaction");
        await using (var plain = await db.Database.BeginTransactionAsync())
        {
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var check = database.NewContext())
        {
            (await check.AuditLog.CountAsync()).ShouldBe(0);
        }

        await TestData.SaveInWriteTransactionAsync(db);

        await using var after = database.NewContext();
        (await after.AuditLog.CountAsync()).ShouldBe(1);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_appended_entry_gets_its_time(DatabaseProvider provider)
    {
        await using var database = await WithOneEntryAsync(provider);
        await using var db = database.NewContext();

        var entry = await db.AuditLog.SingleAsync();

        entry.OccurredAt.ShouldBeGreaterThan(new DateTime(2020, 1, 1));
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_context_refuses_to_modify_or_delete_an_entry(DatabaseProvider provider)
    {
        await using var database = await WithOneEntryAsync(provider);
        await using var db = database.NewContext();
        var entry = await db.AuditLog.SingleAsync();

        entry.Action = "tampered";
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        db.ChangeTracker.Clear();
        db.AuditLog.Remove(await db.AuditLog.SingleAsync());
        await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());

        await using var check = database.NewContext();
        (await check.AuditLog.SingleAsync()).Action.ShouldBe("update");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task The_database_refuses_sql_that_updates_or_deletes_entries(DatabaseProvider provider)
    {
        await using var database = await WithOneEntryAsync(provider);
        await using var db = database.NewContext();

        var update = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET action = 'tampered'"));
        update.Message.ShouldContain("append-only");
        var delete = await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM audit_log"));
        delete.Message.ShouldContain("append-only");

        (await db.AuditLog.SingleAsync()).Action.ShouldBe("update");
    }
}
