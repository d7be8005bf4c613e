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

    // The stored organisations, departments and contacts this write changed: the stored contacts whose organisation text
    // the direct writer leaves to SearchTextMaintenance.RefreshContactsAsync (a new contact is given its text here).
    private readonly HashSet<int> _writtenOrganisationIds = [];
    private readonly HashSet<int> _writtenDepartmentIds = [];
    private readonly HashSet<int> _writtenContactIds = [];

    // The writer of the write in progress (pass 3).
    private ImportWriter _writer = null!;

    // The id of every row a later file may refer to, by natural key: read once when the write starts and kept up to
    // date as rows are inserted, so that no batch asks the database for the ids of what it refers to, and a batch
    // whose keys are all new loads nothing (a first import reads no stored rows at all).
    private readonly Dictionary<string, int> _organisationIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, (string Name, OrganisationType Type)> _organisationNames = [];
    private readonly Dictionary<string, int> _serviceTypeIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _responseIds = new(StringComparer.Ordinal);
    private readonly Dictionary<int, DateOnly> _responseSubmittedOn = [];
    private readonly Dictionary<(int OrganisationId, string Name), int> _departmentIds = [];
    private readonly Dictionary<string, int> _contactIds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _partnershipIds = new(StringComparer.Ordinal);

    // Responses and partnerships inserted by this write: they have no stored staff lines, services or members to load.
    private readonly HashSet<int> _insertedResponseIds = [];
    private readonly HashSet<int> _insertedPartnershipIds = [];

    /// <summary>Reads the ids of the directory-wide rows files refer to (the round's responses are read with the round).</summary>
    private async Task ReadIdsAsync(CancellationToken cancellationToken)
    {
        _organisationIds.Clear();
        _organisationNames.Clear();
        _serviceTypeIds.Clear();
        _responseIds.Clear();
        _responseSubmittedOn.Clear();
        _departmentIds.Clear();
        _contactIds.Clear();
        _partnershipIds.Clear();
        _insertedResponseIds.Clear();
        _insertedPartnershipIds.Clear();
        await foreach (var o in db.Organisations.AsNoTracking().Select(o => new { o.Code, o.Id, o.Name, o.Type }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _organisationIds[o.Code] = o.Id;
            _organisationNames[o.Id] = (o.Name, o.Type);
        }

        await foreach (var t in db.ServiceTypes.AsNoTracking().Select(t => new { t.Code, t.Id }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _serviceTypeIds[t.Code] = t.Id;
        }

        await foreach (var d in db.Departments.AsNoTracking().Select(d => new { d.OrganisationId, d.Name, d.Id }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _departmentIds[(d.OrganisationId, d.Name)] = d.Id;
        }

        await foreach (var c in db.Contacts.AsNoTracking().Select(c => new { c.Key, c.Id }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _contactIds[c.Key] = c.Id;
        }

        await foreach (var p in db.Partnerships.AsNoTracking().Select(p => new { p.Key, p.Id }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _partnershipIds[p.Key] = p.Id;
        }
    }

    private async Task ReadResponseIdsAsync(int roundId, CancellationToken cancellationToken)
    {
        await foreach (var r in db.SurveyResponses.AsNoTracking().Where(r => r.SurveyRoundId == roundId)
                           .Select(r => new { r.Key, r.Id, r.SubmittedOn }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            _responseIds[r.Key] = r.Id;
            if (r.SubmittedOn is { } submitted)
            {
                _responseSubmittedOn[r.Id] = submitted;
            }
        }
    }

    /// <summary>Records the ids of a save's rows (new rows have theirs only now); returns the ids of those it inserted.</summary>
    private static IEnumerable<int> RecordIds<TEntity, TKey>((List<TEntity> Rows, IReadOnlyList<RowOutcome> Outcomes) saved, Dictionary<TKey, int> ids, Func<TEntity, TKey> key, Func<TEntity, int> id)
        where TKey : notnull
    {
        for (var i = 0; i < saved.Rows.Count; i++)
        {
            ids[key(saved.Rows[i])] = id(saved.Rows[i]);
            if (saved.Outcomes[i] == RowOutcome.Inserted)
            {
                yield return id(saved.Rows[i]);
            }
        }
    }

    /// <summary>The keys of <paramref name="keys"/> that are stored already (the only ones worth loading).</summary>
    private static List<TKey> Stored<TKey>(IEnumerable<TKey> keys, Dictionary<TKey, int> ids)
        where TKey : notnull => keys.Where(ids.ContainsKey).ToList();

    /// <summary>
    /// Whether any of the folder's parents (responses, partnerships) was stored before this write. Only such a parent
    /// can have stored child rows the folder no longer lists: a parent this write inserted has a new id and exactly the
    /// children this write gave it. A first import therefore skips reading back every staff line, service and member it
    /// has just written to look for stale ones (242,600 services at ×100).
    /// </summary>
    private static bool AnyStoredBefore(HashSet<int> imported, HashSet<int> inserted) => !inserted.IsSupersetOf(imported);

    /// <summary>The ids of the responses named that were stored before this write (only theirs can have stored lines).</summary>
    private List<int> StoredResponses(IEnumerable<string> keys) =>
        keys.Select(k => _responseIds[k]).Where(id => !_insertedResponseIds.Contains(id)).Distinct().ToList();

    /// <summary>The stored rows of <paramref name="query"/> by key, loaded through the writer; no query when <paramref name="anyStored"/> is false.</summary>
    private async Task<Dictionary<TKey, TEntity>> LoadAsync<TEntity, TKey>(bool anyStored, Func<IQueryable<TEntity>> query, Func<TEntity, TKey> key, CancellationToken cancellationToken)
        where TEntity : class
        where TKey : notnull
    {
        var rows = anyStored ? await _writer.LoadAsync(query(), cancellationToken) : [];
        return rows.ToDictionary(key);
    }

    private async Task<IReadOnlyList<EntityCounts>> WriteAsync(string folder, string surveyCode, Facts facts, CancellationToken cancellationToken)
    {
        db.ChangeTracker.Clear();
        _importedResponseIds.Clear();
        _importedPartnershipIds.Clear();
        _writtenOrganisationIds.Clear();
        _writtenDepartmentIds.Clear();
        _writtenContactIds.Clear();
        _erasedContactsSkipped = 0;
        await using var _ = await UseWriterAsync(cancellationToken);
        await ReadIdsAsync(cancellationToken);
        try
        {
            var counts = new List<EntityCounts>();
            async Task AddAsync(EntityCounts written)
            {
                await _writer.FlushAsync(cancellationToken); // the file's table complete before anything reads it
                counts.Add(written);
                EndStep("pass 3: " + written.Entity);
            }

            await AddAsync(await WriteServiceTypesAsync(folder, cancellationToken));
            await AddAsync(await WriteOrganisationsAsync(folder, cancellationToken));
            var (roundId, roundCounts) = await WriteSurveyRoundAsync(surveyCode, facts, cancellationToken);
            await AddAsync(roundCounts);
            await ReadResponseIdsAsync(roundId, cancellationToken);
            await AddAsync(await WriteDepartmentsAsync(facts, cancellationToken));
            await AddAsync(await WriteResponsesAsync(folder, roundId, cancellationToken));
            await AddAsync(await WriteContactsAsync(folder, roundId, cancellationToken));
            await AddAsync(await WriteStaffAsync(folder, roundId, cancellationToken));
            await AddAsync(await WriteServicesAsync(folder, roundId, cancellationToken));
            await AddAsync(await WriteContractsAsync(folder, cancellationToken));
            await AddAsync(await WritePartnershipsAsync(folder, cancellationToken));
            await AddAsync(await WriteMembersAsync(folder, cancellationToken));
            if (HasFunding(folder))
            {
                await AddAsync(await WriteFundingAwardsAsync(folder, SurveyFiles.FundingAwards, cancellationToken));
            }

            if (WritePath == ImportWritePath.Direct)
            {
                await Text.SearchTextMaintenance.RefreshContactsAsync(db, _writtenOrganisationIds, _writtenDepartmentIds, _writtenContactIds, cancellationToken);
            }
            await AuditImportAsync(nameof(SurveyRound), surveyCode, counts, cancellationToken);
            await _writer.CommitAsync(cancellationToken);
            EndStep("pass 3: audit and commit");
            return counts;
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>
    /// Records the import in the audit log, unless it changed nothing: re-importing leaves no trace. Written through the
    /// import's writer like every other row: the direct writer's one INSERT, where the context's SaveChanges would first
    /// compile EF Core's whole update pipeline for this one row (≈ 0.15 s of CPU per import, docs/benchmarks.md).
    /// </summary>
    private async Task AuditImportAsync(string entityType, string entityKey, List<EntityCounts> counts, CancellationToken cancellationToken)
    {
        if (counts.Any(c => c.Inserted > 0 || c.Updated > 0 || c.Deleted > 0))
        {
            var entry = new AuditEntry
            {
                OccurredAt = DateTime.UtcNow, // what SaveChanges would give it; the direct writer saves without it
                Actor = Actor,
                Action = "import",
                EntityType = entityType,
                EntityKey = entityKey,
                Details = SerializeCounts(counts),
            };
            _writer.Add(entry);
            await _writer.SaveAsync([entry], completesCreation: null, cancellationToken);
        }
    }

    /// <summary>Starts the writer of <see cref="WritePath"/> and the transaction of one write; disposing the result ends both.</summary>
    private async Task<IAsyncDisposable> UseWriterAsync(CancellationToken cancellationToken) =>
        _writer = await ImportWriter.StartAsync(db, WritePath, cancellationToken);

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
    /// Saves the second pass of a file whose rows refer to each other (references that were ahead of their rows, set
    /// once every row exists): a row the first pass wrote (inserted, or updated with its version raised) keeps its
    /// version, and a row first changed here moves from "unchanged" to "updated".
    /// </summary>
    private async Task SaveReferencesAsync<TEntity>(List<TEntity> rows, Func<TEntity, string> key, HashSet<string> written, Counter counter, CancellationToken cancellationToken)
        where TEntity : class
    {
        var outcomes = await _writer.SaveAsync(rows, e => written.Contains(key(e)), cancellationToken);
        for (var i = 0; i < rows.Count; i++)
        {
            if (outcomes[i] == RowOutcome.Updated && written.Add(key(rows[i])))
            {
                counter.Unchanged--;
                counter.Updated++;
            }
        }
    }

    /// <summary>Remembers which rows of a first pass were written (inserted or updated), by natural key.</summary>
    private static void Remember<TEntity>((List<TEntity> Rows, IReadOnlyList<RowOutcome> Outcomes) saved, Func<TEntity, string> key, HashSet<string> written)
    {
        for (var i = 0; i < saved.Rows.Count; i++)
        {
            if (saved.Outcomes[i] != RowOutcome.Unchanged)
            {
                written.Add(key(saved.Rows[i]));
            }
        }
    }

    /// <summary>Adds the ids of the stored rows a save changed to <paramref name="ids"/>.</summary>
    private static void AddUpdated<TEntity>((List<TEntity> Rows, IReadOnlyList<RowOutcome> Outcomes) saved, Func<TEntity, int> id, HashSet<int> ids)
    {
        for (var i = 0; i < saved.Rows.Count; i++)
        {
            if (saved.Outcomes[i] == RowOutcome.Updated)
            {
                ids.Add(id(saved.Rows[i]));
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

    private async Task<EntityCounts> WriteServiceTypesAsync(string folder, CancellationToken cancellationToken)
    {
        var counter = new Counter("ServiceTypes");
        foreach (var batch in Batches(folder, SurveyFiles.ServiceTypes))
        {
            var codes = Stored(batch.Select(r => r.Code), _serviceTypeIds);
            var existing = await LoadAsync(codes.Count > 0, () => db.ServiceTypes.Where(s => codes.Contains(s.Code)), s => s.Code, cancellationToken);
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

            _ = RecordIds(await SaveBatchAsync(batchWritten, counter, cancellationToken), _serviceTypeIds, t => t.Code, t => t.Id).Count();
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteOrganisationsAsync(string folder, CancellationToken cancellationToken)
    {
        // Organisations refer to each other (county, police force area, delegation, successor) in any order. Where the
        // writer can refer ahead (SQLite: foreign keys checked at commit), an organisation not yet written is given
        // its id as soon as it is first named, so every row is inserted with its references in one pass. Elsewhere a
        // reference to a row not written yet is left out and set by a second pass over only the rows that had one.
        var counter = new Counter("Organisations");
        var written = new HashSet<string>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var ids = _writer.CanReferAhead ? await _writer.NextIdsAsync<Organisation>(cancellationToken) : null;
        var reserved = new Dictionary<string, int>(StringComparer.Ordinal);
        int? Reference(string? code, ref bool ahead)
        {
            if (code is null)
            {
                return null;
            }

            if (_organisationIds.TryGetValue(code, out var id) || reserved.TryGetValue(code, out id))
            {
                return id;
            }

            if (ids is not null)
            {
                return reserved[code] = ids.Next();
            }

            ahead = true;
            return null;
        }

        foreach (var batch in Batches(folder, SurveyFiles.Organisations))
        {
            var codes = Stored(batch.Select(r => r.Code), _organisationIds);
            var existing = await LoadAsync(codes.Count > 0, () => db.Organisations.Where(o => codes.Contains(o.Code)), o => o.Code, cancellationToken);
            var batchWritten = new List<Organisation>();
            foreach (var row in batch)
            {
                if (!existing.TryGetValue(row.Code, out var entity))
                {
                    entity = new Organisation { Code = row.Code, Name = row.Name };
                    if (ids is not null)
                    {
                        // Kept in reserved: a later row of this batch may name it before its id is recorded.
                        entity.Id = reserved.TryGetValue(row.Code, out var id) ? id : reserved[row.Code] = ids.Next();
                    }

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
                var ahead = false;
                entity.CountyId = Reference(row.ParentCode, ref ahead);
                entity.PoliceForceAreaId = Reference(row.PoliceForceAreaCode, ref ahead);
                entity.CommissioningDelegatedToId = Reference(row.DelegatedToCode, ref ahead);
                entity.SuccessorId = Reference(row.MergedIntoCode, ref ahead);
                if (ahead)
                {
                    pending.Add(row.Code);
                }
            }

            var saved = await SaveBatchAsync(batchWritten, counter, cancellationToken);
            Remember(saved, o => o.Code, written);
            AddUpdated(saved, o => o.Id, _writtenOrganisationIds);
            _ = RecordIds(saved, _organisationIds, o => o.Code, o => o.Id).Count();
            foreach (var organisation in saved.Rows)
            {
                _organisationNames[organisation.Id] = (organisation.Name, organisation.Type);
            }
        }

        foreach (var batch in PendingBatches(folder, SurveyFiles.Organisations, pending, r => r.Code))
        {
            var codes = batch.Select(r => r.Code).ToList();
            var loaded = await _writer.LoadAsync(db.Organisations.Where(o => codes.Contains(o.Code)), cancellationToken);
            var existing = loaded.ToDictionary(o => o.Code, StringComparer.Ordinal);
            int? Id(string? code) => code is null ? null : _organisationIds[code];
            foreach (var row in batch)
            {
                var entity = existing[row.Code];
                entity.CountyId = Id(row.ParentCode);
                entity.PoliceForceAreaId = Id(row.PoliceForceAreaCode);
                entity.CommissioningDelegatedToId = Id(row.DelegatedToCode);
                entity.SuccessorId = Id(row.MergedIntoCode);
            }

            await SaveReferencesAsync(loaded, o => o.Code, written, counter, cancellationToken);
        }

        return counter.ToCounts();
    }

    /// <summary>
    /// The batches of a file's rows whose keys are in <paramref name="pending"/> (rows written before what they refer
    /// to); the file is not read again when none are.
    /// </summary>
    private IEnumerable<List<TRow>> PendingBatches<TRow>(string folder, SurveyFile<TRow> file, HashSet<string> pending, Func<TRow, string> key)
        where TRow : class =>
        pending.Count == 0 ? [] : Batches(folder, file).Select(b => b.Where(r => pending.Contains(key(r))).ToList()).Where(b => b.Count > 0);

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

    private async Task<EntityCounts> WriteDepartmentsAsync(Facts facts, CancellationToken cancellationToken)
    {
        var counter = new Counter("Departments");
        var done = new HashSet<string>(StringComparer.Ordinal);

        // Departments are named by contacts (with a category) and by responses (the lead's department, no category).
        async Task WriteAsync(IEnumerable<(string OrgCode, string Name)> named)
        {
            var batch = named.Where(d => done.Add(DepartmentKey(d.OrgCode, d.Name))).ToList();
            if (batch.Count == 0)
            {
                return;
            }

            var stored = Stored(batch.Select(d => (_organisationIds[d.OrgCode], d.Name)), _departmentIds);
            var idList = stored.Select(d => _departmentIds[d]).ToList();
            var existing = await LoadAsync(stored.Count > 0, () => db.Departments.Where(d => idList.Contains(d.Id)), d => (d.OrganisationId, d.Name), cancellationToken);
            var batchWritten = new List<Department>();
            foreach (var (orgCode, name) in batch)
            {
                var orgId = _organisationIds[orgCode];
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

            var saved = await SaveBatchAsync(batchWritten, counter, cancellationToken);
            AddUpdated(saved, d => d.Id, _writtenDepartmentIds);
            _ = RecordIds(saved, _departmentIds, d => (d.OrganisationId, d.Name), d => d.Id).Count();
        }

        foreach (var batch in facts.ContactDepartments.Concat(facts.ResponseDepartments).Chunk(BatchSize))
        {
            await WriteAsync(batch);
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteResponsesAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        var counter = new Counter("Responses");
        foreach (var batch in Batches(folder, SurveyFiles.Responses))
        {
            var keys = Stored(batch.Select(r => r.Key), _responseIds);
            var existing = await LoadAsync(keys.Count > 0, () => db.SurveyResponses.Include(r => r.LeadAnswers).Include(r => r.Activities).AsSplitQuery()
                .Where(r => r.SurveyRoundId == roundId && keys.Contains(r.Key)), r => r.Key, cancellationToken);
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

                entity.OrganisationId = _organisationIds[row.OrgCode];
                entity.SubmittedOn = row.SubmittedOn;
                entity.Focus = row.Focus;
                entity.JointCommissioningGroup = row.JointGroup;
                entity.LeadDepartmentId = row.LeadDepartment is null ? null : _departmentIds[(entity.OrganisationId, row.LeadDepartment)];
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

            var saved = await SaveBatchAsync(batchWritten, counter, cancellationToken);
            _insertedResponseIds.UnionWith(RecordIds(saved, _responseIds, r => r.Key, r => r.Id));
            foreach (var response in saved.Rows)
            {
                if (response.SubmittedOn is { } submitted)
                {
                    _responseSubmittedOn[response.Id] = submitted;
                }
                else
                {
                    _responseSubmittedOn.Remove(response.Id);
                }
            }

            _importedResponseIds.UnionWith(batchWritten.Select(r => r.Id));
        }

        return counter.ToCounts();
    }

    private async Task<EntityCounts> WriteContactsAsync(string folder, int roundId, CancellationToken cancellationToken)
    {
        // As for organisations: a manager named before their row is written is set by a second pass over only the
        // rows that named one (contacts are not given ids ahead: an erased manager is skipped, never written).
        var counter = new Counter("Contacts");
        var written = new HashSet<string>(StringComparer.Ordinal);
        var pending = new HashSet<string>(StringComparer.Ordinal);
        var erased = await ErasedContactsAsync(cancellationToken);
        foreach (var fileBatch in Batches(folder, SurveyFiles.Contacts))
        {
            var batch = fileBatch.Where(r => !erased.Matches(r.Key, r.Email)).ToList();
            _erasedContactsSkipped += fileBatch.Count - batch.Count;
            var keys = Stored(batch.Select(r => r.Key), _contactIds);
            var existing = await LoadAsync(keys.Count > 0, () => db.Contacts.Where(c => keys.Contains(c.Key)), c => c.Key, cancellationToken);
            var batchWritten = new List<Contact>();
            foreach (var row in batch)
            {
                var isNew = !existing.TryGetValue(row.Key, out var entity);
                if (entity is null)
                {
                    entity = new Contact { Key = row.Key, FullName = row.FullName };
                    _writer.Add(entity);
                }

                batchWritten.Add(entity);

                entity.OrganisationId = _organisationIds[row.OrgCode];
                entity.ResponseId = row.ResponseKey is null ? null : _responseIds[row.ResponseKey];
                entity.Role = row.Role;
                entity.FullName = row.FullName;
                entity.JobTitle = row.JobTitle;
                entity.DepartmentId = row.Department is null ? null : _departmentIds[(entity.OrganisationId, row.Department)];
                entity.Seniority = row.Seniority;
                entity.Email = row.Email;
                entity.Phone = row.Phone;
                entity.PostalAddress = row.PostalAddress;
                entity.Note = row.Note;
                entity.ManagerId = row.ManagerKey is not null && _contactIds.TryGetValue(row.ManagerKey, out var managerId) ? managerId : null;
                if (row.ManagerKey is not null && entity.ManagerId is null)
                {
                    pending.Add(row.Key);
                }

                if (isNew)
                {
                    // Indexed once, as inserted: setting it later would make the search index delete and add the row again.
                    var (organisationName, organisationType) = _organisationNames[entity.OrganisationId];
                    entity.OrganisationSearchText = Text.SearchTextMaintenance.ContactOrganisationText(organisationName, organisationType, row.Department);
                    entity.OrganisationName = organisationName;
                }

                // A named commissioner's details were current when their organisation submitted the response; a later
                // verification (verifyContact) is newer and stays.
                if (row.Role == ContactRole.COMMISSIONER && entity.ResponseId is { } responseId
                    && _responseSubmittedOn.TryGetValue(responseId, out var submitted)
                    && (entity.LastVerifiedOn is null || entity.LastVerifiedOn < submitted))
                {
                    entity.LastVerifiedOn = submitted;
                }
            }

            var saved = await SaveBatchAsync(batchWritten, counter, cancellationToken);
            Remember(saved, c => c.Key, written);
            AddUpdated(saved, c => c.Id, _writtenContactIds);
            _ = RecordIds(saved, _contactIds, c => c.Key, c => c.Id).Count();
        }

        foreach (var batch in PendingBatches(folder, SurveyFiles.Contacts, pending, r => r.Key))
        {
            var keys = batch.Select(r => r.Key).ToList();
            var loaded = await _writer.LoadAsync(db.Contacts.Where(c => keys.Contains(c.Key)), cancellationToken);
            var existing = loaded.ToDictionary(c => c.Key, StringComparer.Ordinal);
            foreach (var row in batch)
            {
                // An erased manager is not there: the people they managed are imported without one.
                existing[row.Key].ManagerId = row.ManagerKey is not null && _contactIds.TryGetValue(row.ManagerKey, out var managerId) ? managerId : null;
            }

            await SaveReferencesAsync(loaded, c => c.Key, written, counter, cancellationToken);
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
            var idList = StoredResponses(batch.Select(r => r.ResponseKey));
            var existing = await LoadAsync(idList.Count > 0, () => db.StaffLines.Where(s => idList.Contains(s.ResponseId)), s => (s.ResponseId, s.LineNo), cancellationToken);
            var batchWritten = new List<StaffLine>();
            foreach (var row in batch)
            {
                var responseId = _responseIds[row.ResponseKey];
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

        var stale = !AnyStoredBefore(_importedResponseIds, _insertedResponseIds) ? [] : await db.StaffLines.AsNoTracking().Where(l => l.Response.SurveyRoundId == roundId)
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
            var idList = StoredResponses(batch.Select(r => r.ResponseKey));
            var existing = await LoadAsync(idList.Count > 0, () => db.ServicesCommissioned.Where(s => idList.Contains(s.ResponseId)), s => (s.ResponseId, s.ServiceTypeId), cancellationToken);
            var batchWritten = new List<ServiceCommissioned>();
            foreach (var row in batch)
            {
                var key = (_responseIds[row.ResponseKey], _serviceTypeIds[row.ServiceCode]);
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

        var stale = !AnyStoredBefore(_importedResponseIds, _insertedResponseIds) ? [] : await db.ServicesCommissioned.AsNoTracking().Where(c => c.Response.SurveyRoundId == roundId)
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
                entity.ProviderId = _organisationIds[row.ProviderCode];
                entity.LeadCommissionerId = _organisationIds[row.LeadCode];
                entity.StartOn = row.StartOn;
                entity.EndOn = row.EndOn;
                entity.AnnualValue = row.AnnualValue;
                entity.ExtensionPattern = row.ExtensionPattern;
                entity.RefugeUnits = row.RefugeUnits;
                var coCommissioners = row.CoCommissionerCodes.Select(c => _organisationIds[c]).ToList();
                var serviceTypes = row.ServiceCodes.Select(c => _serviceTypeIds[c]).ToList();
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
            var keys = Stored(batch.Select(r => r.Key), _partnershipIds);
            var existing = await LoadAsync(keys.Count > 0, () => db.Partnerships.Where(p => keys.Contains(p.Key)), p => p.Key, cancellationToken);
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
                entity.LeadOrganisationId = _organisationIds[row.LeadCode];
                entity.EstablishedOn = row.EstablishedOn;
            }

            _insertedPartnershipIds.UnionWith(RecordIds(await SaveBatchAsync(batchWritten, counter, cancellationToken), _partnershipIds, p => p.Key, p => p.Id));
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
            var idList = batch.Select(r => _partnershipIds[r.PartnershipKey]).Where(id => !_insertedPartnershipIds.Contains(id)).Distinct().ToList();
            var existing = await LoadAsync(idList.Count > 0, () => db.PartnershipMembers.Where(m => idList.Contains(m.PartnershipId)), m => (m.PartnershipId, m.OrganisationId), cancellationToken);
            var batchWritten = new List<PartnershipMember>();
            foreach (var row in batch)
            {
                var key = (_partnershipIds[row.PartnershipKey], _organisationIds[row.OrgCode]);
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
        var stale = (!AnyStoredBefore(_importedPartnershipIds, _insertedPartnershipIds) ? [] : await db.PartnershipMembers.AsNoTracking().Select(m => new { m.PartnershipId, m.OrganisationId }).ToListAsync(cancellationToken))
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
                entity.RecipientId = _organisationIds[row.RecipientCode];
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
