using System.Data.Common;
using Directory.Api.Audit;
using Directory.Api.Auth;
using Directory.Api.Contacts;
using Directory.Data.Erasure;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace Directory.Api.Cli;

/// <summary>
/// <c>reapply-erasures [--from CONNECTION]</c>: after a backup is restored, erases again every person an erasure
/// tombstone names (by contact key, or by keyed email digest under the current or a previous pseudonym key), exactly
/// as <c>eraseContact</c> does — the people they managed lose their manager, other stored text about them is redacted,
/// an <c>erase</c> entry is audited, and afterwards the rows are purged from the files (SQLite: VACUUM and checkpoint;
/// PostgreSQL: VACUUM). A backup older than an erasure lacks its tombstone: <c>--from</c> names the
/// newer database (same provider) whose tombstones are copied in first. Prints how many people it erased; running it
/// again erases no one.
/// </summary>
internal static class ReapplyErasuresCommand
{
    private static readonly HashSet<string> OptionNames = ["from"];

    /// <summary>How the audit log names this command as the one who erased.</summary>
    private static readonly Viewer Operator = new(ViewerRole.CommissionerOffice, "reapply-erasures", null);

    public static async Task<int> RunAsync(string[] args, TextWriter stdout, TextWriter stderr, CancellationToken cancellationToken)
    {
        var arguments = CommandLineArguments.Parse(args, OptionNames);
        if (arguments.Positional.Count != 0)
        {
            throw new CommandLineException("reapply-erasures takes no arguments, only --from <connection string of the newer database>.");
        }

        await using var host = SubcommandHost.Build(arguments.Configuration);
        await using var scope = host.Services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        var keys = scope.ServiceProvider.GetRequiredService<PseudonymKeys>();
        await db.Database.MigrateAsync(cancellationToken);

        var copied = 0;
        if (arguments.Options.TryGetValue("from", out var from))
        {
            List<ErasureTombstone> newer;
            try
            {
                newer = await ReadTombstonesAsync(db.Provider, from, cancellationToken);
            }
            catch (Exception e) when (e is DbException or ArgumentException or InvalidOperationException)
            {
                await stderr.WriteLineAsync($"--from: the tombstones could not be read ({e.Message}). Nothing was changed.");
                return CommandLine.Failure;
            }

            copied = await CopyMissingAsync(db, newer, cancellationToken);
        }

        var erased = await EraseAgainAsync(db, new AuditTrail(keys), keys, cancellationToken);
        if (erased > 0)
        {
            if (db.Provider == DatabaseProvider.Sqlite)
            {
                // A restored copy's pages keep bytes of the erased rows outside their cells (the unused space of pages
                // that were rebalanced, stale index entries) even with secure_delete: rebuilding the file leaves only
                // live content. The restored database is not yet in service, so the exclusive VACUUM costs no one.
                await db.Database.ExecuteSqlRawAsync("VACUUM", cancellationToken);
            }

            await ErasedDataPurge.RunAsync(db, cancellationToken);
        }

        await stdout.WriteLineAsync($"Tombstones copied from --from: {copied}");
        await stdout.WriteLineAsync($"Erasures re-applied: {erased}");
        return CommandLine.Success;
    }

    /// <summary>The erasure tombstones of another database of the same provider (the one the backup is older than).</summary>
    private static async Task<List<ErasureTombstone>> ReadTombstonesAsync(DatabaseProvider provider, string connectionString, CancellationToken cancellationToken)
    {
        await using DbConnection connection = provider == DatabaseProvider.Postgres
            ? new NpgsqlConnection(connectionString)
            : new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadOnly }.ConnectionString);
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT contact_key, email_digest, erased_at FROM erasure_tombstones";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var tombstones = new List<ErasureTombstone>();
        while (await reader.ReadAsync(cancellationToken))
        {
            tombstones.Add(new ErasureTombstone
            {
                ContactKey = reader.GetString(0),
                EmailDigest = reader.IsDBNull(1) ? null : reader.GetString(1),
                ErasedAt = DateTime.SpecifyKind(reader.GetDateTime(2), DateTimeKind.Utc),
            });
        }

        return tombstones;
    }

    /// <summary>Adds the tombstones this database lacks (same key and digest); returns how many.</summary>
    private static async Task<int> CopyMissingAsync(DirectoryDbContext db, List<ErasureTombstone> tombstones, CancellationToken cancellationToken)
    {
        var present = (await db.ErasureTombstones.AsNoTracking().Select(t => new { t.ContactKey, t.EmailDigest }).ToListAsync(cancellationToken))
            .Select(t => (t.ContactKey, t.EmailDigest)).ToHashSet();
        var missing = tombstones.Where(t => present.Add((t.ContactKey, t.EmailDigest))).ToList();
        db.ErasureTombstones.AddRange(missing);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return missing.Count;
    }

    /// <summary>Erases, in one transaction, every contact a tombstone names; returns how many.</summary>
    private static async Task<int> EraseAgainAsync(DirectoryDbContext db, AuditTrail audit, PseudonymKeys keys, CancellationToken cancellationToken)
    {
        var tombstones = await db.ErasureTombstones.AsNoTracking().Select(t => new { t.ContactKey, t.EmailDigest }).ToListAsync(cancellationToken);
        var erasedKeys = tombstones.Select(t => t.ContactKey).ToHashSet(StringComparer.Ordinal);
        var erasedDigests = tombstones.Select(t => t.EmailDigest).OfType<string>().ToHashSet(StringComparer.Ordinal);
        if (erasedKeys.Count == 0)
        {
            return 0;
        }

        // By key in SQL; by email in C#, since the digest is keyed (an HMAC) and the person may be back under a new key.
        var ids = await db.Contacts.AsNoTracking().Where(c => erasedKeys.Contains(c.Key)).Select(c => c.Id).ToListAsync(cancellationToken);
        if (erasedDigests.Count > 0)
        {
            await foreach (var contact in db.Contacts.AsNoTracking().Where(c => c.Email != null).Select(c => new { c.Id, c.Email }).AsAsyncEnumerable().WithCancellation(cancellationToken))
            {
                if (keys.AllDigests(contact.Email!).Any(erasedDigests.Contains))
                {
                    ids.Add(contact.Id);
                }
            }
        }

        ids = [.. ids.Distinct()];
        if (ids.Count == 0)
        {
            return 0;
        }

        await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, cancellationToken);
        foreach (var id in ids)
        {
            // One save per person: each erasure's redaction sees the text the previous one left.
            var contact = await db.Contacts.Include(c => c.Organisation).SingleAsync(c => c.Id == id, cancellationToken);
            await ContactRemoval.StageAsync(db, audit, Operator, contact, erase: true, cancellationToken);
            await db.SaveChangesAsync(cancellationToken);
        }

        await transaction.CommitAsync(cancellationToken);
        db.ChangeTracker.Clear();
        return ids.Count;
    }
}
