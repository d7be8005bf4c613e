using System.Collections.Concurrent;
using System.Text.Json;
using Directory.Data.Erasure;
using Directory.Data.Model;
using Microsoft.EntityFrameworkCore;

namespace Directory.Data.Import;

/// <summary>
/// Imports a survey folder (the nine CSV files of data/stadv-2020/README.md) into a survey round, all or nothing.
/// <para>
/// Three streaming passes, none of which holds more than one batch of rows, the first two in one read of each file:
/// (1) read the natural keys of every file (duplicates are problems) into key sets; (2) parse and check every row of
/// every file, including references across files against those key sets and the organisations/service types already
/// in the database, collecting every problem; (3) only if there were none, upsert every file by natural key in one
/// transaction, in batches.
/// A row whose values are already stored is left untouched (no UPDATE, no version bump), so re-importing a folder
/// changes nothing and a corrected folder updates rows in place.
/// </para>
/// Organisations, departments, contacts, service types, contracts and partnerships belong to the whole directory;
/// responses (with their staff lines and services) belong to the survey round.
/// <para>
/// An erased person stays erased: a contact row whose key or email address matches an erasure's tombstone is skipped
/// (its digest is checked under every pseudonym key, current and previous), and the result counts the skipped rows.
/// </para>
/// </summary>
public sealed partial class SurveyImporter(DirectoryDbContext db, PseudonymKeys? pseudonymKeys = null)
{
    /// <summary>The survey imported when none is named.</summary>
    public const string DefaultSurveyCode = "STADV-2020";

    /// <summary>At most this many problems are listed; further ones are only counted.</summary>
    public const int MaxProblemsListed = 10_000;

    private const char KeySeparator = '\u001f';

    /// <summary>Rows read, looked up and written per batch; nothing of a batch is kept after it, so memory stays flat.</summary>
    internal int BatchSize { get; set; } = 1000;

    /// <summary>How pass 3 writes: prepared commands and COPY (the default), or EF Core's change tracker (the reference).</summary>
    public ImportWritePath WritePath { get; set; } = ImportWritePath.Direct;

    /// <summary>Told, after each pass and each file written, the step's name with its wall and process CPU time (for bench/).</summary>
    internal Action<string, TimeSpan, TimeSpan>? StepTimed { get; set; }

    private (TimeSpan Wall, TimeSpan Cpu) _stepStart;

    /// <summary>Reports the step that ends now to <see cref="StepTimed"/> and starts the next.</summary>
    private void EndStep(string step)
    {
        if (StepTimed is null)
        {
            return;
        }

        // Stopwatch.GetElapsedTime, not timestamp × ticks per second ÷ frequency: on Linux (a nanosecond clock) that product
        // overflows after a few hours of uptime and put a step's wall time out by ±1,845 s now and then.
        var now = (Wall: System.Diagnostics.Stopwatch.GetElapsedTime(0),
            Cpu: System.Diagnostics.Process.GetCurrentProcess().TotalProcessorTime);
        if (_stepStart != default)
        {
            StepTimed(step, now.Wall - _stepStart.Wall, now.Cpu - _stepStart.Cpu);
        }

        _stepStart = now;
    }

    /// <summary>Who the audit log names as the importer.</summary>
    public string Actor { get; set; } = "import";

    /// <summary>
    /// Migrates the database, checks the whole folder and, if it has no problems, writes it in one transaction.
    /// On any problem nothing is written and the result lists every problem.
    /// </summary>
    public async Task<ImportResult> ImportAsync(string folder, string surveyCode = DefaultSurveyCode, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(folder);
        ArgumentException.ThrowIfNullOrWhiteSpace(surveyCode);
        await db.Database.MigrateAsync(cancellationToken);
        await Text.SearchTextMaintenance.FillEmptyAsync(db, cancellationToken);

        var problems = new ProblemList(MaxProblemsListed);
        if (!System.IO.Directory.Exists(folder))
        {
            problems.Add(folder, 0, "", "folder does not exist");
            return new ImportResult(surveyCode, [], problems.Listed, problems.NotListed);
        }

        EndStep("start");
        var facts = await ReadFilesAsync(folder, problems, cancellationToken);
        EndStep("passes 1 and 2: keys and rows");
        if (problems.Count > 0)
        {
            return new ImportResult(surveyCode, [], problems.Listed, problems.NotListed);
        }

        var counts = await WriteAsync(folder, surveyCode, facts, cancellationToken);
        return new ImportResult(surveyCode, counts, [], 0) { ErasedContactsSkipped = _erasedContactsSkipped };
    }

    /// <summary>
    /// Imports one file of funding awards (the <c>funding_awards.csv</c> format, under any name) against the
    /// organisations already in the database: all or nothing, like a survey folder, and a no-op when repeated.
    /// </summary>
    public async Task<ImportResult> ImportFundingAsync(string file, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(file);
        await db.Database.MigrateAsync(cancellationToken);
        await Text.SearchTextMaintenance.FillEmptyAsync(db, cancellationToken);

        var path = Path.GetFullPath(file);
        var folder = Path.GetDirectoryName(path)!;
        var funding = SurveyFiles.FundingAwards with { Name = Path.GetFileName(path) };
        var problems = new ProblemList(MaxProblemsListed);
        var keys = await DatabaseKeysAsync(cancellationToken);
        ReadFundingAwards(folder, funding, keys, problems);
        if (problems.Count > 0)
        {
            return new ImportResult(funding.Name, [], problems.Listed, problems.NotListed) { Description = $"funding awards {funding.Name}" };
        }

        db.ChangeTracker.Clear();
        await using var _ = await UseWriterAsync(cancellationToken);
        await ReadIdsAsync(cancellationToken);
        try
        {
            var counts = new List<EntityCounts> { await WriteFundingAwardsAsync(folder, funding, cancellationToken) };
            await AuditImportAsync(nameof(FundingAward), funding.Name, counts, cancellationToken);
            await _writer.CommitAsync(cancellationToken);
            return new ImportResult(funding.Name, counts, [], 0) { Description = $"funding awards {funding.Name}" };
        }
        finally
        {
            db.ChangeTracker.Clear();
        }
    }

    /// <summary>Whether a survey folder has the optional funding awards file.</summary>
    private static bool HasFunding(string folder) => File.Exists(Path.Combine(folder, SurveyFiles.FundingAwards.Name));

    /// <summary>What pass 1 learnt: each file's keys (with the line they are on) and the organisations' types.</summary>
    private sealed class KeySets
    {
        public Dictionary<string, OrganisationInfo> Organisations { get; } = new(StringComparer.Ordinal);

        public HashSet<string> ServiceTypes { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Responses { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Contacts { get; } = new(StringComparer.Ordinal);

        public HashSet<string> Partnerships { get; } = new(StringComparer.Ordinal);

        /// <summary>Files whose keys could not be read (missing, bad header): references into them are not checked.</summary>
        public HashSet<string> Unreadable { get; } = new(StringComparer.Ordinal);
    }

    private sealed record OrganisationInfo(OrganisationType? Type, CouncilTier? Tier);

    /// <summary>What pass 2 learnt that pass 3 needs: department categories and the survey's dates.</summary>
    private sealed class Facts
    {
        /// <summary>(organisation code, department name) → the category contacts give it (null: none given).</summary>
        public Dictionary<string, DepartmentCategory?> DepartmentCategories { get; } = new(StringComparer.Ordinal);

        /// <summary>
        /// The departments contacts name, each once, in the order of contacts.csv; then those responses name as their
        /// lead's, in the order of responses.csv: pass 3 writes them in that order without reading the two files again.
        /// </summary>
        public List<(string OrgCode, string Name)> ContactDepartments { get; } = [];

        /// <inheritdoc cref="ContactDepartments"/>
        public List<(string OrgCode, string Name)> ResponseDepartments { get; } = [];

        public DateOnly? FirstSubmission { get; set; }

        public DateOnly? LastSubmission { get; set; }
    }

    /// <summary>
    /// Passes 1 and 2 in one read of each file: every key (duplicates are problems) and every row parsed and checked.
    /// The files are read in the order of their references (a file refers only to files read before it), so a
    /// reference is checked against complete key sets as its row is read; only a reference to a row of the same file
    /// not read yet (an organisation's county further down, a contact's manager) waits for the end of the file.
    /// </summary>
    private async Task<Facts> ReadFilesAsync(string folder, ProblemList problems, CancellationToken cancellationToken)
    {
        var keys = await DatabaseKeysAsync(cancellationToken);
        var facts = new Facts();
        var departmentLines = new Dictionary<string, int>(StringComparer.Ordinal);

        void Organisation(RowReader r, string column, string? code, Func<OrganisationInfo, string?>? rule = null) =>
            CheckOrganisation(keys, r.Problem, column, code, rule);

        void Reference(RowReader r, string column, string? key, HashSet<string> known, string file, string what)
        {
            if (key is not null && !keys.Unreadable.Contains(file) && !known.Contains(key))
            {
                r.Problem(column, $"unknown {what} '{key}'");
            }
        }

        ReadFile(folder, SurveyFiles.ServiceTypes, problems, keys, (table, key) => keys.ServiceTypes.Add(key), (_, _, _) => { });

        ReadFile(folder, SurveyFiles.Organisations, problems, keys, (table, key) => keys.Organisations[key] = new OrganisationInfo(
            ParseOrNull<OrganisationType>(table["org_type"]), ParseOrNull<CouncilTier>(table["la_tier"])), (r, row, sameFile) =>
        {
            // An organisation's type counts as the file gives it, so a reference waits until its row has been read.
            void Organisation(string column, string? code, Func<OrganisationInfo, string?>? rule = null) =>
                sameFile.Check(r, code, problem => CheckOrganisation(keys, problem, column, code, rule));

            Organisation("parent_code", row.ParentCode, o => o.Tier == CouncilTier.COUNTY ? null : "is not a COUNTY council");
            Organisation("police_force_area_code", row.PoliceForceAreaCode, o => o.Type == OrganisationType.PCC ? null : "is not a PCC");
            Organisation("commissioning_delegated_to", row.DelegatedToCode);
            Organisation("merged_into", row.MergedIntoCode);
            if (row.DelegatedToCode == row.Code || row.MergedIntoCode == row.Code)
            {
                r.Problem(row.DelegatedToCode == row.Code ? "commissioning_delegated_to" : "merged_into", "an organisation cannot refer to itself");
            }
        });

        ReadFile(folder, SurveyFiles.Responses, problems, keys, (table, key) => keys.Responses.Add(key), (r, row, _) =>
        {
            Organisation(r, "org_code", row.OrgCode);
            if (row.LeadDepartment is not null)
            {
                facts.ResponseDepartments.Add((row.OrgCode, row.LeadDepartment));
            }

            if (row.SubmittedOn is { } submitted)
            {
                facts.FirstSubmission = facts.FirstSubmission is { } first && first < submitted ? first : submitted;
                facts.LastSubmission = facts.LastSubmission is { } last && last > submitted ? last : submitted;
            }
        });

        ReadFile(folder, SurveyFiles.Contacts, problems, keys, (table, key) => keys.Contacts.Add(key), (r, row, sameFile) =>
        {
            Organisation(r, "org_code", row.OrgCode);
            Reference(r, "response_id", row.ResponseKey, keys.Responses, SurveyFiles.Responses.Name, "response");
            var manager = row.ManagerKey;
            sameFile.Check(r, manager, problem =>
            {
                if (!keys.Contacts.Contains(manager!))
                {
                    problem("manager_contact_id", $"unknown contact '{manager}'");
                }
            });
            if (row.Department is null)
            {
                return;
            }

            var departmentKey = DepartmentKey(row.OrgCode, row.Department);
            if (!facts.DepartmentCategories.TryGetValue(departmentKey, out var category))
            {
                facts.DepartmentCategories[departmentKey] = row.DepartmentCategory;
                facts.ContactDepartments.Add((row.OrgCode, row.Department));
                departmentLines[departmentKey] = r.Line;
            }
            else if (category is null)
            {
                facts.DepartmentCategories[departmentKey] = row.DepartmentCategory;
            }
            else if (row.DepartmentCategory is not null && row.DepartmentCategory != category)
            {
                r.Problem("department_category",
                    $"department '{row.Department}' of {row.OrgCode} is {category} on line {departmentLines[departmentKey]}, {row.DepartmentCategory} here");
            }
        });

        ReadFile(folder, SurveyFiles.Staff, problems, keys, null, (r, row, _) =>
            Reference(r, "response_id", row.ResponseKey, keys.Responses, SurveyFiles.Responses.Name, "response"));

        ReadFile(folder, SurveyFiles.Services, problems, keys, null, (r, row, _) =>
        {
            Reference(r, "response_id", row.ResponseKey, keys.Responses, SurveyFiles.Responses.Name, "response");
            Reference(r, "service_code", row.ServiceCode, keys.ServiceTypes, SurveyFiles.ServiceTypes.Name, "service type");
        });

        ReadFile(folder, SurveyFiles.Contracts, problems, keys, null, (r, row, _) =>
        {
            Organisation(r, "provider_code", row.ProviderCode, o => o.Type == OrganisationType.PROVIDER ? null : "is not a PROVIDER");
            Organisation(r, "lead_commissioner_code", row.LeadCode);
            foreach (var code in row.CoCommissionerCodes)
            {
                Organisation(r, "co_commissioner_codes", code);
            }

            foreach (var code in row.ServiceCodes)
            {
                Reference(r, "service_codes", code, keys.ServiceTypes, SurveyFiles.ServiceTypes.Name, "service type");
            }
        });

        ReadFile(folder, SurveyFiles.Partnerships, problems, keys, (table, key) => keys.Partnerships.Add(key), (r, row, _) => Organisation(r, "lead_org_code", row.LeadCode));

        ReadFile(folder, SurveyFiles.Members, problems, keys, null, (r, row, _) =>
        {
            Reference(r, "partnership_id", row.PartnershipKey, keys.Partnerships, SurveyFiles.Partnerships.Name, "partnership");
            Organisation(r, "org_code", row.OrgCode);
        });

        if (HasFunding(folder))
        {
            ReadFundingAwards(folder, SurveyFiles.FundingAwards, keys, problems);
        }

        return facts;
    }

    /// <summary>The organisations and service types already in the database, which any file may reference.</summary>
    private async Task<KeySets> DatabaseKeysAsync(CancellationToken cancellationToken)
    {
        var keys = new KeySets();

        // The database's organisations and service types may be referenced too (e.g. ICBs from the reference lists).
        await foreach (var org in db.Organisations.AsNoTracking().Select(o => new { o.Code, o.Type, o.CouncilTier }).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            keys.Organisations[org.Code] = new OrganisationInfo(org.Type, org.CouncilTier);
        }

        await foreach (var code in db.ServiceTypes.AsNoTracking().Select(s => s.Code).AsAsyncEnumerable().WithCancellation(cancellationToken))
        {
            keys.ServiceTypes.Add(code);
        }

        return keys;
    }

    private static TEnum? ParseOrNull<TEnum>(string? value)
        where TEnum : struct, Enum =>
        value is not null && Enum.IsDefined(typeof(TEnum), value) ? Enum.Parse<TEnum>(value) : null;

    /// <summary>
    /// Reports a problem with a reference to an organisation: unknown, or (<paramref name="rule"/>) of the wrong kind.
    /// References into an unreadable organisations file are not checked.
    /// </summary>
    private static void CheckOrganisation(KeySets keys, Action<string, string> problem, string column, string? code, Func<OrganisationInfo, string?>? rule = null)
    {
        if (code is null || keys.Unreadable.Contains(SurveyFiles.Organisations.Name))
        {
            return;
        }

        if (!keys.Organisations.TryGetValue(code, out var info))
        {
            problem(column, $"unknown organisation '{code}'");
            return;
        }

        var broken = rule?.Invoke(info);
        if (broken is not null)
        {
            problem(column, $"organisation '{code}' {broken}");
        }
    }

    private static void ReadFundingAwards(string folder, SurveyFile<FundingAwardRow> file, KeySets keys, ProblemList problems) =>
        ReadFile(folder, file, problems, keys, null, (r, row, _) =>
            CheckOrganisation(keys, r.Problem, "recipient_code", row.RecipientCode.Length > 0 ? row.RecipientCode : null));

    private static string DepartmentKey(string orgCode, string department) => orgCode + KeySeparator + department;

    /// <summary>
    /// References from a file's rows to rows of the same file: checked at once when the row referred to has been read,
    /// otherwise when the whole file has (only the line and the check are kept, not the row).
    /// </summary>
    private sealed class SameFileReferences(string fileName, Dictionary<string, int> firstLine)
    {
        private readonly List<(int Line, Action<Action<string, string>> Check)> _waiting = [];

        /// <summary>Runs <paramref name="check"/> (given where to report a problem) for a reference to <paramref name="key"/>.</summary>
        public void Check(RowReader r, string? key, Action<Action<string, string>> check)
        {
            if (key is null)
            {
                return;
            }

            if (firstLine.ContainsKey(key))
            {
                check(r.Problem);
            }
            else
            {
                _waiting.Add((r.Line, check));
            }
        }

        public void CheckWaiting(ProblemList problems)
        {
            foreach (var (line, check) in _waiting)
            {
                check((column, reason) => problems.Add(fileName, line, column, reason));
            }
        }
    }

    /// <summary>
    /// Passes 1 and 2 for one file: each row's key (duplicates reported against the line that first had it), then the
    /// row parsed and checked by <paramref name="check"/> while its line is current.
    /// </summary>
    private static void ReadFile<TRow>(string folder, SurveyFile<TRow> file, ProblemList problems, KeySets keys, Action<CsvTable, string>? onKey,
        Action<RowReader, TRow, SameFileReferences> check)
        where TRow : class
    {
        using var table = CsvTable.Open(folder, file.Name, file.Columns, problems);
        if (table is null)
        {
            keys.Unreadable.Add(file.Name);
            return;
        }

        var firstLine = new Dictionary<string, int>(StringComparer.Ordinal);
        var sameFile = new SameFileReferences(file.Name, firstLine);
        var reader = new RowReader(table, problems);
        var parts = new string?[file.KeyColumns.Length];
        while (table.Read())
        {
            var complete = true;
            for (var i = 0; i < parts.Length; i++)
            {
                parts[i] = table[file.KeyColumns[i]];
                complete &= parts[i] is not null;
            }

            // A row without its key is reported as a missing required value by its parse.
            if (complete)
            {
                var key = parts.Length == 1 ? parts[0]! : string.Join(KeySeparator, parts);
                if (firstLine.TryGetValue(key, out var line))
                {
                    problems.Add(file.Name, table.Line, file.KeyColumns[^1],
                        $"duplicate key {string.Join(", ", parts)} (first on line {line})");
                }
                else
                {
                    firstLine.Add(key, table.Line);
                    onKey?.Invoke(table, key);
                }
            }

            reader.StartRow();
            check(reader, file.Parse(reader), sameFile);
        }

        sameFile.CheckWaiting(problems);
    }

    // Batches of a file parsed ahead of the one being written, at most.
    private const int BatchesAhead = 4;

    /// <summary>
    /// Streams the (already checked) rows of a file in batches, read and parsed on a thread of their own while the
    /// caller writes the batches before them: the write is single-threaded (one connection, one transaction), so the
    /// reading goes to the machine's other core. It saves wall time, not CPU. An error of the reading (the file
    /// changed) is thrown here as it was when reading inline; a write that stops early stops the reading.
    /// </summary>
    private IEnumerable<List<TRow>> Batches<TRow>(string folder, SurveyFile<TRow> file)
        where TRow : class
    {
        using var ahead = new BlockingCollection<List<TRow>>(BatchesAhead);
        using var stop = new CancellationTokenSource();
        var reading = Task.Factory.StartNew(
            () =>
            {
                try
                {
                    foreach (var batch in ReadBatches(folder, file))
                    {
                        ahead.Add(batch, stop.Token);
                    }
                }
                finally
                {
                    ahead.CompleteAdding();
                }
            },
            stop.Token, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        try
        {
            foreach (var batch in ahead.GetConsumingEnumerable())
            {
                yield return batch;
            }

            reading.GetAwaiter().GetResult();
        }
        finally
        {
            stop.Cancel();
            try
            {
                reading.Wait();
            }
            catch (AggregateException)
            {
                // Thrown above already, or the reading stopped because the write did.
            }
        }
    }

    private IEnumerable<List<TRow>> ReadBatches<TRow>(string folder, SurveyFile<TRow> file)
        where TRow : class
    {
        var problems = new ProblemList(0);
        using var table = CsvTable.Open(folder, file.Name, file.Columns, problems)
            ?? throw new InvalidOperationException($"{file.Name} could not be read again after it was checked.");
        var reader = new RowReader(table, problems);
        var batch = new List<TRow>(BatchSize);
        while (table.Read())
        {
            batch.Add(file.Parse(reader));
            if (batch.Count == BatchSize)
            {
                yield return batch;
                batch = new List<TRow>(BatchSize);
            }
        }

        if (problems.Count > 0)
        {
            throw new InvalidOperationException($"{file.Name} changed while it was being imported.");
        }

        if (batch.Count > 0)
        {
            yield return batch;
        }
    }

    private static string SerializeCounts(IEnumerable<EntityCounts> counts) =>
        JsonSerializer.Serialize(counts.ToDictionary(c => c.Entity, c => new { c.Inserted, c.Updated, c.Unchanged }));
}
