using Compiled.State.Faster;
using Compiled.State;

namespace Compiled.Tests.State;

/// <summary>Bad input and changed queries fail with messages that name the operator and what is wrong.</summary>
public sealed class FasterStateStoreErrorTests
{
    private const long Budget = 1 << 20;

    [Fact]
    public void Recovering_an_operator_the_checkpoint_does_not_know_names_it_and_the_known_ones()
    {
        using var dir = new TempDirectory();
        WriteOneVersion(dir.Path, "windowAgg");

        using var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null);
        var error = Assert.Throws<InvalidDataException>(() => provider.GetStore<long, long>("dedup", null, null));
        Assert.Contains("'dedup'", error.Message);
        Assert.Contains("windowAgg", error.Message);
    }

    [Fact]
    public void Recovering_with_other_key_or_value_types_is_refused()
    {
        using var dir = new TempDirectory();
        WriteOneVersion(dir.Path, "agg");

        using var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null);
        var error = Assert.Throws<InvalidDataException>(() => provider.GetStore<long, int>("agg", null, null));
        Assert.Contains("'agg'", error.Message);
        Assert.Contains("System.Int64 (raw:8) -> System.Int64 (raw:8)", error.Message);
        Assert.Contains("System.Int64 (raw:8) -> System.Int32 (raw:4)", error.Message);
    }

    [Fact]
    public void Asking_for_one_operator_with_two_type_pairs_is_refused()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<long, long> first = provider.GetStore<long, long>("agg", null, null);
        Assert.Same(first, provider.GetStore<long, long>("agg", null, null));
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetStore<string, long>("agg", null, null));
        Assert.Contains("'agg'", error.Message);
    }

    [Fact]
    public void A_reference_type_without_a_serializer_names_the_operator_and_the_type()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        var error = Assert.Throws<InvalidOperationException>(() => provider.GetStore<long, Totals>("totals", null, null));
        Assert.Contains("'totals'", error.Message);
        Assert.Contains("Compiled.Tests.State.Totals", error.Message);
        Assert.Contains("IStateSerializer<Totals>", error.Message);
    }

    [Fact]
    public void Strings_and_byte_arrays_need_no_serializer()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<string, byte[]> store = provider.GetStore<string, byte[]>("raw", null, null);
        store.Put("a", [1, 2, 3]);
        Assert.True(store.TryGet("a", out byte[]? bytes));
        Assert.Equal([1, 2, 3], bytes);
    }

    [Fact]
    public void A_missing_version_is_reported_with_its_path()
    {
        using var dir = new TempDirectory();
        WriteOneVersion(dir.Path, "agg");
        using var provider = new FasterStateStoreProvider(dir.Path, 7, Budget, null);
        var error = Assert.Throws<InvalidDataException>(() => provider.GetStore<long, long>("agg", null, null));
        Assert.Contains("State version 7 is missing", error.Message);
        Assert.Contains("_versions", error.Message);
    }

    [Fact]
    public void A_corrupt_version_file_is_reported_with_its_path()
    {
        using var dir = new TempDirectory();
        WriteOneVersion(dir.Path, "agg");
        File.WriteAllText(Path.Combine(dir.Path, "_versions", "0.json"), "{ \"batchId\": 0 ");
        using var provider = new FasterStateStoreProvider(dir.Path, 0, Budget, null);
        var error = Assert.Throws<InvalidDataException>(() => provider.GetStore<long, long>("agg", null, null));
        Assert.Contains("0.json", error.Message);
        Assert.Contains("corrupt", error.Message);
    }

    [Fact]
    public void An_entry_larger_than_a_log_page_names_the_operator_and_the_option()
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        IBaseStore<string, string> store = provider.GetStore<string, string>("sessions", null, null);
        var error = Assert.Throws<InvalidOperationException>(() => store.Put("k", new string('x', 100_000)));
        Assert.Contains("'sessions'", error.Message);
        Assert.Contains("StateMemoryBudgetBytes", error.Message);
        Assert.Equal(0, store.Count);
        store.Put("k", "small");
        Assert.Equal(1, store.Count);
    }

    [Theory]
    [InlineData("")]
    [InlineData("../escape")]
    [InlineData("a/b")]
    [InlineData("_versions")]
    [InlineData("with space")]
    public void Operator_ids_must_be_safe_directory_names(string operatorId)
    {
        using var dir = new TempDirectory();
        using var provider = new FasterStateStoreProvider(dir.Path, null, Budget, null);
        Assert.ThrowsAny<ArgumentException>(() => provider.GetStore<long, long>(operatorId, null, null));
    }

    [Fact]
    public void A_budget_below_the_minimum_is_refused_naming_the_option()
    {
        using var dir = new TempDirectory();
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => new FasterStateStoreProvider(dir.Path, null, 64 << 10, null));
        Assert.Contains("StateMemoryBudgetBytes", error.Message);
    }

    private static void WriteOneVersion(string directory, string operatorId)
    {
        using var provider = new FasterStateStoreProvider(directory, null, Budget, null);
        provider.GetStore<long, long>(operatorId, null, null).Put(1, 1);
        provider.Checkpoint(0);
    }
}
