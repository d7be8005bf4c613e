using System.Text;
using Directory.Data.Configuration;
using Directory.Data.Model;
using Directory.Data.Text;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace Directory.Data;

/// <summary>
/// The directory's database: organisations, their departments and contacts, survey rounds and responses, service
/// types, contracts, partnerships and the audit log. Provider-neutral; <see cref="SqliteDirectoryDbContext"/> and
/// <see cref="PostgresDirectoryDbContext"/> exist only so that each provider finds its own migrations.
/// </summary>
public class DirectoryDbContext : DbContext
{
    public DirectoryDbContext(DbContextOptions options)
        : base(options)
    {
    }

    public DbSet<Organisation> Organisations => Set<Organisation>();

    public DbSet<Department> Departments => Set<Department>();

    public DbSet<Contact> Contacts => Set<Contact>();

    public DbSet<SurveyRound> SurveyRounds => Set<SurveyRound>();

    public DbSet<SurveyResponse> SurveyResponses => Set<SurveyResponse>();

    public DbSet<SurveyResponseLeadAnswer> SurveyResponseLeadAnswers => Set<SurveyResponseLeadAnswer>();

    public DbSet<SurveyResponseActivity> SurveyResponseActivities => Set<SurveyResponseActivity>();

    public DbSet<StaffLine> StaffLines => Set<StaffLine>();

    public DbSet<ServiceType> ServiceTypes => Set<ServiceType>();

    public DbSet<ServiceCommissioned> ServicesCommissioned => Set<ServiceCommissioned>();

    public DbSet<Contract> Contracts => Set<Contract>();

    public DbSet<ContractCoCommissioner> ContractCoCommissioners => Set<ContractCoCommissioner>();

    public DbSet<ContractServiceType> ContractServiceTypes => Set<ContractServiceType>();

    public DbSet<Partnership> Partnerships => Set<Partnership>();

    public DbSet<PartnershipMember> PartnershipMembers => Set<PartnershipMember>();

    public DbSet<AuditEntry> AuditLog => Set<AuditEntry>();

    public DbSet<ExportDetail> ExportDetails => Set<ExportDetail>();

    public DbSet<ErasureTombstone> ErasureTombstones => Set<ErasureTombstone>();

    public DbSet<CcgCoverage> CcgCoverage => Set<CcgCoverage>();

    public DbSet<CcgHealthLink> CcgHealthLinks => Set<CcgHealthLink>();

    public DbSet<FundingAward> FundingAwards => Set<FundingAward>();

    /// <summary>Which provider this context talks to.</summary>
    public DatabaseProvider Provider => Database.ProviderName switch
    {
        "Npgsql.EntityFrameworkCore.PostgreSQL" => DatabaseProvider.Postgres,
        _ => DatabaseProvider.Sqlite,
    };

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        ArgumentNullException.ThrowIfNull(configurationBuilder);

        // Enums are stored as their names: stable when members are added or reordered, identical on both
        // providers, and readable in plain SQL (GROUP BY activity gives 'MARACS', not 5).
        StoreAsString<OrganisationType>(configurationBuilder, 20);
        StoreAsString<CouncilTier>(configurationBuilder, 30);
        StoreAsString<DepartmentCategory>(configurationBuilder, 40);
        StoreAsString<ContactRole>(configurationBuilder, 30);
        StoreAsString<Seniority>(configurationBuilder, 30);
        StoreAsString<ResponseFocus>(configurationBuilder, 30);
        StoreAsString<JointCommissioningGroupAnswer>(configurationBuilder, 10);
        StoreAsString<LeadAnswer>(configurationBuilder, 40);
        StoreAsString<CommissioningActivity>(configurationBuilder, 40);
        StoreAsString<StaffResponsibility>(configurationBuilder, 30);
        StoreAsString<CommissioningArrangement>(configurationBuilder, 10);
        StoreAsString<PartnershipKind>(configurationBuilder, 40);
        StoreAsString<PartnershipRole>(configurationBuilder, 10);
        StoreAsString<FundingProgramme>(configurationBuilder, 40);
    }

    private static void StoreAsString<TEnum>(ModelConfigurationBuilder builder, int maxLength)
        where TEnum : struct, Enum =>
        builder.Properties<TEnum>().HaveConversion<string>().HaveMaxLength(maxLength);

    protected override void OnModelCreating(ModelBuilder modelBuilder)
    {
        ArgumentNullException.ThrowIfNull(modelBuilder);
        modelBuilder.ApplyConfigurationsFromAssembly(typeof(DirectoryDbContext).Assembly);

        // snake_case columns, so hand-written SQL (reports, triggers) needs no quoting on PostgreSQL.
        foreach (var entityType in modelBuilder.Model.GetEntityTypes())
        {
            foreach (var property in entityType.GetProperties())
            {
                if (property.GetColumnName() == property.Name)
                {
                    property.SetColumnName(ToSnakeCase(property.Name));
                }
            }
        }
    }

    internal static string ToSnakeCase(string name)
    {
        var builder = new StringBuilder(name.Length + 8);
        for (var i = 0; i < name.Length; i++)
        {
            var c = name[i];
            if (char.IsUpper(c) && i > 0)
            {
                builder.Append('_');
            }

            builder.Append(char.ToLowerInvariant(c));
        }

        return builder.ToString();
    }

    // Rows whose next save completes their creation rather than changing them (see CompletesCreation).
    private readonly HashSet<object> _completingCreation = new(ReferenceEqualityComparer.Instance);

    /// <summary>
    /// Marks a row inserted earlier in the current, uncommitted transaction whose next save only fills in what could
    /// not be known at insert time (references to rows inserted after it): no one outside the transaction has seen
    /// it, so that save keeps its version.
    /// </summary>
    internal void CompletesCreation(object entity) => _completingCreation.Add(entity);

    // Export details that an erasure is redacting in the current save (see PersonalDataRedaction).
    private readonly HashSet<ExportDetail> _redacting = new(ReferenceEqualityComparer.Instance);

    /// <summary>Lets the next save change an export's purpose and filter: the erasure's redaction, and nothing else.</summary>
    internal void Redacts(ExportDetail export) => _redacting.Add(export);

    // Rows whose search columns the next save recomputes although nothing of theirs changed (SearchTextMaintenance).
    private readonly HashSet<object> _reindexing = new(ReferenceEqualityComparer.Instance);

    /// <summary>Has the next save recompute these rows' search columns (filling columns a migration added).</summary>
    internal void ReindexesSearchText(IEnumerable<object> rows) => _reindexing.UnionWith(rows);

    // The transaction DirectoryDatabase.BeginWriteTransactionAsync began on this context, holding the write lock.
    private IDbContextTransaction? _writeTransaction;

    /// <summary>Records that <paramref name="transaction"/> holds the write lock, so that audit entries may be saved in it.</summary>
    internal void HoldsWriteLockIn(IDbContextTransaction transaction) => _writeTransaction = transaction;

    public override int SaveChanges(bool acceptAllChangesOnSuccess)
    {
#pragma warning disable CA2012 // completed synchronously: with synchronous: true the task never awaits
        SearchTextMaintenance.RefreshAsync(this, _reindexing, synchronous: true, CancellationToken.None).GetAwaiter().GetResult();
#pragma warning restore CA2012
        PrepareForSave();
        try
        {
            return base.SaveChanges(acceptAllChangesOnSuccess);
        }
        finally
        {
            _completingCreation.Clear();
            _redacting.Clear();
        }
    }

    public override async Task<int> SaveChangesAsync(bool acceptAllChangesOnSuccess, CancellationToken cancellationToken = default)
    {
        await SearchTextMaintenance.RefreshAsync(this, _reindexing, synchronous: false, cancellationToken);
        PrepareForSave();
        try
        {
            return await base.SaveChangesAsync(acceptAllChangesOnSuccess, cancellationToken);
        }
        finally
        {
            _completingCreation.Clear();
            _redacting.Clear();
        }
    }

    /// <summary>
    /// Sets the columns derived from a row's own values before it is inserted or updated: contacts' own search columns
    /// (the organisation and department part needs other rows: SearchTextMaintenance), organisations' search text and
    /// contracts' latest possible end. Shared with the import's direct writer, which saves without this context.
    /// </summary>
    internal static void DeriveColumns(object entity)
    {
        switch (entity)
        {
            case Contact contact:
                contact.SearchText = SearchText.Combine(contact.FullName, contact.JobTitle, contact.Email);
                break;
            case Contract contract:
                contract.LatestPossibleEndOn = Contract.LatestPossibleEnd(contract.EndOn, contract.ExtensionPattern);
                break;
            case Organisation organisation:
                organisation.SearchText = SearchTextMaintenance.OrganisationText(organisation);
                break;
        }
    }

    /// <summary>
    /// The refusal of an audit entry saved outside the write lock. Why the lock: the data version that tells whether
    /// the mapping report and the search totals kept between requests are still right is the newest audited change's
    /// id, which only works if entries become visible in id order. On PostgreSQL two transactions could otherwise
    /// commit their ids out of order (the later id first), and a reader in between would move the version past a
    /// change it never saw; writers holding the write lock commit one after the other, so their ids commit in order.
    /// </summary>
    internal const string AuditEntriesOutsideWriteLock =
        "Audit entries are saved only inside a write transaction (DirectoryDatabase.BeginWriteTransactionAsync), so that they commit in id order.";

    /// <summary>
    /// Enforces the rules every write must follow, whoever writes: the audit log is append-only and is added to only
    /// under the write lock (see <see cref="AuditEntriesOutsideWriteLock"/>), each saved change to an editable row
    /// bumps its version (the original version stays in the WHERE clause, so a concurrent
    /// writer's save fails) — derived search columns alone are no change — and contracts' latest possible end dates
    /// follow their terms (search columns: <see cref="SearchTextMaintenance"/>).
    /// </summary>
    private void PrepareForSave()
    {
        ChangeTracker.DetectChanges();
        foreach (var entry in ChangeTracker.Entries())
        {
            switch (entry.Entity)
            {
                case AuditEntry when entry.State is EntityState.Modified or EntityState.Deleted:
                    throw new InvalidOperationException("The audit log is append-only: its entries cannot be changed or deleted.");
                case ExportDetail when entry.State == EntityState.Deleted:
                case ExportDetail export when entry.State == EntityState.Modified && !_redacting.Contains(export):
                    throw new InvalidOperationException("An export's purpose and filter are kept: only an erasure may redact them.");
                case AuditEntry when entry.State == EntityState.Added && (_writeTransaction is null || Database.CurrentTransaction != _writeTransaction):
                    throw new InvalidOperationException(AuditEntriesOutsideWriteLock);
                case AuditEntry audit when entry.State == EntityState.Added && audit.OccurredAt == default:
                    audit.OccurredAt = DateTime.UtcNow;
                    break;
                case Contact or Contract when entry.State is EntityState.Added or EntityState.Modified:
                    DeriveColumns(entry.Entity);
                    break;
            }

            if (entry.Entity is IVersioned versioned && entry.State == EntityState.Modified
                && !_completingCreation.Contains(entry.Entity)
                && entry.Properties.Any(p => p.IsModified && p.Metadata.Name != nameof(IVersioned.Version)
                    && !SearchTextMaintenance.DerivedProperties.Contains(p.Metadata.Name)))
            {
                var original = (int)entry.Property(nameof(IVersioned.Version)).OriginalValue!;
                versioned.Version = original + 1;
            }
        }
    }
}
