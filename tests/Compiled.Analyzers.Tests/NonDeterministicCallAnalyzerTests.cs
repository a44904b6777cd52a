using Verify = Compiled.Analyzers.Tests.Harness.AnalyzerVerifier<Compiled.Analyzers.Rules.NonDeterministicCallAnalyzer>;

namespace Compiled.Analyzers.Tests;

public sealed class NonDeterministicCallAnalyzerTests
{
    private const string Stamped = "public sealed record Stamped(string Customer, DateTime At, Guid Id, long Number);";

    [Fact]
    public Task Clock_new_ids_and_randomness_are_reported() => Verify.VerifyAsync($$"""
        {{Stamped}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Stamp
        {
            static IStream<Stamped> Define(IStream<Order> orders) => orders
                .Where(o => o.Time > [|DateTime.Now|].AddDays(-1) && o.Time < [|DateTime.Today|])
                .Select(o => new Stamped(o.Customer, [|DateTime.UtcNow|], [|Guid.NewGuid()|], [|Random.Shared|].Next(6)));
        }
        """);

    [Fact]
    public Task Timers_offsets_providers_and_crypto_randomness_are_reported() => Verify.VerifyAsync($$"""
        using System.Diagnostics;
        using System.Security.Cryptography;

        {{Stamped}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Stamp
        {
            static IStream<Stamped> Define(IStream<Order> orders) => orders
                .Where(o => [|Environment.TickCount64|] % 2 == 0 && [|Stopwatch.GetTimestamp()|] > 0)
                .Select(o => new Stamped(
                    o.Customer,
                    [|DateTimeOffset.UtcNow|].DateTime,
                    [|Guid.CreateVersion7()|],
                    [|RandomNumberGenerator.GetInt32(100)|] + [|TimeProvider.System.GetUtcNow()|].Ticks));
        }
        """);

    [Fact]
    public Task Random_instances_are_reported_once_per_use() => Verify.VerifyAsync($$"""
        {{Stamped}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Dice
        {
            private static readonly Random Shared = new(42);

            static IStream<Stamped> Define(IStream<Order> orders) => orders
                .Where(o => [|new Random(7)|].Next(2) == 0)
                .Select(o => new Stamped(o.Customer, o.Time, Guid.Empty, [|Shared.NextInt64()|]));
        }
        """);

    [Fact]
    public Task Deterministic_members_and_code_outside_query_bodies_are_not_reported() => Verify.VerifyAsync($$"""
        {{Stamped}}

        [StreamingQuery(OutputMode.Append)]
        static partial class Stamp
        {
            static IStream<Stamped> Define(IStream<Order> orders) => orders
                .Where(o => o.Time > new DateTime(2024, 1, 1) && o.Time < DateTime.MaxValue.AddDays(-1))
                .Select(o => new Stamped(o.Customer, o.Time.Date + TimeSpan.FromHours(1), Guid.Parse("6f1c3f0e-8a8e-4f7e-9d55-3c7c9b2a1e10"), o.Quantity));

            // Not a query definition: runs once, outside any batch.
            static DateTime Now() => DateTime.Now;
        }

        static class Program
        {
            static (DateTime, Guid, int) Run() => (DateTime.UtcNow, Guid.NewGuid(), Random.Shared.Next());
        }
        """);

    [Fact]
    public async Task Message_names_the_call_and_suggests_the_event_time()
    {
        var diagnostics = await Verify.GetDiagnosticsAsync("""
            [StreamingQuery(OutputMode.Append)]
            static partial class Recent
            {
                static IStream<Order> Define(IStream<Order> orders) => orders.Where(o => o.Time > DateTime.UtcNow.AddHours(-1));
            }
            """);
        var message = Assert.Single(diagnostics).GetMessage();
        Assert.StartsWith("'DateTime.UtcNow' in query 'Recent' is not deterministic", message);
        Assert.Contains("event-time member", message);
    }
}
