using Compiled.Sinks;

namespace Compiled.Tests.ConsoleTable;

public sealed class ConsoleColumnTests
{
    // Positional parameters in constructor order, then the body's own property.
    public sealed record Reading(string Sensor, double Celsius, DateTime At)
    {
        public double Fahrenheit => Celsius * 9 / 5 + 32;
    }

    public struct Point
    {
        public int X;
        public int Y;
    }

    private static string Header<T>(T row)
    {
        var writer = new StringWriter { NewLine = "\n" };
        Sink.Console<T>(new ConsoleSinkOptions { Output = writer }).AddBatch(0, new[] { row });
        return writer.ToString().Split('\n')[4];
    }

    [Fact]
    public void Record_columns_follow_the_constructor_then_the_body()
    {
        var row = new Reading("s1", 20.0, new DateTime(2024, 1, 1));
        Assert.Equal("|Sensor|Celsius|                 At|Fahrenheit|", Header(row));
    }

    [Fact]
    public void Public_fields_are_columns()
    {
        Assert.Equal("|  X|  Y|", Header(new Point { X = 1, Y = 2 }));
    }

    [Fact]
    public void Scalars_are_one_value_column()
    {
        Assert.Equal("|value|", Header(42L));
        Assert.Equal("|    value|", Header(new[] { 1, 2, 3 }));
    }
}
