using Microsoft.EntityFrameworkCore;

namespace Directory.Data;

/// <summary>The directory on PostgreSQL; its own type so that it finds only the migrations in Migrations/Postgres.</summary>
public sealed class PostgresDirectoryDbContext(DbContextOptions<PostgresDirectoryDbContext> options) : DirectoryDbContext(options);
