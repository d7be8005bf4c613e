using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests.Model;

/// <summary>Optimistic concurrency: every editable row carries a version that each saved change bumps.</summary>
public sealed class ConcurrencyTests
{
    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Of_two_concurrent_updates_to_one_row_the_first_wins_and_the_second_gets_a_concurrency_error(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using (var db = database.NewContext())
        {
            (await new SurveyImporter(db).ImportAsync(TestData.SampleFolder)).Succeeded.ShouldBeTrue();
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var mine = await first.Contacts.SingleAsync(c => c.Key == "C00002");
        var theirs = await second.Contacts.SingleAsync(c => c.Key == "C00002");
        mine.Version.ShouldBe(theirs.Version);

        mine.JobTitle = "First writer";
        await first.SaveChangesAsync();
        theirs.JobTitle = "Second writer";
        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());

        await using var check = database.NewContext();
        var stored = await check.Contacts.SingleAsync(c => c.Key == "C00002");
        stored.JobTitle.ShouldBe("First writer");
        stored.Version.ShouldBe(1);
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task A_concurrent_delete_of_an_updated_row_fails_too(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using (var db = database.NewContext())
        {
            db.ServiceTypes.Add(new ServiceType { Code = "IDVA", Name = "IDVA", Category = "ADVOCACY" });
            await db.SaveChangesAsync();
        }

        await using var first = database.NewContext();
        await using var second = database.NewContext();
        var updated = await first.ServiceTypes.SingleAsync();
        var deleted = await second.ServiceTypes.SingleAsync();
        updated.Name = "Independent Domestic Violence Advocacy";
        await first.SaveChangesAsync();
        second.ServiceTypes.Remove(deleted);

        await Should.ThrowAsync<DbUpdateConcurrencyException>(() => second.SaveChangesAsync());
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Saving_without_a_change_keeps_the_version_and_each_change_bumps_it_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateMigratedAsync(provider);
        await using var db = database.NewContext();
        var organisation = new Organisation { Code = "X-TEST", Name = "Test", Type = OrganisationType.OTHER };
        db.Organisations.Add(organisation);
        await db.SaveChangesAsync();
        organisation.Version.ShouldBe(0);

        organisation.Name = "Test";
        await db.SaveChangesAsync();
        organisation.Version.ShouldBe(0);

        organisation.Name = "Renamed";
        await db.SaveChangesAsync();
        organisation.Name = "Renamed again";
        await db.SaveChangesAsync();

        organisation.Version.ShouldBe(2);
        await using var check = database.NewContext();
        (await check.Organisations.SingleAsync()).Version.ShouldBe(2);
    }
}
