namespace Directory.Data.Changes;

/// <summary>What kind of entity changed: the entities a directory user watches.</summary>
public enum ChangeKind
{
    Organisation,
    Contact,
    Response,
    Contract,
    Partnership,
    Funding,
}

/// <summary>What happened to it.</summary>
public enum ChangeAction
{
    Created,
    Updated,
    Removed,

    /// <summary>A contact erased on request (right to erasure): gone like a removal, and its personal data redacted everywhere.</summary>
    Erased,
}

/// <summary>
/// One committed change: the entity's kind and natural key (an organisation's code, a contact's <c>C00001</c>…), what
/// happened and when it was saved. Deliberately nothing else: the entity is read again, for each subscriber's own
/// viewer, when the change is delivered, so no data travels that its receiver may not see.
/// </summary>
public sealed record DirectoryChange(ChangeKind Kind, ChangeAction Action, string Key, DateTime At);
