using System.Collections;
using System.Reflection;
using Compiled.Generators.Model;
using Compiled.Generators.Planning;
using Compiled.Generators.Tests.Infrastructure;

namespace Compiled.Generators.Tests.Generation;

/// <summary>The cached pipeline values: value-equal, and free of Roslyn objects that would pin a compilation.</summary>
public sealed class ModelTests
{
    public static TheoryData<string> QueryFiles => new(QuerySources.Names());

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void Model_and_plan_hold_no_Roslyn_objects(string name)
    {
        var run = GeneratorHarness.Run(QuerySources.WithRows(name));
        var model = StepValue<QuerySpec>(run, StepNames.Model);
        var plan = StepValue<PhysicalPlan>(run, StepNames.Plan);
        int visited = AssertNoRoslynObjects(model) + AssertNoRoslynObjects(plan);
        Assert.True(visited > 20, $"walked only {visited} objects");
    }

    public static TheoryData<string> EventTimeNames => new(EventTimeQueries.All.Keys.Order(StringComparer.Ordinal));

    [Theory]
    [MemberData(nameof(EventTimeNames))]
    public void Event_time_model_and_plan_hold_no_Roslyn_objects(string name)
    {
        var first = ModelReader.Read(EventTimeQueries.All[name], EventTimeQueries.Rows).Query!;
        var second = ModelReader.Read(EventTimeQueries.All[name], EventTimeQueries.Rows).Query!;
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
        var plan = Planner.Plan(first, CancellationToken.None);
        Assert.Contains(first.Operators, o => o is AggregateSpec { Window: not null });
        int visited = AssertNoRoslynObjects(first) + AssertNoRoslynObjects(plan);
        Assert.True(visited > 20, $"walked only {visited} objects");
    }

    [Theory]
    [MemberData(nameof(QueryFiles))]
    public void Models_of_separate_compilations_are_equal(string name)
    {
        var first = StepValue<QuerySpec>(GeneratorHarness.Run(QuerySources.WithRows(name)), StepNames.Model);
        var second = StepValue<QuerySpec>(GeneratorHarness.Run(QuerySources.WithRows(name)), StepNames.Model);
        Assert.NotSame(first, second);
        Assert.Equal(first, second);
        Assert.Equal(first.GetHashCode(), second.GetHashCode());
    }

    [Fact]
    public void Equatable_array_compares_elements()
    {
        var a = new[] { "x", "y" }.ToEquatableArray();
        Assert.Equal(a, new[] { "x", "y" }.ToEquatableArray());
        Assert.NotEqual(a, new[] { "y", "x" }.ToEquatableArray());
        Assert.NotEqual(a, new[] { "x" }.ToEquatableArray());
        Assert.Equal(a.GetHashCode(), new[] { "x", "y" }.ToEquatableArray().GetHashCode());
    }

    private static T StepValue<T>(GeneratorRun run, string step) =>
        run.Result.TrackedSteps[step].SelectMany(s => s.Outputs).Select(o => o.Value).OfType<T>().Single();

    private static int AssertNoRoslynObjects(object root)
    {
        var seen = new HashSet<object>(ReferenceEqualityComparer.Instance);
        var pending = new Stack<(object Value, string Path)>();
        pending.Push((root, root.GetType().Name));
        while (pending.Count > 0)
        {
            var (value, path) = pending.Pop();
            var type = value.GetType();
            Assert.False(type.Assembly.GetName().Name!.StartsWith("Microsoft.CodeAnalysis", StringComparison.Ordinal),
                $"{path} holds a {type.FullName}");
            if (type.IsPrimitive || type.IsEnum || value is string || !seen.Add(value)) continue;
            if (value is IEnumerable items)
            {
                int i = 0;
                foreach (var item in items)
                {
                    if (item is not null) pending.Push((item, path + "[" + i + "]"));
                    i++;
                }
                continue;
            }
            foreach (var property in type.GetProperties(BindingFlags.Public | BindingFlags.Instance))
            {
                if (property.GetIndexParameters().Length > 0 || property.Name == "EqualityContract") continue;
                if (property.GetValue(value) is { } child) pending.Push((child, path + "." + property.Name));
            }
        }
        return seen.Count;
    }
}
