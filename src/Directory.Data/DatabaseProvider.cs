namespace Directory.Data;

/// <summary>The database behind the directory (configuration key <c>Database:Provider</c>).</summary>
public enum DatabaseProvider
{
    /// <summary>An embedded file: the default, for one machine.</summary>
    Sqlite,

    /// <summary>A server: for several API instances serving one national directory.</summary>
    Postgres,
}
