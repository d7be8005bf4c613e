using Directory.Data.Changes;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;

namespace Directory.Data.Tests.Changes;

/// <summary>
/// Every save through the registered contexts is announced once its transaction commits — on SQLite to the process's
/// feed, on PostgreSQL by pg_notify to every listening instance — and a save that is rolled back is never announced.
/// </summary>
public sealed class ChangeCaptureTests
{
    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_rolled_back_write_announces_nothing_and_a_committed_one_announces_each_entity_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = Services(database);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var listening = await ListenAsync(services, stop.Token);
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();

        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var rolledBack = await DirectoryDatabase.BeginWriteTransactionAsync(db, stop.Token);
            db.Organisations.Add(new Organisation { Code = "X-ROLLED-BACK", Name = "Never committed" });
            await db.SaveChangesAsync(stop.Token);
            // Disposed without a commit: rolled back.
        }
        await using (var db = await contexts.CreateDbContextAsync())
        {
            await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, stop.Token);
            var organisation = new Organisation { Code = "X-COMMITTED", Name = "Committed" };
            db.Organisations.Add(organisation);
            await db.SaveChangesAsync(stop.Token);
            organisation.Name = "Committed, then renamed in the same transaction";
            db.Contacts.Add(new Contact { Key = "C90001", Organisation = organisation, FullName = "Test Person" });
            await db.SaveChangesAsync(stop.Token);
            await transaction.CommitAsync(stop.Token);
        }

        var first = await listening.ReadAsync(stop.Token);
        var second = await listening.ReadAsync(stop.Token);
        new[] { first, second }.Select(c => $"{c.Kind} {c.Action} {c.Key}").ShouldBe(
            ["Organisation Created X-COMMITTED", "Contact Created C90001"], ignoreOrder: true);
    }

    [SkippableTheory]
    [InlineData(DatabaseProvider.Sqlite)]
    [InlineData(DatabaseProvider.Postgres)]
    public async Task A_contact_removed_with_an_erasure_tombstone_is_announced_as_erased_and_a_plain_removal_as_removed(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var services = Services(database);
        using var stop = new CancellationTokenSource(TimeSpan.FromMinutes(1));
        var contexts = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>();
        await using (var db = await contexts.CreateDbContextAsync())
        {
            var organisation = new Organisation { Code = "X-ORG", Name = "An organisation" };
            db.Contacts.Add(new Contact { Key = "C90001", Organisation = organisation, FullName = "Erased Person" });
            db.Contacts.Add(new Contact { Key = "C90002", Organisation = organisation, FullName = "Removed Person" });
            await db.SaveChangesAsync(stop.Token);
        }
        var listening = await ListenAsync(services, stop.Token);

        await using (var db = await contexts.CreateDbContextAsync())
        {
            // No explicit transaction: EF Core's own one, which commits inside SaveChanges.
            db.Contacts.RemoveRange(await db.Contacts.ToListAsync(stop.Token));
            db.ErasureTombstones.Add(new ErasureTombstone { ContactKey = "C90001", ErasedAt = DateTime.UtcNow });
            await db.SaveChangesAsync(stop.Token);
        }

        var changes = new[] { await listening.ReadAsync(stop.Token), await listening.ReadAsync(stop.Token) };
        changes.Select(c => $"{c.Kind} {c.Action} {c.Key}").ShouldBe(["Contact Erased C90001", "Contact Removed C90002"], ignoreOrder: true);
    }

    private static ServiceProvider Services(TestDatabase database)
    {
        var services = new ServiceCollection();
        services.AddSingleton(typeof(Microsoft.Extensions.Logging.ILogger<>), typeof(NullLogger<>));
        services.AddDirectoryData(database.Provider, database.ConnectionString);
        return services.BuildServiceProvider();
    }

    /// <summary>
    /// Listens to the feed, on PostgreSQL through the LISTEN connection (as an instance does), returning once listening
    /// has begun so that nothing committed afterwards can be missed.
    /// </summary>
    private static async Task<System.Threading.Channels.ChannelReader<DirectoryChange>> ListenAsync(ServiceProvider services, CancellationToken cancellationToken)
    {
        var feed = services.GetRequiredService<DirectoryChangeFeed>();
        var received = System.Threading.Channels.Channel.CreateUnbounded<DirectoryChange>();
        var changes = feed.Listen(cancellationToken);
        _ = Task.Run(async () =>
        {
            await foreach (var change in changes)
            {
                received.Writer.TryWrite(change);
            }
        }, cancellationToken);
        if (services.GetService<PostgresChangeListener>() is { } listener)
        {
            _ = listener.RunAsync(cancellationToken);
            while (!listener.IsListening)
            {
                await Task.Delay(20, cancellationToken);
            }
        }
        return received.Reader;
    }
}
