using System.Data.Common;
using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;
using Directory.Data.Migrations;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;
using Npgsql;
using SQLitePCL;

namespace Directory.Data.Import;

/// <summary>
/// The import's writer without the change tracker: each table's INSERT, UPDATE and DELETE is built once from the EF
/// model (same columns, same value conversions as SaveChanges would use), prepared, and reused for every row of the
/// import's one transaction. On SQLite every new row is given its id before its INSERT (by the importer, or here from
/// the table's counter), so no INSERT reads one back. On PostgreSQL new rows go in by binary COPY, with their ids
/// taken from the table's identity sequence first (later rows refer to them). A loaded row is remembered as its stored column values; saving
/// compares them with the row's values now, so only rows that differ are written, with the version rule and derived
/// columns of <see cref="DirectoryDbContext"/>. Plain INSERT/UPDATE/DELETE and COPY fire the tables' triggers.
/// </summary>
internal sealed class DirectImportWriter(DirectoryDbContext context) : ImportWriter(context)
{
    private readonly Dictionary<Type, ImportTable> _tables = [];
    private readonly Dictionary<object, StoredRow> _stored = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _added = new(ReferenceEqualityComparer.Instance);
    private readonly HashSet<object> _marked = new(ReferenceEqualityComparer.Instance);
    private readonly bool _postgres = context.Provider == DatabaseProvider.Postgres;

    /// <summary>A loaded row's stored column values, and its child sets' rows by their values.</summary>
    private sealed record StoredRow(object?[] Values, Dictionary<string, object?[]>[] Children);

    public override async Task<List<TEntity>> LoadAsync<TEntity>(IQueryable<TEntity> query, CancellationToken cancellationToken)
    {
        await FlushAsync(cancellationToken); // a file's second pass reads the rows its first pass staged
        var rows = await query.AsNoTracking().ToListAsync(cancellationToken);
        var table = Table(typeof(TEntity));
        foreach (var row in rows)
        {
            _stored[row] = new StoredRow(table.Values(row), table.ChildSets.Select(set => set.Rows(row)).ToArray());
        }

        return rows;
    }

    public override void Add<TEntity>(TEntity entity) => _added.Add(entity);

    public override void MarkChanged<TEntity>(TEntity entity) => _marked.Add(entity);

    public override async Task<IReadOnlyList<RowOutcome>> SaveAsync<TEntity>(IReadOnlyList<TEntity> rows, Func<TEntity, bool>? completesCreation, CancellationToken cancellationToken)
    {
        var table = Table(typeof(TEntity));
        var outcomes = new List<RowOutcome>(rows.Count);
        var inserts = new List<object>();
        var updates = new List<(object Row, StoredRow Stored)>();
        foreach (var row in rows)
        {
            if (_added.Remove(row))
            {
                DirectoryDbContext.DeriveColumns(row);
                inserts.Add(row);
                outcomes.Add(RowOutcome.Inserted);
                continue;
            }

            var before = _stored[row];
            var changed = _marked.Remove(row) || !table.Values(row).SequenceEqual(before.Values)
                || table.ChildSets.Select((set, i) => !set.Rows(row).Keys.ToHashSet().SetEquals(before.Children[i].Keys)).Any(differs => differs);
            if (changed)
            {
                DirectoryDbContext.DeriveColumns(row);
                ImportVersions.Bump(row, completesCreation?.Invoke(row) == true);
                updates.Add((row, before));
            }

            outcomes.Add(changed ? RowOutcome.Updated : RowOutcome.Unchanged);
        }

        await InsertAsync(table, inserts, cancellationToken);
        foreach (var (row, before) in updates)
        {
            await table.UpdateAsync(Command, row, before.Values, cancellationToken);
        }

        // Child sets: all of a new row's, and the difference for a changed one.
        for (var i = 0; i < table.ChildSets.Count; i++)
        {
            var set = table.ChildSets[i];
            var childInserts = new List<object>();
            foreach (var row in inserts)
            {
                childInserts.AddRange(set.Children(row, table.KeyValue(row)));
            }

            foreach (var (row, before) in updates)
            {
                var now = set.Rows(row);
                foreach (var (key, values) in before.Children[i].Where(c => !now.ContainsKey(c.Key)))
                {
                    await set.Table.DeleteAsync(Command, values, cancellationToken);
                }

                var parentKey = table.KeyValue(row);
                childInserts.AddRange(set.Children(row, parentKey).Where(child => !before.Children[i].ContainsKey(set.Identity(child))));
            }

            await InsertAsync(set.Table, childInserts, cancellationToken);
        }

        foreach (var row in rows)
        {
            _stored.Remove(row);
        }

        return outcomes;
    }

    /// <summary>Inserts new rows, setting their generated ids: prepared INSERTs on SQLite, one binary COPY on PostgreSQL.</summary>
    private async Task InsertAsync(ImportTable table, List<object> rows, CancellationToken cancellationToken)
    {
        if (rows.Count == 0)
        {
            return;
        }

        if (!_postgres)
        {
            if (table.GeneratedKey is { } generated)
            {
                // Ids given here, as AUTOINCREMENT would give them, so every INSERT is a plain one: nothing read back.
                var ids = await NextIdsAsync(table.EntityType, cancellationToken);
                foreach (var row in rows.Where(row => !table.HasId(row)))
                {
                    generated.Set(row, Convert.ChangeType(ids.Next(), generated.Property.ClrType, CultureInfo.InvariantCulture));
                }
            }

            var sqlite = (SqliteConnection)Db.Database.GetDbConnection();
            var into = await SqliteInsertTargetAsync(table, cancellationToken);
            var many = SqliteInsertFor(table, into, SqliteInsert.RowsPerStatement(sqlite, table.AllColumns.Count), sqlite);
            var done = 0;
            for (; rows.Count - done >= many.Rows; done += many.Rows)
            {
                many.Insert(table.AllColumns, rows, done);
            }

            if (done < rows.Count)
            {
                // The rest in one statement of its own size, prepared for this once (child sets' sizes vary by batch).
                using var rest = new SqliteInsert(sqlite, table.InsertSql(rows.Count - done, into), rows.Count - done);
                rest.Insert(table.AllColumns, rows, done);
            }

            return;
        }

        var connection = (NpgsqlConnection)Db.Database.GetDbConnection();
        if (table.GeneratedKey is { } key && rows.Where(row => !table.HasId(row)).ToList() is { Count: > 0 } withoutIds)
        {
            // The ids first, from the identity sequence an INSERT would have used: COPY returns nothing.
            await using var ids = connection.CreateCommand();
            ids.CommandText = $"SELECT nextval(pg_get_serial_sequence('{table.Name}', '{key.Name}')) FROM generate_series(1, {withoutIds.Count.ToString(CultureInfo.InvariantCulture)})";
            await using var reader = await ids.ExecuteReaderAsync(cancellationToken);
            foreach (var row in withoutIds)
            {
                await reader.ReadAsync(cancellationToken);
                key.Set(row, Convert.ChangeType(reader.GetInt64(0), key.Property.ClrType, CultureInfo.InvariantCulture));
            }
        }

        await using var copy = await connection.BeginBinaryImportAsync(table.CopyCommand, cancellationToken);
        foreach (var row in rows)
        {
            await copy.StartRowAsync(cancellationToken);
            foreach (var column in table.AllColumns)
            {
                var value = column.Read(row);
                if (value is null)
                {
                    await copy.WriteNullAsync(cancellationToken);
                }
                else
                {
                    await copy.WriteAsync(value, column.Mapping.StoreTypeNameBase, cancellationToken);
                }
            }
        }

        await copy.CompleteAsync(cancellationToken);
    }

    private readonly Dictionary<string, DbCommand> _commands = new(StringComparer.Ordinal);
    private readonly Dictionary<string, SqliteInsert> _inserts = new(StringComparer.Ordinal);

    private SqliteInsert SqliteInsertFor(ImportTable table, string into, int rows, SqliteConnection connection)
    {
        if (!_inserts.TryGetValue(into, out var insert))
        {
            insert = new SqliteInsert(connection, table.InsertSql(rows, into), rows);
            _inserts.Add(into, insert);
        }

        return insert;
    }

    // SQLite: a table with a search index (an FTS5 table its triggers keep, SearchIndexesMigration) takes its new rows
    // through a staging table and then all of a file's rows in one INSERT … SELECT (FlushAsync). FTS5 writes its
    // pending terms out as a new segment at every statement savepoint, and a statement whose trigger writes to it opens
    // one: a batch a statement meant a segment per 1,000 rows, and merging them as the index grew cost more than the
    // indexing itself (contacts at ×100: 3.0 s of SQLite's CPU in batches, 2.2 s in one statement). The triggers stay
    // as they are for every other writer; the index takes each row exactly as the trigger would give it.
    private readonly Dictionary<string, (ImportTable Table, string Staging, bool Pending)> _staged = new(StringComparer.Ordinal);

    // FTS5's in-memory pending terms for one statement's rows, in bytes, for the import's transaction: its default
    // (1 MB, FTS5's 'hashsize') would still write a segment every few hundred contacts. 64 MB holds a ×100 file's.
    private const int SearchIndexPendingBytes = 64 * 1024 * 1024;
    private const string SearchIndexDefaultPendingBytes = "1048576";

    // Each search index's 'hashsize' before the import (null: never set, so FTS5's default), put back before the commit.
    // Set inside the import's transaction, so a rollback takes it back with everything else.
    private readonly Dictionary<string, string?> _searchIndexSettings = new(StringComparer.Ordinal);

    /// <summary>Where a SQLite INSERT of <paramref name="table"/>'s new rows goes: the table, or its staging table.</summary>
    private async Task<string> SqliteInsertTargetAsync(ImportTable table, CancellationToken cancellationToken)
    {
        var index = table.Name + "_search";
        if (!SearchIndexesMigration.SqliteSearchTables.Contains(index))
        {
            return $"main.\"{table.Name}\"";
        }

        if (!_staged.TryGetValue(table.Name, out var staged))
        {
            staged = (table, $"temp.\"import_{table.Name}\"", false);
            var create = $"CREATE TEMP TABLE \"import_{table.Name}\" AS SELECT {table.ColumnList} FROM main.\"{table.Name}\" WHERE 0";
            await Db.Database.ExecuteSqlRawAsync(create, cancellationToken);
            var read = $"SELECT CAST(v AS TEXT) FROM \"{index}_config\" WHERE k = 'hashsize'";
            _searchIndexSettings[index] = await ScalarAsync(read, cancellationToken) as string;
            await SetSearchIndexPendingBytesAsync(index, SearchIndexPendingBytes.ToString(CultureInfo.InvariantCulture), cancellationToken);
        }

        _staged[table.Name] = staged with { Pending = true };
        return staged.Staging;
    }

    private Task SetSearchIndexPendingBytesAsync(string index, string bytes, CancellationToken cancellationToken)
    {
        var set = $"INSERT INTO \"{index}\"(\"{index}\", rank) VALUES ('hashsize', {bytes})";
        return Db.Database.ExecuteSqlRawAsync(set, cancellationToken);
    }

    /// <summary>Moves the staged rows into their tables, each table's in one statement, in id order (FTS5 appends).</summary>
    public override async Task FlushAsync(CancellationToken cancellationToken)
    {
        foreach (var (name, (table, staging, pending)) in _staged.Where(s => s.Value.Pending).ToList())
        {
            var move = $"INSERT INTO main.\"{name}\" ({table.ColumnList}) SELECT {table.ColumnList} FROM {staging} ORDER BY \"{table.KeyColumns[0].Name}\"; DELETE FROM {staging}";
            await Db.Database.ExecuteSqlRawAsync(move, cancellationToken);
            _staged[name] = (table, staging, false);
        }
    }

    /// <summary>Drops the staging tables and gives each search index its setting back (or none, as it had).</summary>
    protected override async Task BeforeCommitAsync(CancellationToken cancellationToken)
    {
        foreach (var (table, staging, _) in _staged.Values)
        {
            var drop = $"DROP TABLE {staging}";
            await Db.Database.ExecuteSqlRawAsync(drop, cancellationToken);
            var index = table.Name + "_search";
            var before = _searchIndexSettings[index];
            await SetSearchIndexPendingBytesAsync(index, before ?? SearchIndexDefaultPendingBytes, cancellationToken);
            if (before is null)
            {
                var unset = $"DELETE FROM \"{index}_config\" WHERE k = 'hashsize'";
                await Db.Database.ExecuteSqlRawAsync(unset, cancellationToken);
            }
        }

        _staged.Clear();
    }

    /// <summary>The prepared command for <paramref name="sql"/>, created on first use with the columns' parameters.</summary>
    private DbCommand Command(string sql, IReadOnlyList<ImportColumn> parameters)
    {
        if (_commands.TryGetValue(sql, out var command))
        {
            return command;
        }

        command = Db.Database.GetDbConnection().CreateCommand();
        command.CommandText = sql;
        command.Transaction = Db.Database.CurrentTransaction?.GetDbTransaction()
            ?? throw new InvalidOperationException("The import writes inside its transaction.");
        for (var i = 0; i < parameters.Count; i++)
        {
            // Named as in the SQL, prefix included: without it Microsoft.Data.Sqlite tries each prefix on every execution.
            command.Parameters.Add(parameters[i].Mapping.CreateParameter(command, "@p" + i.ToString(CultureInfo.InvariantCulture), null, nullable: true));
        }

        command.Prepare();
        _commands.Add(sql, command);
        return command;
    }

    private ImportTable Table(Type type)
    {
        if (!_tables.TryGetValue(type, out var table))
        {
            table = new ImportTable(Db.Model.FindEntityType(type) ?? throw new InvalidOperationException($"{type.Name} is not in the model."));
            _tables.Add(type, table);
        }

        return table;
    }

    public override async ValueTask DisposeAsync()
    {
        foreach (var command in _commands.Values)
        {
            await command.DisposeAsync();
        }

        _commands.Clear();
        foreach (var insert in _inserts.Values)
        {
            insert.Dispose();
        }

        _inserts.Clear();
        await base.DisposeAsync();
    }
}

/// <summary>
/// A column as the EF model maps it: its property, name, type mapping (with any value converter). Reading and setting
/// go through delegates compiled once from the property and the converter's expression, so a row's value is read
/// typed and converted inline: EF's getter and <c>ConvertToProvider</c> box the value and call through
/// <c>Func&lt;object, object&gt;</c> for every column of every row, which was a large part of the import's CPU.
/// </summary>
internal sealed class ImportColumn
{
    public ImportColumn(IProperty property)
    {
        Property = property;
        Name = property.GetColumnName();
        Mapping = property.GetRelationalTypeMapping();
        (_read, _set) = property.PropertyInfo is { CanRead: true, CanWrite: true } info && !property.IsShadowProperty()
            ? (CompileRead(info, Mapping.Converter), CompileSet(info))
            : (FromModel(property, Mapping.Converter), (entity, value) => throw new InvalidOperationException($"{property.Name} cannot be set."));
    }

    public IProperty Property { get; }

    public string Name { get; }

    public RelationalTypeMapping Mapping { get; }

    private readonly Func<object, object?> _read;
    private readonly Action<object, object?> _set;

    /// <summary>The value as stored: converted (enum names, exact decimals as integers), null for SQL NULL.</summary>
    public object? Read(object entity) => _read(entity);

    public void Set(object entity, object? value) => _set(entity, value);

    /// <summary>entity => value is null ? null : (object)convert(value), with the property read typed.</summary>
    private static Func<object, object?> CompileRead(PropertyInfo info, ValueConverter? converter)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Variable(info.PropertyType, "value");
        Expression body;
        if (converter is null)
        {
            body = Expression.Convert(value, typeof(object)); // a null Nullable<T> boxes to null
        }
        else
        {
            var convert = converter.ConvertToProviderExpression;
            Expression present = Nullable.GetUnderlyingType(info.PropertyType) is not null ? Expression.Property(value, "Value") : value;
            Expression converted = Expression.Convert(Expression.Invoke(convert, Expression.Convert(present, convert.Parameters[0].Type)), typeof(object));
            body = info.PropertyType.IsValueType && Nullable.GetUnderlyingType(info.PropertyType) is null
                ? converted
                : Expression.Condition(Expression.Equal(value, Expression.Constant(null, info.PropertyType)), Expression.Constant(null, typeof(object)), converted);
        }

        var block = Expression.Block([value], Expression.Assign(value, Expression.Property(Expression.Convert(entity, info.DeclaringType!), info)), body);
        return Expression.Lambda<Func<object, object?>>(block, entity).Compile();
    }

    private static Action<object, object?> CompileSet(PropertyInfo info)
    {
        var entity = Expression.Parameter(typeof(object), "entity");
        var value = Expression.Parameter(typeof(object), "value");
        var assign = Expression.Assign(Expression.Property(Expression.Convert(entity, info.DeclaringType!), info), Expression.Convert(value, info.PropertyType));
        return Expression.Lambda<Action<object, object?>>(assign, entity, value).Compile();
    }

    /// <summary>Through the model's getter and converter, for a property without a readable and writable CLR property.</summary>
    private static Func<object, object?> FromModel(IProperty property, ValueConverter? converter)
    {
        var getter = property.GetGetter();
        return entity => getter.GetClrValue(entity) is { } value ? converter is null ? value : converter.ConvertToProvider(value) : null;
    }

    public void Bind(DbParameter parameter, object entity) => parameter.Value = Read(entity) ?? DBNull.Value;
}

/// <summary>One table's columns and the SQL the direct writer runs on it.</summary>
internal sealed class ImportTable
{
    public ImportTable(IEntityType entityType)
    {
        EntityType = entityType;
        Name = entityType.GetTableName()!;
        var keyProperties = entityType.FindPrimaryKey()!.Properties;
        GeneratedKey = keyProperties is [{ ValueGenerated: not ValueGenerated.Never } generated] ? new ImportColumn(generated) : null;
        Columns = entityType.GetProperties().Where(p => p != GeneratedKey?.Property).Select(p => new ImportColumn(p)).ToList();
        AllColumns = GeneratedKey is null ? Columns : [GeneratedKey, .. Columns];
        KeyColumns = keyProperties.Select(p => AllColumns.Single(c => c.Property == p)).ToList();
        Version = Columns.SingleOrDefault(c => c.Property.IsConcurrencyToken);
        _columnIndexes = Columns.Select((c, i) => (c, i)).ToDictionary(x => x.c, x => x.i);

        static string List(IEnumerable<ImportColumn> columns) => string.Join(", ", columns.Select(c => $"\"{c.Name}\""));

        ColumnList = List(AllColumns);
        _valuesRow = $"({string.Join(", ", Enumerable.Repeat("?", AllColumns.Count))})";
        CopyCommand = $"COPY \"{Name}\" ({ColumnList}) FROM STDIN (FORMAT BINARY)";

        _deleteSql = $"DELETE FROM \"{Name}\" WHERE {string.Join(" AND ", KeyColumns.Select((c, i) => $"\"{c.Name}\" = @p{i}"))}";

        ChildSets = entityType.GetNavigations()
            .Where(n => n.IsCollection && n.TargetEntityType.FindPrimaryKey()!.Properties.All(p => p.ValueGenerated == ValueGenerated.Never))
            .Select(n => new ImportChildSet(n, new ImportTable(n.TargetEntityType)))
            .ToList();
    }

    public IEntityType EntityType { get; }

    public string Name { get; }

    /// <summary>The id the database generates, or null for a table keyed by its columns (a join table).</summary>
    public ImportColumn? GeneratedKey { get; }

    /// <summary>Every column but a generated key.</summary>
    public IReadOnlyList<ImportColumn> Columns { get; }

    public IReadOnlyList<ImportColumn> AllColumns { get; }

    public IReadOnlyList<ImportColumn> KeyColumns { get; }

    public ImportColumn? Version { get; }

    /// <summary>Sets of child rows owned by a row of this table (keyed by the parent and their own values).</summary>
    public IReadOnlyList<ImportChildSet> ChildSets { get; }

    public string CopyCommand { get; }

    /// <summary>Every column's name, quoted, in <see cref="AllColumns"/> order.</summary>
    public string ColumnList { get; }

    private readonly string _valuesRow;

    /// <summary>
    /// INSERT into <paramref name="into"/> (the table, or a staging table of its columns) of <paramref name="rows"/>
    /// rows, every column, the key included (given by the importer or the writer, or a join table's columns), with
    /// anonymous parameters bound by position. <c>OR FAIL</c> rather than the default <c>ABORT</c>: an ABORT of a
    /// statement of many rows must undo the rows it had already written, so SQLite keeps a statement journal (a copy of
    /// every page the statement first touches, and a savepoint opened and released per statement) for it; FAIL stops
    /// at the failing row and keeps the earlier ones. Either way the import's exception then rolls the whole
    /// transaction back, so no row of a failed import stays.
    /// </summary>
    public string InsertSql(int rows, string into) => $"INSERT OR FAIL INTO {into} ({ColumnList}) VALUES " + string.Join(", ", Enumerable.Repeat(_valuesRow, rows));

    private readonly string _deleteSql;
    private readonly Dictionary<string, (string Sql, IReadOnlyList<ImportColumn> Parameters)> _updates = new(StringComparer.Ordinal);
    private readonly Dictionary<ImportColumn, int> _columnIndexes;

    public object?[] Values(object entity) => Columns.Select(c => c.Read(entity)).ToArray();

    public object KeyValue(object entity) => KeyColumns[0].Property.GetGetter().GetClrValue(entity)!;

    /// <summary>Where <paramref name="column"/> is in <see cref="Columns"/> (and so in a stored row's values).</summary>
    public int IndexOf(ImportColumn column) => _columnIndexes[column];

    /// <summary>Whether the row was given its generated key by the importer (which refers to it before it is written).</summary>
    public bool HasId(object entity) =>
        GeneratedKey?.Read(entity) is { } id && Convert.ToInt64(id, CultureInfo.InvariantCulture) != 0; // int or long (the audit log's)

    /// <summary>
    /// Writes a changed row's changed columns (as SaveChanges does: SQLite rewrites only the index entries of columns it
    /// sets); its version was read as the stored one, so a concurrent change makes this fail.
    /// </summary>
    public async Task UpdateAsync(Func<string, IReadOnlyList<ImportColumn>, DbCommand> command, object entity, object?[] storedValues, CancellationToken cancellationToken)
    {
        var values = Values(entity);
        var changed = Columns.Where((c, i) => !KeyColumns.Contains(c) && !Equals(values[i], storedValues[i])).ToList();
        if (changed.Count == 0)
        {
            return; // only child rows changed, and the row keeps its version (it completes its creation)
        }

        var (sql, parameters) = UpdateFor(changed);
        var update = command(sql, parameters);
        for (var i = 0; i < parameters.Count; i++)
        {
            parameters[i].Bind(update.Parameters[i], entity);
        }

        if (Version is not null)
        {
            update.Parameters[parameters.Count - 1].Value = storedValues[IndexOf(Version)]!;
        }

        if (await update.ExecuteNonQueryAsync(cancellationToken) != 1)
        {
            throw new DbUpdateConcurrencyException($"A row of {Name} changed or vanished while the import was writing it.");
        }
    }

    /// <summary>UPDATE … SET the columns WHERE key [AND version = the version read], one per set of columns.</summary>
    private (string Sql, IReadOnlyList<ImportColumn> Parameters) UpdateFor(List<ImportColumn> columns)
    {
        var names = string.Join(",", columns.Select(c => c.Name));
        if (!_updates.TryGetValue(names, out var update))
        {
            IReadOnlyList<ImportColumn> parameters = [.. columns, .. KeyColumns, .. Version is null ? Array.Empty<ImportColumn>() : [Version]];
            var where = KeyColumns.Select((c, i) => $"\"{c.Name}\" = @p{columns.Count + i}")
                .Concat(Version is null ? [] : [$"\"{Version.Name}\" = @p{columns.Count + KeyColumns.Count}"]);
            update = ($"UPDATE \"{Name}\" SET {string.Join(", ", columns.Select((c, i) => $"\"{c.Name}\" = @p{i}"))} WHERE {string.Join(" AND ", where)}", parameters);
            _updates.Add(names, update);
        }

        return update;
    }

    /// <summary>Deletes the row whose stored values (in <see cref="Columns"/> order) are given.</summary>
    public async Task DeleteAsync(Func<string, IReadOnlyList<ImportColumn>, DbCommand> command, object?[] storedValues, CancellationToken cancellationToken)
    {
        var delete = command(_deleteSql, KeyColumns);
        for (var i = 0; i < KeyColumns.Count; i++)
        {
            delete.Parameters[i].Value = storedValues[IndexOf(KeyColumns[i])] ?? DBNull.Value;
        }

        await delete.ExecuteNonQueryAsync(cancellationToken);
    }
}

/// <summary>A collection navigation to rows keyed by their parent and their own values (a set as a join table).</summary>
internal sealed class ImportChildSet(INavigation navigation, ImportTable table)
{
    public ImportTable Table { get; } = table;

    private readonly IClrPropertyGetter _getter = navigation.GetGetter();
    private readonly IReadOnlyList<ImportColumn> _foreignKey = navigation.ForeignKey.Properties.Select(p => table.Columns.Single(c => c.Property == p)).ToList();

    /// <summary>A child row's identity within its parent's set: its values apart from the parent's key.</summary>
    public string Identity(object child) => string.Join('\u001f', Table.Columns.Where(c => !_foreignKey.Contains(c))
        .Select(c => Convert.ToString(c.Read(child), CultureInfo.InvariantCulture)));

    /// <summary>The parent's child rows now, by identity, with their stored values.</summary>
    public Dictionary<string, object?[]> Rows(object parent)
    {
        var rows = new Dictionary<string, object?[]>(StringComparer.Ordinal);
        foreach (var child in (IEnumerable<object>)_getter.GetClrValue(parent)!)
        {
            rows[Identity(child)] = Table.Values(child);
        }

        return rows;
    }

    /// <summary>The parent's child rows, pointed at the parent's key (a new parent's id is known only now).</summary>
    public IEnumerable<object> Children(object parent, object parentKey)
    {
        foreach (var child in (IEnumerable<object>)_getter.GetClrValue(parent)!)
        {
            foreach (var column in _foreignKey)
            {
                column.Set(child, parentKey);
            }

            yield return child;
        }
    }
}

/// <summary>
/// One table's INSERT prepared on the SQLite connection's own handle and bound by position from the values' types. A
/// command's ExecuteNonQuery looks each parameter up by name and walks its statements on every call, which at one call
/// per row cost more than SQLite's own work. It runs on the import's connection, so inside its transaction; a failure
/// throws the SqliteException the command would have thrown.
/// </summary>
internal sealed class SqliteInsert : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public SqliteInsert(SqliteConnection connection, string sql, int rows)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("The import's connection is not open.");
        Rows = rows;
        SqliteException.ThrowExceptionForRC(raw.sqlite3_prepare_v2(_db, sql, out _statement), _db);
    }

    /// <summary>How many rows one execution inserts.</summary>
    public int Rows { get; }

    /// <summary>
    /// Rows per statement for a table of <paramref name="columns"/> columns, within the connection's limit on
    /// parameters. Many rows per statement matter for the tables with a search index: an INSERT whose trigger writes
    /// to an FTS5 table opens a statement savepoint, and FTS5 flushes its pending terms to a new segment at every
    /// savepoint, so one row per statement meant a segment per row and constant merging.
    /// </summary>
    public static int RowsPerStatement(SqliteConnection connection, int columns) =>
        Math.Clamp(raw.sqlite3_limit(connection.Handle, raw.SQLITE_LIMIT_VARIABLE_NUMBER, -1) / columns, 1, MaxRowsPerStatement);

    private const int MaxRowsPerStatement = 1000;

    /// <summary>Inserts <see cref="Rows"/> rows of <paramref name="rows"/> from <paramref name="first"/> on.</summary>
    public void Insert(IReadOnlyList<ImportColumn> columns, IReadOnlyList<object> rows, int first)
    {
        for (var r = 0; r < Rows; r++)
        {
            var row = rows[first + r];
            for (var i = 0; i < columns.Count; i++)
            {
                SqliteException.ThrowExceptionForRC(Bind((r * columns.Count) + i + 1, columns[i].Read(row)), _db);
            }
        }

        var result = raw.sqlite3_step(_statement);
        if (result != raw.SQLITE_DONE)
        {
            // The message first: resetting the statement keeps the error code but not necessarily its text.
            var error = new SqliteException(raw.sqlite3_errmsg(_db).utf8_to_string(), result, raw.sqlite3_extended_errcode(_db));
            _ = raw.sqlite3_reset(_statement);
            throw error;
        }

        SqliteException.ThrowExceptionForRC(raw.sqlite3_reset(_statement), _db);
    }

    /// <summary>Binds a value as Microsoft.Data.Sqlite would store it (the model's converters have already run).</summary>
    private int Bind(int index, object? value) => value switch
    {
        null => raw.sqlite3_bind_null(_statement, index),
        string text => BindText(index, text),
        int number => raw.sqlite3_bind_int64(_statement, index, number),
        long number => raw.sqlite3_bind_int64(_statement, index, number),
        bool flag => raw.sqlite3_bind_int64(_statement, index, flag ? 1 : 0),
        double number => raw.sqlite3_bind_double(_statement, index, number),
        DateOnly date => raw.sqlite3_bind_text(_statement, index, date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)),
        DateTime time => raw.sqlite3_bind_text(_statement, index, time.ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture)),
        _ => throw new NotSupportedException($"The import's SQLite INSERT cannot bind a {value.GetType().Name}."),
    };

    // Text is encoded into this one buffer rather than a new array per value (SQLitePCL's string overload allocates
    // one for every cell): SQLite copies a bound value it is given with SQLITE_TRANSIENT, so the buffer is free again
    // as soon as the call returns.
    private byte[] _utf8 = new byte[256];

    private int BindText(int index, string text)
    {
        if (text.Length == 0)
        {
            // An empty span would reach SQLite as a null pointer, which binds NULL rather than ''.
            return raw.sqlite3_bind_text(_statement, index, text);
        }

        var most = Encoding.UTF8.GetMaxByteCount(text.Length);
        if (most > _utf8.Length)
        {
            _utf8 = new byte[Math.Max(most, _utf8.Length * 2)];
        }

        var length = Encoding.UTF8.GetBytes(text, _utf8);
        return raw.sqlite3_bind_text(_statement, index, _utf8.AsSpan(0, length));
    }

    public void Dispose() => _statement.Dispose();
}
