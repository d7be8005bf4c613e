using Directory.GraphQL.Execution;

namespace Directory.GraphQL.Types;

public sealed partial class SchemaBuilder
{
    private readonly List<(string Type, string Field, SubscriptionSource Source)> _subscribers = [];

    /// <summary>
    /// Gives a field of the subscription root type its source event stream. The field's resolver (explicit or
    /// default) then reads each event: with the default resolver an event is read like any parent object.
    /// </summary>
    public SchemaBuilder Subscribe(string typeName, string fieldName, Func<ResolverContext, IAsyncEnumerable<object?>> source)
    {
        ArgumentNullException.ThrowIfNull(source);
        return Subscribe(typeName, fieldName, (SubscriptionSource)(ctx => new ValueTask<IAsyncEnumerable<object?>>(source(ctx))));
    }

    /// <inheritdoc cref="Subscribe(string, string, Func{ResolverContext, IAsyncEnumerable{object?}})"/>
    public SchemaBuilder Subscribe(string typeName, string fieldName, SubscriptionSource source)
    {
        ArgumentNullException.ThrowIfNull(source);
        _subscribers.Add((typeName, fieldName, source));
        return this;
    }

    private void BindSubscribers(Schema schema, Action<string> problem)
    {
        foreach (var (typeName, fieldName, source) in _subscribers)
        {
            if (schema.SubscriptionType is not { } root || root.Name != typeName)
            {
                problem($"Subscriber given for \"{typeName}.{fieldName}\", but \"{typeName}\" is not the schema's subscription type.");
                continue;
            }
            if (root.Fields[fieldName] is not { } field)
            {
                problem($"Subscriber given for \"{typeName}.{fieldName}\", but type \"{typeName}\" has no field \"{fieldName}\".");
                continue;
            }
            field.Subscriber = source;
        }
    }
}
