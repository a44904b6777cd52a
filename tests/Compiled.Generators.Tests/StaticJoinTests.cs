using Compiled.Generators.Tests.Infrastructure;
using Compiled.Generators.Tests.Queries;

namespace Compiled.Generators.Tests;

/// <summary>
/// Stream-static joins compiled by the generator against the reference interpretation of the same <c>Define</c>
/// (LINQ joins with Spark's null-key rule), batch by batch, and the table's refresh policies.
/// </summary>
public sealed class StaticJoinTests : IDisposable
{
    private readonly string _directory = Directory.CreateTempSubdirectory("compiled-static-join-").FullName;

    public void Dispose() => Directory.Delete(_directory, recursive: true);

    /// <summary>
    /// Desks of all but one broker of the trades, one broker with two desks (a stream row matches twice) and a desk
    /// with a null broker (never matches, as in Spark).
    /// </summary>
    private static List<BrokerDesk> Desks(IEnumerable<Trade> trades, int seed)
    {
        var brokers = trades.Select(t => t.Broker).Distinct().Order(StringComparer.Ordinal).ToList();
        var random = new Random(seed);
        var desks = brokers.Skip(1).Select(b => new BrokerDesk(b, "desk-" + b + "-" + random.Next(100), random.Next(1000))).ToList();
        desks.Add(new BrokerDesk(brokers[^1], "second-desk", 1));
        desks.Add(new BrokerDesk(null!, "nobody's", 0));
        return desks;
    }

    [Theory]
    [InlineData(31)]
    [InlineData(32)]
    public void Left_outer_join_matches_reference_with_misses_and_repeats(int seed)
    {
        var trades = TestData.Trades(2000, seed);
        var desks = StaticTable<BrokerDesk>.FromRows(Desks(trades, seed));
        Differential.Append(() => StaticJoinBrokers.CreatePlan(desks), s => StaticJoinBrokers.Reference(s, desks), trades, seed);
        // The data must exercise both sides of the outer join.
        var output = Differential.Evaluate(s => StaticJoinBrokers.Reference(s, desks), trades);
        Assert.Contains(output, r => r.Desk is null);
        Assert.Contains(output, r => r.Desk == "second-desk");
    }

    [Fact]
    public void Semi_and_anti_joins_with_two_tables_match_reference()
    {
        var trades = TestData.Trades(2000, 33);
        var desks = StaticTable<BrokerDesk>.FromRows(Desks(trades, 33));
        var blocked = StaticTable<string>.FromRows([trades[0].Type]);
        Differential.Append(() => StaticSemiJoin.CreatePlan(desks, blocked), s => StaticSemiJoin.Reference(s, desks, blocked), trades, 33);
        var output = Differential.Evaluate(s => StaticSemiJoin.Reference(s, desks, blocked), trades);
        Assert.InRange(output.Count, 1, trades.Count - 1);
    }

    [Fact]
    public void Table_on_the_left_with_a_tuple_key_feeds_an_aggregation()
    {
        var trades = TestData.Trades(2000, 34);
        var types = trades.Select(t => t.Type).Distinct().ToList();
        var rows = Desks(trades, 34).Select((d, i) => d with { Desk = types[i % types.Count] }).ToList();
        var desks = StaticTable<BrokerDesk>.FromRows(rows);
        Differential.Update(() => StaticJoinCounts.CreatePlan(desks), s => StaticJoinCounts.Reference(desks, s), r => r.Word, trades, 34,
            restartMidway: true);
        Assert.NotEmpty(Differential.Evaluate(s => StaticJoinCounts.Reference(desks, s), trades));
    }

    [Fact]
    public void A_table_that_refreshes_when_changed_is_read_again_before_the_next_batch()
    {
        string file = Path.Combine(_directory, "desks.jsonl");
        File.WriteAllText(file, """{"Broker":"ann","Desk":"first","Limit":1}""" + "\n");
        var desks = StaticTable<BrokerDesk>.FromJsonLines(file, TableRefresh.WhenChanged);
        var atStart = StaticTable<BrokerDesk>.FromJsonLines(file);
        var changing = new PlanRunner<Trade, TradeDesk>(() => StaticJoinBrokers.CreatePlan(desks));
        var fixedRows = new PlanRunner<Trade, TradeDesk>(() => StaticJoinBrokers.CreatePlan(atStart));
        Trade[] batch = [new Trade(1, "t", 100, "ann", 1, 1, Side.Sell)];

        Assert.Equal("first", Assert.Single(changing.Run(batch)).Desk);
        Assert.Equal("first", Assert.Single(fixedRows.Run(batch)).Desk);
        File.WriteAllText(file, """{"Broker":"ann","Desk":"second","Limit":1}""" + "\n" + """{"Broker":"ann","Desk":"third","Limit":1}""" + "\n");
        File.SetLastWriteTimeUtc(file, DateTime.UtcNow.AddMinutes(1));

        Assert.Equal(["second", "third"], changing.Run(batch).Select(r => r.Desk));
        Assert.Equal("first", Assert.Single(fixedRows.Run(batch)).Desk);
    }

    [Fact]
    public void A_bad_table_file_names_the_file_and_line()
    {
        string file = Path.Combine(_directory, "desks.jsonl");
        File.WriteAllText(file, """{"Broker":"ann","Desk":"first","Limit":1}""" + "\n" + "{not json\n");
        var runner = new PlanRunner<Trade, TradeDesk>(() => StaticJoinBrokers.CreatePlan(StaticTable<BrokerDesk>.FromJsonLines(file)));
        var error = Assert.ThrowsAny<Exception>(() => runner.Run([new Trade(1, "t", 100, "ann", 1, 1, Side.Sell)]));
        Assert.Contains("desks.jsonl", error.Message, StringComparison.Ordinal);
        Assert.Contains("2", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_table_is_refused_when_the_plan_is_made() =>
        Assert.Throws<ArgumentNullException>(() => StaticJoinBrokers.CreatePlan(null!));
}
