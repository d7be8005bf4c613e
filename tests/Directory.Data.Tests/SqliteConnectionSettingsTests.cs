using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Tests;

/// <summary>Every SQLite connection the directory opens zeroes what it deletes, keeps a 16 MB page cache and maps 256 MB of the file.</summary>
public sealed class SqliteConnectionSettingsTests
{
    [Fact]
    public async Task Each_connection_has_secure_delete_on_and_a_16_MB_page_cache_also_when_the_pool_hands_it_out_again()
    {
        await using var database = await TestDatabase.CreateMigratedAsync(DatabaseProvider.Sqlite);
        for (var use = 0; use < 2; use++)
        {
            await using var db = database.NewContext();
            (await Pragma(db, "secure_delete")).ShouldBe(1L);
            (await Pragma(db, "cache_size")).ShouldBe(-16L * 1024);
            (await Pragma(db, "mmap_size")).ShouldBe(256L * 1024 * 1024);
        }
    }

    private static async Task<object?> Pragma(DirectoryDbContext db, string name)
    {
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return await command.ExecuteScalarAsync();
    }
}
