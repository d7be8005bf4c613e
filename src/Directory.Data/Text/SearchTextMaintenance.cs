using Microsoft.EntityFrameworkCore.Storage;

namespace Directory.Data.Text;

/// <summary>
/// Keeps the normalised search columns in step with what they are made of, on every save, whoever saves: a contact's
/// <see cref="Contact.SearchText"/> (name, job title, email) and <see cref="Contact.OrganisationSearchText"/>
/// (organisation name and type, department name) with <see cref="Contact.OrganisationName"/> (the name as it is, the
/// contacts list's order), an organisation's <see cref="Organisation.SearchText"/> (code,
/// name, alternative names). Renaming an organisation or department brings its contacts into the same save, so the
/// search indexes (FTS5 on SQLite, kept by triggers on these columns; pg_trgm GIN indexes on PostgreSQL) change in
/// the same transaction as the name. Normalising happens here, in C#, because neither database folds accents the way
/// <see cref="SearchText.Normalize"/> does.
/// </summary>
internal static class SearchTextMaintenance
{
    /// <summary>Columns derived from others: a change of these alone is no edit of the row (its version stays).</summary>
    public static readonly IReadOnlySet<string> DerivedProperties = new HashSet<string>(StringComparer.Ordinal)
    {
        nameof(Contact.SearchText), nameof(Contact.OrganisationSearchText), nameof(Contact.OrganisationName),
    };

    /// <summary>The type as search matches it: <c>LOCAL_AUTHORITY</c> is "local authority".</summary>
    public static string TypeText(OrganisationType type) => type.ToString().Replace('_', ' ');

    /// <summary>A contact's <see cref="Contact.OrganisationSearchText"/>: their organisation's name and type, their department's name.</summary>
    public static string ContactOrganisationText(string? organisationName, OrganisationType organisationType, string? departmentName) =>
        SearchText.Combine(organisationName, TypeText(organisationType), departmentName);

    public static string OrganisationText(Organisation organisation) =>
        SearchText.Combine(organisation.Code, organisation.Name, OrganisationNames.ShortName(organisation.Code), OrganisationNames.ForceAreaName(organisation.Code));

    /// <summary>
    /// Fills the search columns of the rows <paramref name="db"/> is about to save, and of the contacts of renamed
    /// organisations and departments (loaded into the save), plus the rows in <paramref name="reindex"/>.
    /// </summary>
    public static async Task RefreshAsync(DirectoryDbContext db, ISet<object> reindex, bool synchronous, CancellationToken cancellationToken)
    {
        db.ChangeTracker.DetectChanges();
        var renamedOrganisations = db.ChangeTracker.Entries<Organisation>()
            .Where(e => e.State == EntityState.Modified && (e.Property(o => o.Name).IsModified || e.Property(o => o.Type).IsModified))
            .Select(e => e.Entity.Id).ToList();
        var renamedDepartments = db.ChangeTracker.Entries<Department>()
            .Where(e => e.State == EntityState.Modified && e.Property(d => d.Name).IsModified)
            .Select(e => e.Entity.Id).ToList();
        if (renamedOrganisations.Count > 0 || renamedDepartments.Count > 0)
        {
            var affected = db.Contacts.Where(c => renamedOrganisations.Contains(c.OrganisationId)
                || (c.DepartmentId != null && renamedDepartments.Contains(c.DepartmentId.Value)));
            reindex.UnionWith(await ListAsync(affected, synchronous, cancellationToken));
        }

        // Keys as the change tracker holds them: a row added in this save has a temporary key there, not in the entity.
        var contacts = db.ChangeTracker.Entries<Contact>()
            .Where(e => e.State is EntityState.Added or EntityState.Modified || reindex.Contains(e.Entity))
            .Select(e => (Contact: e.Entity, OrganisationId: e.Property(c => c.OrganisationId).CurrentValue, DepartmentId: e.Property(c => c.DepartmentId).CurrentValue))
            .ToList();
        var organisations = db.ChangeTracker.Entries<Organisation>()
            .ToDictionary(e => e.Property(o => o.Id).CurrentValue, e => e.Entity);
        var departments = db.ChangeTracker.Entries<Department>()
            .ToDictionary(e => e.Property(d => d.Id).CurrentValue, e => e.Entity);
        var missingOrganisations = contacts.Where(c => c.Contact.Organisation is null && !organisations.ContainsKey(c.OrganisationId))
            .Select(c => c.OrganisationId).Distinct().ToList();
        var missingDepartments = contacts.Where(c => c.Contact.Department is null && c.DepartmentId is { } id && !departments.ContainsKey(id))
            .Select(c => c.DepartmentId!.Value).Distinct().ToList();
        var organisationNames = missingOrganisations.Count == 0 ? [] : (await ListAsync(
            db.Organisations.AsNoTracking().Where(o => missingOrganisations.Contains(o.Id)).Select(o => new { o.Id, o.Name, o.Type }),
            synchronous, cancellationToken)).ToDictionary(o => o.Id, o => (o.Name, o.Type));
        var departmentNames = missingDepartments.Count == 0 ? [] : (await ListAsync(
            db.Departments.AsNoTracking().Where(d => missingDepartments.Contains(d.Id)).Select(d => new { d.Id, d.Name }),
            synchronous, cancellationToken)).ToDictionary(d => d.Id, d => d.Name);

        foreach (var (contact, organisationId, departmentId) in contacts)
        {
            var organisation = contact.Organisation ?? organisations.GetValueOrDefault(organisationId);
            var (organisationName, organisationType) = organisation is not null
                ? (organisation.Name, organisation.Type)
                : organisationNames.GetValueOrDefault(organisationId);
            var department = contact.Department ?? (departmentId is { } tracked ? departments.GetValueOrDefault(tracked) : null);
            var departmentName = department?.Name ?? (departmentId is { } id ? departmentNames.GetValueOrDefault(id) : null);
            DirectoryDbContext.DeriveColumns(contact);
            contact.OrganisationSearchText = ContactOrganisationText(organisationName, organisationType, departmentName);
            contact.OrganisationName = organisationName ?? "";
        }

        foreach (var entry in db.ChangeTracker.Entries<Organisation>()
                     .Where(e => e.State is EntityState.Added or EntityState.Modified || reindex.Contains(e.Entity)))
        {
            entry.Entity.SearchText = OrganisationText(entry.Entity);
        }
        reindex.Clear();
    }

    /// <summary>
    /// Fills the search columns a migration added empty (an organisation's text always holds its code, a contact's
    /// organisation text its organisation's type), in C# because SQL cannot normalise the same way. Run after
    /// migrating; a no-op once every row is filled.
    /// </summary>
    public static async Task FillEmptyAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        if (!await AnyEmptyAsync(db, cancellationToken))
        {
            return;
        }

        var organisations = await db.Organisations.Where(o => o.SearchText == "").ToListAsync(cancellationToken);
        var contacts = await db.Contacts.Where(c => c.OrganisationSearchText == "").ToListAsync(cancellationToken);
        if (organisations.Count + contacts.Count == 0)
        {
            return;
        }
        db.ReindexesSearchText([.. organisations, .. contacts]);
        await db.SaveChangesAsync(cancellationToken);
        db.ChangeTracker.Clear();
    }

    /// <summary>
    /// Whether any row still has an empty search column, by one plain command: every import and every start asks, and
    /// the two entity queries of <see cref="FillEmptyAsync"/> (each compiled, with its materializer, in a fresh process)
    /// are worth running only once a migration has left columns to fill.
    /// </summary>
    private static async Task<bool> AnyEmptyAsync(DirectoryDbContext db, CancellationToken cancellationToken)
    {
        string Where<TEntity>(string property)
        {
            var entity = db.Model.FindEntityType(typeof(TEntity))!;
            return $"SELECT COUNT(*) FROM (SELECT 1 FROM \"{entity.GetTableName()}\" WHERE \"{entity.FindProperty(property)!.GetColumnName()}\" = '' LIMIT 1) AS e";
        }

        var sql = $"SELECT ({Where<Organisation>(nameof(Organisation.SearchText))}) + ({Where<Contact>(nameof(Contact.OrganisationSearchText))})";
        return Convert.ToInt64(await db.Database.ScalarAsync(sql, cancellationToken), System.Globalization.CultureInfo.InvariantCulture) > 0;
    }

    /// <summary>
    /// After a write that bypassed this context (the import's direct writer gives a new contact its organisation text
    /// and name but leaves stored contacts' alone, since a derived column alone is no change): recomputes, in the same
    /// transaction, the organisation text and name of the stored contacts that write could have changed — those of the
    /// organisations and departments it updated, and the contacts it moved — and no others, so an import costs what it wrote, not what the directory
    /// holds. Contacts share their text with everyone of the same organisation and department, so it is computed once
    /// per such pair (in C#, for the normalisation) and written by one UPDATE per pair, only where it differs; derived
    /// columns alone bump no version.
    /// </summary>
    public static async Task RefreshContactsAsync(DirectoryDbContext db, IEnumerable<int> organisationIds,
        IEnumerable<int> departmentIds, IEnumerable<int> contactIds, CancellationToken cancellationToken)
    {
        var organisationList = organisationIds.ToList();
        var departmentList = departmentIds.ToList();
        var contactList = contactIds.ToList();
        if (organisationList.Count + departmentList.Count + contactList.Count == 0)
        {
            return;
        }

        var pairs = await db.Contacts.AsNoTracking()
            .Where(c => organisationList.Contains(c.OrganisationId) || contactList.Contains(c.Id)
                || (c.DepartmentId != null && departmentList.Contains(c.DepartmentId.Value)))
            .Select(c => new { c.OrganisationId, c.DepartmentId, c.Organisation.Name, c.Organisation.Type, Department = c.Department == null ? null : c.Department.Name })
            .Distinct().ToListAsync(cancellationToken);
        if (pairs.Count == 0)
        {
            return;
        }

        var contacts = db.Model.FindEntityType(typeof(Contact))!;
        string Column(string property) => contacts.FindProperty(property)!.GetColumnName();
        await using var update = db.Database.GetDbConnection().CreateCommand();
        update.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        update.CommandText = $"UPDATE {contacts.GetTableName()} SET {Column(nameof(Contact.OrganisationSearchText))} = @text, "
            + $"{Column(nameof(Contact.OrganisationName))} = @name "
            + $"WHERE {Column(nameof(Contact.OrganisationId))} = @organisation "
            + $"AND ({Column(nameof(Contact.DepartmentId))} = @department OR ({Column(nameof(Contact.DepartmentId))} IS NULL AND @department IS NULL)) "
            + $"AND ({Column(nameof(Contact.OrganisationSearchText))} <> @text OR {Column(nameof(Contact.OrganisationName))} <> @name)";
        var text = Parameter("text", System.Data.DbType.String);
        var name = Parameter("name", System.Data.DbType.String);
        var organisation = Parameter("organisation", System.Data.DbType.Int32);
        var department = Parameter("department", System.Data.DbType.Int32);
        update.Prepare();
        foreach (var pair in pairs)
        {
            text.Value = ContactOrganisationText(pair.Name, pair.Type, pair.Department);
            name.Value = pair.Name;
            organisation.Value = pair.OrganisationId;
            department.Value = pair.DepartmentId is { } id ? id : DBNull.Value;
            await update.ExecuteNonQueryAsync(cancellationToken);
        }

        System.Data.Common.DbParameter Parameter(string name, System.Data.DbType type)
        {
            var parameter = update.CreateParameter();
            parameter.ParameterName = name;
            parameter.DbType = type;
            update.Parameters.Add(parameter);
            return parameter;
        }
    }

    private static async Task<List<T>> ListAsync<T>(IQueryable<T> query, bool synchronous, CancellationToken cancellationToken) =>
        synchronous ? [.. query] : await query.ToListAsync(cancellationToken);
}
