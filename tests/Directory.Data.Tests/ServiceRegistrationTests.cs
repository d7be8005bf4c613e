using Directory.Data.Import;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Directory.Data.Tests;

/// <summary>What the host calls: AddDirectoryData from configuration, then DatabaseInitializer on start.</summary>
public sealed class ServiceRegistrationTests
{
    /// <summary>
    /// The services the host registers for <paramref name="database"/>, as one service instance has them; an operator's
    /// own settings may follow its connection string (<paramref name="connectionStringSettings"/>).
    /// </summary>
    internal static ServiceProvider Services(TestDatabase database, string? commandTimeoutSeconds = null, string? connectionStringSettings = null) =>
        new ServiceCollection()
            .AddDirectoryData(new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Database:Provider"] = database.Provider.ToString(),
                ["ConnectionStrings:Directory"] = database.ConnectionString + connectionStringSettings,
                ["Database:CommandTimeoutSeconds"] = commandTimeoutSeconds,
            }).Build())
            .BuildServiceProvider();

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task On_first_start_the_bundled_sample_and_reference_lists_are_loaded_once(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database);
        using var log = new StringWriter();

        await DatabaseInitializer.InitializeAsync(services, loadSampleData: true, log, CancellationToken.None);
        var afterFirst = await database.DumpAsync();
        await DatabaseInitializer.InitializeAsync(services, loadSampleData: true, log, CancellationToken.None);

        (await database.DumpAsync()).ShouldBe(afterFirst);
        await using var db = await services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContextAsync();
        db.Provider.ShouldBe(provider);
        (await db.SurveyResponses.CountAsync()).ShouldBe(TestData.RowCount("responses.csv"));
        (await db.Organisations.CountAsync(o => o.Type == OrganisationType.ICB)).ShouldBe(42);
        (await db.Organisations.CountAsync(o => o.Type == OrganisationType.ICB && o.InScope)).ShouldBe(0);
        log.ToString().ShouldContain("Contacts: 685 inserted");
        (await DatabaseInitializer.CanConnectAsync(services)).ShouldBeTrue();
    }

    [SkippableTheory]
    [MemberData(nameof(Providers.Both), MemberType = typeof(Providers))]
    public async Task Without_sample_data_the_database_is_migrated_and_left_empty(DatabaseProvider provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var services = Services(database);

        await DatabaseInitializer.InitializeAsync(services, loadSampleData: false, TextWriter.Null, CancellationToken.None);

        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<DirectoryDbContext>();
        (await db.Database.GetPendingMigrationsAsync()).ShouldBeEmpty();
        (await db.Organisations.AnyAsync()).ShouldBeFalse();
        scope.ServiceProvider.GetRequiredService<SurveyImporter>().ShouldNotBeNull();
    }

    [Fact]
    public void Sqlite_is_the_default_provider_with_a_directory_db_file()
    {
        using var services = new ServiceCollection().AddDirectoryData(new ConfigurationBuilder().Build()).BuildServiceProvider();
        using var db = services.GetRequiredService<IDbContextFactory<DirectoryDbContext>>().CreateDbContext();

        db.ShouldBeOfType<SqliteDirectoryDbContext>();
        db.Database.GetConnectionString().ShouldBe("Data Source=directory.db");
    }

    [Fact]
    public void An_unknown_provider_is_a_configuration_error()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["Database:Provider"] = "Oracle" }).Build();

        Should.Throw<InvalidOperationException>(() => new ServiceCollection().AddDirectoryData(configuration)).Message.ShouldContain("Oracle");
    }

    [Fact]
    public void The_bundled_data_with_its_attribution_is_copied_beside_the_binaries()
    {
        File.Exists(Path.Combine(DatabaseInitializer.SampleSurveyFolder, "README.md")).ShouldBeTrue();
        File.Exists(Path.Combine(DatabaseInitializer.ReferenceFolder, "README.md")).ShouldBeTrue();
        File.ReadAllText(Path.Combine(DatabaseInitializer.ReferenceFolder, "README.md")).ShouldContain("Open Government Licence");
        System.IO.Directory.GetFiles(DatabaseInitializer.SampleSurveyFolder, "*.csv").Length.ShouldBe(9);
    }
}
