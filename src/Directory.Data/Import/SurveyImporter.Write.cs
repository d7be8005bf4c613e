using Directory.Data.Erasure;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Import;

// Pass 3: the write. Every method streams one file in batches, loads the batch's existing rows by natural key,
// assigns the file's values (EF marks a row modified only if a value differs), counts, saves and clears the tracker.
public sealed partial class SurveyImporter
{
    private sealed class Counter(string entity)
    {
        public int Inserted { get; set; }

        public int Updated { get; set; }

        public int Unchanged { get; set; }

        public int Deleted { get; set; }

        public EntityCounts ToCounts() => new(entity, Inserted, Updated, Unchanged, Deleted);
    }

    // The ids of the responses and partnerships the folder lists: their staff lines, services and members are exactly
    // what the folder says, so rows of theirs that the folder no longer lists are deleted.
    private readonly HashSet<int> _importedResponseIds = [];
    private readonly HashSet<int> _importedPartnershipIds = [];

    private int _erasedContactsSkipped;

    // The writer of the write in progress (pass 3).
    private ImportWriter _writer = null!;

    private async Task<IReadOnlyList<EntityCounts>> WriteAsync(string folder, string surveyCode, Facts facts, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        _importedResponseIds.Clear();
        _importedPartnershipIds.Clear();
        _erasedContactsSkipped = 0;
        await using var transaction = await DirectoryDatabase.BeginWriteTransactionAsync(db, cancellationToken);
        await using var _ = UseWriter();
        try
        {
            var counts = new List<EntityCounts>();
            void Add(EntityCounts written)
            {
                counts.Add(written);
                EndStep("pass 3: " + written.Entity);
            }

            Add(await WriteServiceTypesAsync(folder, cancellationToken));
            Add(await WriteOrganisationsAsync(folder, cancellationToken));
            var (roundId, roundCounts) = await WriteSurveyRoundAsync(surveyCode, facts, cancellationToken);
            Add(roundCounts);
            Add(await WriteDepartmentsAsync(folder, facts, cancellationToken));
            Add(await WriteResponsesAsync(folder, roundId, cancellationToken));
            Add(await WriteContactsAsync(folder, roundId, cancellationToken));
            Add(await WriteStaffAsync(folder, roundId, cancellationToken));
            Add(await WriteServicesAsync(folder, roundId, cancellationToken));
            Add(await WriteContractsAsync(folder, cancellationToken));
            Add(await WritePartnershipsAsync(folder, cancellationToken));
            Add(await WriteMembersAsync(folder, cancellationToken));
            if (HasFunding(folder))
            {
                Add(await WriteFundingAwardsAsync(folder, SurveyFiles.FundingAwards, cancellationToken));
            }

            if (WritePath == ImportWritePath.Direct)
            {
                await Text.SearchTextMaintenance.RefreshContactsAsync(db, cancellationToken);
            }
            await AuditImportAsync(nameof(SurveyRound), surveyCode, counts, cancellationToken);
            await transaction.CommitAsync(cancellationToken);
            EndStep("pass 3: audit and commit");
            return counts;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Records the import in the audit log, unless it changed nothing: re-importing leaves no trace.</summary>
    private async Task AuditImportAsync(string entityType, string entityKey, List<EntityCounts> counts, CancellationToken cancellationToken)
    {
        if (counts.Any(c => c.Inserted > 0 || c.Updated > 0 || c.Deleted > 0))
        {
            db.AuditLog.Add(new AuditEntry
            {
                Actor = Actor,
                Action = "import",
                EntityType = entityType,
                EntityKey = entityKey,
                Details = SerializeCounts(counts),
            });
            await db.SaveChangesAsync(cancellationToken);
        }
    }

    /// <summary>Starts the writer of <see cref="WritePath"/> for one write; disposing the result releases its commands.</summary>
    private IAsyncDisposable UseWriter()
    {
        _writer = ImportWriter.Create(db, WritePath);
        return _writer as IAsyncDisposable ?? NothingToRelease.Instance;
    }

    private sealed class NothingToRelease : IAsyncDisposable
    {
        public static readonly NothingToRelease Instance = new();

        public ValueTask DisposeAsync() => ValueTask.CompletedTask;
    }

    /// <summary>Saves the batch's rows and counts them by what the save did; returns what it did to each (distinct) row.</summary>
    private async Task<(List<TEntity> Rows, IReadOnlyList<RowOutcome> Outcomes)> SaveBatchAsync<TEntity>(
        List<TEntity> written, Counter counter, CancellationToken cancellationToken, Func<TEntity, bool>? completesCreation = null)
        where TEntity : class
    {
        var rows = written.Distinct().ToList();
        var outcomes = await _writer.SaveAsync(rows, completesCreation, cancellationToken);
        foreach (var outcome in outcomes)
        {
            switch (outcome)
            {
                case RowOutcome.Inserted:
                    counter.Inserted++;
                    break;
                case RowOutcome.Updated:
                    counter.Updated++;
                    break;
                default:
                    counter.Unchanged++;
                    break;
            }
        }

        return (rows, outcomes);
    }

    /// <summary>
    /// Saves the second pass of a file whose rows refer to each other (references set once every row exists): a row
    /// inserted by the first pass keeps its version, and a row first changed here moves from "unchanged" to "updated".
    /// </summary>
    private async Task SaveReferencesAsync<TEntity>(List<TEntity> rows, Func<TEntity, string> key, HashSet<string> written, HashSet<string> inserted, Counter counter, CancellationToken cancellationToken)
        where TEntity : class
    {
        var outcomes = await _writer.SaveAsync(rows, e => inserted.Contains(key(e)), cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] == RowOutcome.Updated && written.Add(key(rows[i])))
            {
                counter.Unchanged--;
                counter.Updated++;
            }
        }
    }

    /// <summary>Remembers which rows of a first pass were written and which inserted, by natural key.</summary>
    private static void Remember<TEntity>((List<TEntity> Rows, IReadOnlyList<RowOutcome> Outcomes) saved, Func<TEntity, string> key, HashSet<string> written, HashSet<string> inserted)
    {
        for (var i = 0; i < saved.Rows.Count; i++)
        {
            if (saved.Outcomes[i] != RowOutcome.Unchanged)
            {
                written.Add(key(saved.Rows[i]));
            }

            if (saved.Outcomes[i] == RowOutcome.Inserted)
            {
                inserted.Add(key(saved.Rows[i]));
            }
        }
    }

    /// <summary>Deletes rows by id, in batches, inside the import's transaction; returns how many.</summary>
    private async Task<int> DeleteAsync<TEntity>(DbSet<TEntity> rows, List<int> ids, CancellationToken cancellationToken)
        where TEntity : class
    {
        var deleted = 0;
        foreach (var chunk in ids.Chunk(BatchSize))
        {
            deleted += await rows.Where(r => chunk.Contains(EF.Property<int>(r, "Id"))).ExecuteDeleteAsync(cancellationToken);
        }

        return deleted;
    }

    /// <summary>Makes <paramref name="current"/> hold exactly <paramref name="wanted"/>; true if it had to change.</summary>
    private static bool SyncSet<TItem, TValue>(List<TItem> current, IReadOnlyCollection<TValue> wanted, Func<TItem, TValue> value, Func<TValue, TItem> create)
    {
        var changed = current.RemoveAll(item => !wanted.Contains(value(item))) > 0;
        foreach (var missing in wanted.Where(w => !current.Any(item => EqualityComparer<TValue>.Default.Equals(value(item), w))).ToList())
        {
            current.Add(create(missing));
            changed = true;
        }

        return changed;
    }

    private async Task<Dictionary<string, int>> OrganisationIdsAsync(IEnumerable<string?> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.OfType<string>().Distinct().ToList();
        return await db.Organisations.AsNoTracking().Where(o => wanted.Contains(o.Code))
            .Select(o => new { o.Code, o.Id }).ToDictionaryAsync(o => o.Code, o => o.Id, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<Dictionary<string, int>> ServiceTypeIdsAsync(IEnumerable<string> codes, CancellationToken cancellationToken)
    {
        var wanted = codes.Distinct().ToList();
        return await db.ServiceTypes.AsNoTracking().Where(s => wanted.Contains(s.Code))
            .Select(s => new { s.Code, s.Id }).ToDictionaryAsync(s => s.Code, s => s.Id, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<Dictionary<string, int>> ResponseIdsAsync(int roundId, IEnumerable<string?> keys, CancellationToken cancellationToken)
    {
        var wanted = keys.OfType<string>().Distinct().ToList();
        return await db.SurveyResponses.AsNoTracking().Where(r => r.SurveyRoundId == roundId && wanted.Contains(r.Key))
            .Select(r => new { r.Key, r.Id }).ToDictionaryAsync(r => r.Key, r => r.Id, StringComparer.Ordinal, cancellationToken);
    }

    private async Task<Dictionary<(int OrganisationId, string Name), int>> DepartmentIdsAsync(IEnumerable<(int OrganisationId, string? Name)> departments, CancellationToken cancellationToken)
    {
        var wanted = departments.Where(d => d.Name is not null).Select(d => (d.OrganisationId, Name: d.Name!)).Distinct().ToList();
        var organisationIds = wanted.Select(d => d.OrganisationId).Distinct().ToList();
        var names = wanted.Select(d => d.Name).Distinct().ToList();
        var candidates = await db.Departments.AsNoTracking()
            .Where(d => organisationIds.Contains(d.OrganisationId) && names.Contains(d.Name))
            .Select(d => new { d.OrganisationId, d.Name, d.Id }).ToListAsync(cancellationToken);
        return candidates.ToDictionary(d => (d.OrganisationId, d.Name), d => d.Id);
    }

    private async Task<EntityCounts> WriteServiceTypesAsync(string folder, CancellationToken cancellationToken)
    {
        var counter = new Counter("ServiceTypes");
        foreach (var batch in Batches(folder, SurveyFiles.ServiceTypes))
        {
            var codes = batch.Select(r => r.Code).ToList();
            var existing = (await _writer.LoadAsync(db.ServiceTypes.Where(s => codes.Contains(s.Code)), cancellationToken)).ToDictionary(s => s.Code, StringComparer.Ordinal);
            var batchWritten = new List<ServiceType>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Code, out var entity))
                {
                    entity = new ServiceType { Code = row.Code, Name = row.Name, Category = row.Category };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Name = row.Name;
                entity.Category = row.Category;
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteOrganisationsAsync(string folder, CancellationToken cancellationToken)
    {
        // Two passes: organisations refer to each other (county, police force area, delegation, successor) in any
        // order, so every row must exist before the references between them are set.
        var counter = new Counter("Organisations");
        var written = new HashSet<string>(StringComparer.Ordinal);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var batch in Batches(folder, SurveyFiles.Organisations))
        {
            var codes = batch.Select(r => r.Code).ToList();
            var existing = (await _writer.LoadAsync(db.Organisations.Where(o => codes.Contains(o.Code)), cancellationToken)).ToDictionary(o => o.Code, StringComparer.Ordinal);
            var batchWritten = new List<Organisation>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Code, out var entity))
                {
                    entity = new Organisation { Code = row.Code, Name = row.Name };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Name = row.Name;
                entity.Type = row.Type;
                entity.CouncilTier = row.Tier;
                entity.Region = row.Region;
                entity.Population = row.Population;
                entity.CentralEmail = row.CentralEmail;
                entity.InScope = row.InScope;
                entity.PostalAddress = row.PostalAddress;
            }

            Remember(await SaveBatchAsync(batchWritten, counter, cancellationToken), o => o.Code, written, inserted);
        }

        foreach (var batch in Batches(folder, SurveyFiles.Organisations))
        {
            var codes = batch.Select(r => r.Code).ToList();
            var loaded = await _writer.LoadAsync(db.Organisations.Where(o => codes.Contains(o.Code)), cancellationToken);
            var existing = loaded.ToDictionary(o => o.Code, StringComparer.Ordinal);
            var ids = await OrganisationIdsAsync(
                batch.SelectMany(r => new[] { r.ParentCode, r.PoliceForceAreaCode, r.DelegatedToCode, r.MergedIntoCode }), cancellationToken);
            int? Id(string? code) => code is null ? null : ids[code];
            foreach (var row in batch)
            {
                var entity = existing[row.Code];
                entity.CountyId = Id(row.ParentCode);
                entity.PoliceForceAreaId = Id(row.PoliceForceAreaCode);
                entity.CommissioningDelegatedToId = Id(row.DelegatedToCode);
                entity.SuccessorId = Id(row.MergedIntoCode);
            }

            await SaveReferencesAsync(loaded, o => o.Code, written, inserted, counter, cancellationToken);
        }

        return counter.ToCounts();
    }

    private async Task<(int RoundId, EntityCounts Counts)> WriteSurveyRoundAsync(string surveyCode, Facts facts, CancellationToken cancellationToken)
    {
        var counter = new Counter("SurveyRounds");
        var round = (await _writer.LoadAsync(db.SurveyRounds.Where(s => s.Code == surveyCode), cancellationToken)).SingleOrDefault();
        if (round is null)
        {
            round = new SurveyRound { Code = surveyCode, Title = DefaultTitle(surveyCode) };
            _writer.Add(round);
        }

        round.OpensOn = facts.FirstSubmission;
        round.ClosesOn = facts.LastSubmission;
        await SaveBatchAsync([round], counter, cancellationToken);
        return (round.Id, counter.ToCounts());
    }

    private static string DefaultTitle(string surveyCode) => surveyCode == DefaultSurveyCode
        ? "National mapping of domestic abuse commissioning leads, 2020"
        : $"Survey {surveyCode}";

    private async Task<EntityCounts> WriteDepartmentsAsync(string folder, Facts facts, CancellationToken cancellationToken)
    {
        var counter = new Counter("Departments");
        var done = new HashSet<string>(StringComparer.Ordinal);

        // Departments are named by contacts (with a category) and by responses (the lead's department, no category).
        async Task WriteAsync(IEnumerable<(string OrgCode, string? Name)> named)
        {
            var batch = named.Where(d => d.Name is not null && done.Add(DepartmentKey(d.OrgCode, d.Name!)))
                .Select(d => (d.OrgCode, Name: d.Name!)).ToList();
            if (batch.Count == 0)
            {
                return;
            }

            var orgIds = await OrganisationIdsAsync(batch.Select(d => d.OrgCode), cancellationToken);
            var idList = orgIds.Values.ToList();
            var names = batch.Select(d => d.Name).Distinct().ToList();
            var existing = (await _writer.LoadAsync(db.Departments.Where(d => idList.Contains(d.OrganisationId) && names.Contains(d.Name)), cancellationToken))
                .ToDictionary(d => (d.OrganisationId, d.Name));
            var batchWritten = new List<Department>();
            foreach (var (orgCode, name) in batch)
            {
                var orgId = orgIds[orgCode];
                var known = facts.DepartmentCategories.TryGetValue(DepartmentKey(orgCode, name), out var category);
                if (!existing.TryGetValue((orgId, name), out var entity))
                {
                    entity = new Department { OrganisationId = orgId, Name = name };
                    _writer.Add(entity);
                    existing[(orgId, name)] = entity;
                }

                batchWritten.Add(entity);

                if (known)
                {
                    entity.Category = category;
                }
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        foreach (var batch in Batches(folder, SurveyFiles.Contacts))
        {
            await WriteAsync(batch.Select(c => (c.OrgCode, c.Department)));
        }

        foreach (var batch in Batches(folder, SurveyFiles.Responses))
        {
            await WriteAsync(batch.Select(r => (r.OrgCode, r.LeadDepartment)));
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteResponsesAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        var counter = new Counter("Responses");
        foreach (var batch in Batches(folder, SurveyFiles.Responses))
        {
            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await _writer.LoadAsync(db.SurveyResponses.Include(r => r.LeadAnswers).Include(r => r.Activities).AsSplitQuery()
                .Where(r => r.SurveyRoundId == roundId && keys.Contains(r.Key)), cancellationToken))
                .ToDictionary(r => r.Key, StringComparer.Ordinal);
            var orgIds = await OrganisationIdsAsync(batch.Select(r => r.OrgCode), cancellationToken);
            var departmentIds = await DepartmentIdsAsync(batch.Select(r => (orgIds[r.OrgCode], r.LeadDepartment)), cancellationToken);
            var batchWritten = new List<SurveyResponse>();
            foreach (var row in batch)
            {
                var isNew = !existing.TryGetValue(row.Key, out var entity);
                if (entity is null)
                {
                    entity = new SurveyResponse { Key = row.Key, SurveyRoundId = roundId };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.OrganisationId = orgIds[row.OrgCode];
                entity.SubmittedOn = row.SubmittedOn;
                entity.Focus = row.Focus;
                entity.JointCommissioningGroup = row.JointGroup;
                entity.LeadDepartmentId = row.LeadDepartment is null ? null : departmentIds[(entity.OrganisationId, row.LeadDepartment)];
                entity.OtherActivities = row.OtherActivities;
                entity.Comments = row.Comments;
                entity.ConsentPartners = row.ConsentPartners;
                entity.ConsentGovernment = row.ConsentGovernment;
                entity.ConsentVoluntarySector = row.ConsentVoluntarySector;
                var setsChanged = SyncSet(entity.LeadAnswers, row.LeadAnswers, a => a.Answer, a => new SurveyResponseLeadAnswer { Answer = a })
                    | SyncSet(entity.Activities, row.Activities, a => a.Activity, a => new SurveyResponseActivity { Activity = a });
                if (setsChanged && !isNew)
                {
                    // A changed set is a change to the response: it must bump the response's version.
                    _writer.MarkChanged(entity);
                }
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
            _importedResponseIds.UnionWith(batchWritten.Select(r => r.Id));
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteContactsAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        // Two passes, as for organisations: a manager may appear after the people they manage.
        var counter = new Counter("Contacts");
        var written = new HashSet<string>(StringComparer.Ordinal);
        var inserted = new HashSet<string>(StringComparer.Ordinal);
        var erased = await ErasedContactsAsync(cancellationToken);
        foreach (var fileBatch in Batches(folder, SurveyFiles.Contacts))
        {
            var batch = fileBatch.Where(r => !erased.Matches(r.Key, r.Email)).ToList();
            _erasedContactsSkipped += fileBatch.Count - batch.Count;
            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await _writer.LoadAsync(db.Contacts.Where(c => keys.Contains(c.Key)), cancellationToken)).ToDictionary(c => c.Key, StringComparer.Ordinal);
            var orgIds = await OrganisationIdsAsync(batch.Select(r => r.OrgCode), cancellationToken);
            var responseIds = await ResponseIdsAsync(roundId, batch.Select(r => r.ResponseKey), cancellationToken);
            var departmentIds = await DepartmentIdsAsync(batch.Select(r => (orgIds[r.OrgCode], r.Department)), cancellationToken);
            var responseIdList = responseIds.Values.ToList();
            var submittedOn = await db.SurveyResponses.AsNoTracking().Where(r => responseIdList.Contains(r.Id) && r.SubmittedOn != null)
                .Select(r => new { r.Id, SubmittedOn = r.SubmittedOn!.Value })
                .ToDictionaryAsync(r => r.Id, r => r.SubmittedOn, cancellationToken);
            var batchWritten = new List<Contact>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Key, out var entity))
                {
                    entity = new Contact { Key = row.Key, FullName = row.FullName };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.OrganisationId = orgIds[row.OrgCode];
                entity.ResponseId = row.ResponseKey is null ? null : responseIds[row.ResponseKey];
                entity.Role = row.Role;
                entity.FullName = row.FullName;
                entity.JobTitle = row.JobTitle;
                entity.DepartmentId = row.Department is null ? null : departmentIds[(entity.OrganisationId, row.Department)];
                entity.Seniority = row.Seniority;
                entity.Email = row.Email;
                entity.Phone = row.Phone;
                entity.PostalAddress = row.PostalAddress;
                entity.Note = row.Note;
                // A named commissioner's details were current when their organisation submitted the response; a later
                // verification (verifyContact) is newer and stays.
                if (row.Role == ContactRole.COMMISSIONER && entity.ResponseId is { } responseId
                    && submittedOn.TryGetValue(responseId, out var submitted)
                    && (entity.LastVerifiedOn is null || entity.LastVerifiedOn < submitted))
                {
                    entity.LastVerifiedOn = submitted;
                }
            }

            Remember(await SaveBatchAsync(batchWritten, counter, cancellationToken), c => c.Key, written, inserted);
        }

        foreach (var fileBatch in Batches(folder, SurveyFiles.Contacts))
        {
            var batch = fileBatch.Where(r => !erased.Matches(r.Key, r.Email)).ToList();
            var keys = batch.Select(r => r.Key).ToList();
            var managerKeys = batch.Select(r => r.ManagerKey).OfType<string>().Distinct().ToList();
            var loaded = await _writer.LoadAsync(db.Contacts.Where(c => keys.Contains(c.Key)), cancellationToken);
            var existing = loaded.ToDictionary(c => c.Key, StringComparer.Ordinal);
            var managerIds = await db.Contacts.AsNoTracking().Where(c => managerKeys.Contains(c.Key))
                .Select(c => new { c.Key, c.Id }).ToDictionaryAsync(c => c.Key, c => c.Id, StringComparer.Ordinal, cancellationToken);
            foreach (var row in batch)
            {
                // An erased manager is not there: the people they managed are imported without one.
                existing[row.Key].ManagerId = row.ManagerKey is not null && managerIds.TryGetValue(row.ManagerKey, out var managerId) ? managerId : null;
            }

            await SaveReferencesAsync(loaded, c => c.Key, written, inserted, counter, cancellationToken);
        }

        return counter.ToCounts();
    }

    /// <summary>The erasure tombstones, read whole: there is one per erased person, few next to the contacts.</summary>
    private async Task<ErasedContacts> ErasedContactsAsync(CancellationToken cancellationToken)
    {
        var tombstones = await db.ErasureTombstones.AsNoTracking().Select(t => new { t.ContactKey, t.EmailDigest }).ToListAsync(cancellationToken);
        return new ErasedContacts(
            tombstones.Select(t => t.ContactKey).ToHashSet(StringComparer.Ordinal),
            tombstones.Select(t => t.EmailDigest).OfType<string>().ToHashSet(StringComparer.Ordinal),
            pseudonymKeys ?? PseudonymKeys.Default);
    }

    private sealed record ErasedContacts(HashSet<string> Keys, HashSet<string> EmailDigests, PseudonymKeys PseudonymKeys)
    {
        public bool Matches(string key, string? email) =>
            Keys.Contains(key) || (email is not null && EmailDigests.Count > 0 && PseudonymKeys.AllDigests(email).Any(EmailDigests.Contains));
    }

    private async Task<EntityCounts> WriteStaffAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        var counter = new Counter("StaffLines");
        var seen = new HashSet<(int ResponseId, int LineNo)>();
        foreach (var batch in Batches(folder, SurveyFiles.Staff))
        {
            var responseIds = await ResponseIdsAsync(roundId, batch.Select(r => r.ResponseKey), cancellationToken);
            var idList = responseIds.Values.ToList();
            var existing = (await _writer.LoadAsync(db.StaffLines.Where(s => idList.Contains(s.ResponseId)), cancellationToken))
                .ToDictionary(s => (s.ResponseId, s.LineNo));
            var batchWritten = new List<StaffLine>();
            foreach (var row in batch)
            {
                var responseId = responseIds[row.ResponseKey];
                if (!existing.TryGetValue((responseId, row.LineNo), out var entity))
                {
                    entity = new StaffLine { ResponseId = responseId, LineNo = row.LineNo };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Responsibility = row.Responsibility;
                entity.Seniority = row.Seniority;
                entity.Fte = row.Fte;
                seen.Add((responseId, row.LineNo));
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        var stale = await db.StaffLines.AsNoTracking().Where(l => l.Response.SurveyRoundId == roundId)
            .Select(l => new { l.Id, l.ResponseId, l.LineNo }).AsAsyncEnumerable()
            .Where(l => _importedResponseIds.Contains(l.ResponseId) && !seen.Contains((l.ResponseId, l.LineNo)))
            .Select(l => l.Id).ToListAsync(cancellationToken);
        counter.Deleted = await DeleteAsync(db.StaffLines, stale, cancellationToken);
        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteServicesAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        var counter = new Counter("ServicesCommissioned");
        var seen = new HashSet<(int ResponseId, int ServiceTypeId)>();
        foreach (var batch in Batches(folder, SurveyFiles.Services))
        {
            var responseIds = await ResponseIdsAsync(roundId, batch.Select(r => r.ResponseKey), cancellationToken);
            var typeIds = await ServiceTypeIdsAsync(batch.Select(r => r.ServiceCode), cancellationToken);
            var idList = responseIds.Values.ToList();
            var existing = (await _writer.LoadAsync(db.ServicesCommissioned.Where(s => idList.Contains(s.ResponseId)), cancellationToken))
                .ToDictionary(s => (s.ResponseId, s.ServiceTypeId));
            var batchWritten = new List<ServiceCommissioned>();
            foreach (var row in batch)
            {
                var key = (responseIds[row.ResponseKey], typeIds[row.ServiceCode]);
                if (!existing.TryGetValue(key, out var entity))
                {
                    entity = new ServiceCommissioned { ResponseId = key.Item1, ServiceTypeId = key.Item2 };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Commissioning = row.Commissioning;
                entity.WomenOnly = row.WomenOnly;
                seen.Add(key);
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        var stale = await db.ServicesCommissioned.AsNoTracking().Where(c => c.Response.SurveyRoundId == roundId)
            .Select(c => new { c.Id, c.ResponseId, c.ServiceTypeId }).AsAsyncEnumerable()
            .Where(c => _importedResponseIds.Contains(c.ResponseId) && !seen.Contains((c.ResponseId, c.ServiceTypeId)))
            .Select(c => c.Id).ToListAsync(cancellationToken);
        counter.Deleted = await DeleteAsync(db.ServicesCommissioned, stale, cancellationToken);
        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteContractsAsync(string folder, CancellationToken cancellationToken)
    {
        var counter = new Counter("Contracts");
        foreach (var batch in Batches(folder, SurveyFiles.Contracts))
        {
            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await _writer.LoadAsync(db.Contracts.Include(c => c.CoCommissioners).Include(c => c.ServiceTypes).AsSplitQuery()
                .Where(c => keys.Contains(c.Key)), cancellationToken)).ToDictionary(c => c.Key, StringComparer.Ordinal);
            var orgIds = await OrganisationIdsAsync(
                batch.SelectMany(r => r.CoCommissionerCodes.Append(r.ProviderCode).Append(r.LeadCode)), cancellationToken);
            var typeIds = await ServiceTypeIdsAsync(batch.SelectMany(r => r.ServiceCodes), cancellationToken);
            var batchWritten = new List<Contract>();
            foreach (var row in batch)
            {
                var isNew = !existing.TryGetValue(row.Key, out var entity);
                if (entity is null)
                {
                    entity = new Contract { Key = row.Key, Title = row.Title };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Title = row.Title;
                entity.ProviderId = orgIds[row.ProviderCode];
                entity.LeadCommissionerId = orgIds[row.LeadCode];
                entity.StartOn = row.StartOn;
                entity.EndOn = row.EndOn;
                entity.AnnualValue = row.AnnualValue;
                entity.ExtensionPattern = row.ExtensionPattern;
                entity.RefugeUnits = row.RefugeUnits;
                var coCommissioners = row.CoCommissionerCodes.Select(c => orgIds[c]).ToList();
                var serviceTypes = row.ServiceCodes.Select(c => typeIds[c]).ToList();
                var setsChanged = SyncSet(entity.CoCommissioners, coCommissioners, c => c.OrganisationId, id => new ContractCoCommissioner { OrganisationId = id })
                    | SyncSet(entity.ServiceTypes, serviceTypes, s => s.ServiceTypeId, id => new ContractServiceType { ServiceTypeId = id });
                if (setsChanged && !isNew)
                {
                    _writer.MarkChanged(entity);
                }
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WritePartnershipsAsync(string folder, CancellationToken cancellationToken)
    {
        var counter = new Counter("Partnerships");
        foreach (var batch in Batches(folder, SurveyFiles.Partnerships))
        {
            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await _writer.LoadAsync(db.Partnerships.Where(p => keys.Contains(p.Key)), cancellationToken)).ToDictionary(p => p.Key, StringComparer.Ordinal);
            var orgIds = await OrganisationIdsAsync(batch.Select(r => r.LeadCode), cancellationToken);
            var batchWritten = new List<Partnership>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Key, out var entity))
                {
                    entity = new Partnership { Key = row.Key, Name = row.Name };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Name = row.Name;
                entity.Kind = row.Kind;
                entity.LeadOrganisationId = orgIds[row.LeadCode];
                entity.EstablishedOn = row.EstablishedOn;
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
            _importedPartnershipIds.UnionWith(batchWritten.Select(p => p.Id));
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteMembersAsync(string folder, CancellationToken cancellationToken)
    {
        var counter = new Counter("PartnershipMembers");
        var seen = new HashSet<(int PartnershipId, int OrganisationId)>();
        foreach (var batch in Batches(folder, SurveyFiles.Members))
        {
            var partnershipKeys = batch.Select(r => r.PartnershipKey).Distinct().ToList();
            var partnershipIds = await db.Partnerships.AsNoTracking().Where(p => partnershipKeys.Contains(p.Key))
                .Select(p => new { p.Key, p.Id }).ToDictionaryAsync(p => p.Key, p => p.Id, StringComparer.Ordinal, cancellationToken);
            var orgIds = await OrganisationIdsAsync(batch.Select(r => r.OrgCode), cancellationToken);
            var idList = partnershipIds.Values.ToList();
            var existing = (await _writer.LoadAsync(db.PartnershipMembers.Where(m => idList.Contains(m.PartnershipId)), cancellationToken))
                .ToDictionary(m => (m.PartnershipId, m.OrganisationId));
            var batchWritten = new List<PartnershipMember>();
            foreach (var row in batch)
            {
                var key = (partnershipIds[row.PartnershipKey], orgIds[row.OrgCode]);
                if (!existing.TryGetValue(key, out var entity))
                {
                    entity = new PartnershipMember { PartnershipId = key.Item1, OrganisationId = key.Item2 };
                    _writer.Add(entity);
                    existing[key] = entity;
                }

                batchWritten.Add(entity);

                entity.Role = row.Role;
                seen.Add(key);
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        // Members of the folder's partnerships that it no longer lists; read whole, as there are few per partnership.
        var stale = (await db.PartnershipMembers.AsNoTracking().Select(m => new { m.PartnershipId, m.OrganisationId }).ToListAsync(cancellationToken))
            .Where(m => _importedPartnershipIds.Contains(m.PartnershipId) && !seen.Contains((m.PartnershipId, m.OrganisationId)))
            .ToList();
        foreach (var member in stale)
        {
            await db.PartnershipMembers.Where(m => m.PartnershipId == member.PartnershipId && m.OrganisationId == member.OrganisationId)
                .ExecuteDeleteAsync(cancellationToken);
        }

        counter.Deleted = stale.Count;
        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteFundingAwardsAsync(string folder, SurveyFile<FundingAwardRow> file, CancellationToken cancellationToken)
    {
        var counter = new Counter("FundingAwards");
        foreach (var batch in Batches(folder, file))
        {
            var keys = batch.Select(r => r.Key).ToList();
            var existing = (await _writer.LoadAsync(db.FundingAwards.Where(f => keys.Contains(f.Key)), cancellationToken)).ToDictionary(f => f.Key, StringComparer.Ordinal);
            var orgIds = await OrganisationIdsAsync(batch.Select(r => r.RecipientCode), cancellationToken);
            var batchWritten = new List<FundingAward>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Key, out var entity))
                {
                    entity = new FundingAward { Key = row.Key, Funder = row.Funder, FinancialYear = row.FinancialYear };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.Programme = row.Programme;
                entity.Funder = row.Funder;
                entity.RecipientId = orgIds[row.RecipientCode];
                entity.FinancialYear = row.FinancialYear;
                entity.Amount = row.Amount;
                entity.Purpose = row.Purpose;
                entity.Source = row.Source;
            }

            await SaveBatchAsync(batchWritten, counter, cancellationToken);
        }

        return counter.ToCounts();
    }
}
