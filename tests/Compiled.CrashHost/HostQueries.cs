namespace Compiled.CrashHost;

/// <summary>The end of every crash host: wait for its queries and turn their outcome into the exit code.</summary>
public static class HostQueries
{
    /// <summary>Awaits every query, printing how each ended; 0 when all finished, 1 when one failed.</summary>
    public static async Task<int> AwaitAllAsync(IEnumerable<StreamingQuery> queries)
    {
        int exitCode = 0;
        foreach (StreamingQuery query in queries)
        {
            try
            {
                await query.AwaitTerminationAsync();
                Console.WriteLine($"{query.Name}: finished at batch {query.LastProgress?.BatchId.ToString() ?? "(none)"}");
            }
            catch (StreamingQueryException e)
            {
                Console.Error.WriteLine($"{query.Name} failed: {e}");
                exitCode = 1;
            }
        }
        return exitCode;
    }
}
