namespace Compiled.Hosting;

/// <summary>Every query hosted in the application, for the health check; one per service provider.</summary>
public sealed class HostedQueryRegistry
{
    private readonly List<HostedQuery> _queries = [];

    /// <summary>The hosted queries, in registration order.</summary>
    public IReadOnlyList<HostedQuery> Queries
    {
        get { lock (_queries) return _queries.ToArray(); }
    }

    /// <summary>The hosted query named <paramref name="name"/>, or null.</summary>
    public HostedQuery? Find(string name)
    {
        lock (_queries) return _queries.Find(q => q.Name == name);
    }

    internal void Add(HostedQuery query)
    {
        lock (_queries)
        {
            if (_queries.Exists(q => q.Name == query.Name))
                throw new InvalidOperationException($"A streaming query named '{query.Name}' is already hosted; give each AddStreamingQuery its own name.");
            _queries.Add(query);
        }
    }
}
