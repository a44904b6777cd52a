using Compiled;
using Compiled.Checkpointing;

namespace Compiled.Samples;

/// <summary>Runs a sample's query until it ends or Ctrl+C, turning the errors a user can cause into a message and an exit code.</summary>
internal static class SampleHost
{
    /// <summary>
    /// Starts the query with <paramref name="start"/> and waits for it: 0 when it ends or is stopped with Ctrl+C,
    /// 1 when the checkpoint is refused or the query fails (the message goes to standard error, prefixed with
    /// <paramref name="sample"/>).
    /// </summary>
    public static async Task<int> RunAsync(string sample, Func<StreamingQuery> start)
    {
        StreamingQuery started;
        try
        {
            started = start();
        }
        catch (CheckpointException e)
        {
            Console.Error.WriteLine($"{sample}: {e.Message}");
            return 1;
        }
        await using var query = started;

        using var stopOnCtrlC = new CancellationTokenSource();
        Console.CancelKeyPress += (_, e) =>
        {
            e.Cancel = true;
            stopOnCtrlC.Cancel();
        };

        try
        {
            await query.AwaitTerminationAsync(stopOnCtrlC.Token);
        }
        catch (OperationCanceledException) when (stopOnCtrlC.IsCancellationRequested)
        {
            await query.StopAsync();
        }
        catch (StreamingQueryException e)
        {
            Console.Error.WriteLine($"{sample}: {e.Message}");
            return 1;
        }
        return 0;
    }
}
