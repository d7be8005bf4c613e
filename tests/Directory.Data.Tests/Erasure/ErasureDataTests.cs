using Directory.Data.Erasure;
using Directory.Data.Import;
using Directory.Data.Migrations;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace Directory.Data.Tests.Erasure;

/// <summary>
/// The data side of erasure on both providers: imports honour tombstones (by key, and by email digest under the
/// current or a previous pseudonym key), export purposes and filters change only by redaction, and the migration
/// moves existing exports' purposes and filters out of the audit log.
/// </summary>
public sealed class ErasureDataTests
{
    private const string OldKey = "pseudonym-key-before-the-rotation";
    private const string NewKey = "pseudonym-key-after-the-rotation";

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task An_import_skips_contacts_whose_key_or_email_digest_a_tombstone_holds_under_any_pseudonym_key(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }
        // C00001 manages C00002; C00001 is erased with the old key, matched by email only (its tombstone names
        // another key, as for a person added through the API); C00003 is matched by key.
        string managerEmail;
        await using (var db = database.NewContext())
        {
            managerEmail = (await db.Contacts.SingleAsync(c => c.Key == "C00001")).Email!;
            db.ErasureTombstones.Add(new ErasureTombstone { ContactKey = "C-261205-0a0b0c0d", EmailDigest = new PseudonymKeys(OldKey).Digest(managerEmail), ErasedAt = DateTime.UtcNow });
            db.ErasureTombstones.Add(new ErasureTombstone { ContactKey = "C00003", ErasedAt = DateTime.UtcNow });
            await db.SaveChangesAsync();
            await db.Contacts.Where(c => c.Manager!.Key == "C00001" || c.Manager!.Key == "C00003").ExecuteUpdateAsync(s => s.SetProperty(c => c.ManagerId, (int?)null));
            await db.Contacts.Where(c => c.Key == "C00001" || c.Key == "C00003").ExecuteDeleteAsync();
        }

        ImportResult rotated;
        await using (var db = database.NewContext())
        {
            rotated = await new SurveyImporter(db, new PseudonymKeys(NewKey, [OldKey])).ImportAsync(TestData.SampleFolder);
        }

        rotated.Succeeded.ShouldBeTrue();
        rotated.ErasedContactsSkipped.ShouldBe(2);
        rotated.Counts.Single(c => c.Entity == "Contacts").Inserted.ShouldBe(0);
        var output = new StringWriter();
        rotated.WriteTo(output);
        output.ToString().ShouldContain("Erased people skipped: 2 ");
        await using (var check = database.NewContext())
        {
            (await check.Contacts.CountAsync(c => c.Key == "C00001" || c.Key == "C00003" || c.Email == managerEmail)).ShouldBe(0);
            (await check.Contacts.SingleAsync(c => c.Key == "C00002")).ManagerId.ShouldBeNull();
        }

        // Without the previous key the digest no longer matches: the rotation is what keeps the person erased.
        await using (var db = database.NewContext())
        {
            var forgetful = await new SurveyImporter(db, new PseudonymKeys(NewKey)).ImportAsync(TestData.SampleFolder);
            forgetful.ErasedContactsSkipped.ShouldBe(1);
            (await db.Contacts.CountAsync(c => c.Key == "C00001")).ShouldBe(1);
        }
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Export_details_change_only_by_an_erasure_redacting_them(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.ExportDetails.Add(new ExportDetail { ExportKey = "EXP-1", Purpose = "Round table invitation for Ada Example", Filter = """{"where":{"email":{"eq":"ada@council.example"}}}""" });
            await db.SaveChangesAsync();
        }

        await using (var db = database.NewContext())
        {
            (await db.ExportDetails.SingleAsync()).Purpose = "Something else";
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
            db.ChangeTracker.Clear();
            db.ExportDetails.Remove(await db.ExportDetails.SingleAsync());
            await Should.ThrowAsync<InvalidOperationException>(() => db.SaveChangesAsync());
        }
        await using (var db = database.NewContext())
        {
            (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE export_details SET purpose = 'Something else'"))).Message.ShouldContain("only an erasure");
            (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE export_details SET export_key = 'EXP-2'"))).Message.ShouldContain("only an erasure");
            (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("DELETE FROM export_details"))).Message.ShouldContain("only an erasure");
        }

        await using (var db = database.NewContext())
        {
            var counts = await PersonalDataRedaction.RedactAsync(db, new ErasedPerson("ada example", "ADA@council.example", null), CancellationToken.None);
            await db.SaveChangesAsync();
            counts.Exports.ShouldBe(1);
        }

        await using var check = database.NewContext();
        var redacted = await check.ExportDetails.SingleAsync();
        redacted.ExportKey.ShouldBe("EXP-1");
        redacted.Purpose.ShouldBe("Round table invitation for [erased]");
        redacted.Filter.ShouldBe("""{"where":{"email":{"eq":"[erased]"}}}""");
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Migrating_moves_the_purpose_and_filter_of_earlier_exports_out_of_the_audit_log(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var db = database.NewContext();
        var migrator = db.GetService<IMigrator>();
        await migrator.MigrateAsync("20261122180000_InScopeOrganisationsByName");
        db.AuditLog.Add(new AuditEntry
        {
            Actor = "partner:E06000001:someone",
            Action = "export",
            EntityType = "Export",
            EntityKey = "EXP-20261201-090000-abcdef",
            Details = """{"list":"contacts","format":"csv","purpose":"Invitation for Ada Example","filter":{"where":{"email":{"eq":"ada@council.example"}}},"rowCount":1,"contacts":["C00001"]}""",
        });
        await TestData.SaveInWriteTransactionAsync(db);

        await migrator.MigrateAsync();

        var moved = await db.ExportDetails.AsNoTracking().SingleAsync();
        moved.ExportKey.ShouldBe("EXP-20261201-090000-abcdef");
        moved.Purpose.ShouldBe("Invitation for Ada Example");
        moved.Filter!.Replace(" ", "", StringComparison.Ordinal).ShouldBe("""{"where":{"email":{"eq":"ada@council.example"}}}""");
        var entry = await db.AuditLog.AsNoTracking().SingleAsync();
        entry.Details!.ShouldNotContain("Ada");
        entry.Details!.ShouldNotContain("ada@");
        entry.Details!.ShouldContain("rowCount");
        (await Should.ThrowAsync<Exception>(() => db.Database.ExecuteSqlRawAsync("UPDATE audit_log SET action = 'tampered'"))).Message.ShouldContain("append-only");
    }

    [Fact]
    public async Task The_purge_after_an_erasure_reports_a_checkpoint_that_an_open_reader_blocked()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        await using var db = database.NewContext();
        await db.Database.OpenConnectionAsync();
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode = WAL");
        await db.Database.ExecuteSqlRawAsync("INSERT INTO service_types (code, name, category, version) VALUES ('before', 'Before the reader', 'test', 1)");

        // A reader holding a snapshot taken before the next write keeps that write's frames in the log.
        await using (var reader = new Microsoft.Data.Sqlite.SqliteConnection(database.ConnectionString))
        {
            await reader.OpenAsync();
            // Deferred: a plain BEGIN takes no lock until the first read, which then holds its snapshot.
            await using var transaction = reader.BeginTransaction(deferred: true);
            await using (var read = reader.CreateCommand())
            {
                read.Transaction = transaction;
                read.CommandText = "SELECT count(*) FROM service_types";
                (await read.ExecuteScalarAsync()).ShouldNotBeNull();
            }
            await db.Database.ExecuteSqlRawAsync("INSERT INTO service_types (code, name, category, version) VALUES ('after', 'After the reader', 'test', 1)");

            var blocked = await Should.ThrowAsync<InvalidOperationException>(() => ErasedDataPurge.RunAsync(db, CancellationToken.None));
            blocked.Message.ShouldContain("blocked by open readers");
        }

        await ErasedDataPurge.RunAsync(db, CancellationToken.None);
        new FileInfo(database.ConnectionString.Split('=', 2)[1].Split(';')[0] + "-wal").Length.ShouldBe(0, "the TRUNCATE checkpoint empties the log once the reader has gone");
    }
}
