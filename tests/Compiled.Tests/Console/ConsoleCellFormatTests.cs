using Compiled.Sinks.ConsoleTable;

namespace Compiled.Tests.ConsoleTable;

public sealed class ConsoleCellFormatTests
{
    [Theory]
    [InlineData(1.0, "1.0")]
    [InlineData(100.0, "100.0")]
    [InlineData(1234567.0, "1234567.0")]
    [InlineData(1.0E7, "1.0E7")]
    [InlineData(12345678.9, "1.23456789E7")]
    [InlineData(0.001, "0.001")]
    [InlineData(0.0001, "1.0E-4")]
    [InlineData(1.5E-5, "1.5E-5")]
    [InlineData(-2.5, "-2.5")]
    [InlineData(3.14159, "3.14159")]
    [InlineData(0.1 + 0.2, "0.30000000000000004")]
    [InlineData(1E20, "1.0E20")]
    [InlineData(double.MaxValue, "1.7976931348623157E308")]
    [InlineData(0.0, "0.0")]
    [InlineData(-0.0, "-0.0")]
    [InlineData(double.NaN, "NaN")]
    [InlineData(double.PositiveInfinity, "Infinity")]
    [InlineData(double.NegativeInfinity, "-Infinity")]
    public void Doubles_print_as_Java_does(double value, string expected) =>
        Assert.Equal(expected, CellFormatter.Format(value));

    [Theory]
    [InlineData(1.1f, "1.1")]
    [InlineData(1.0E10f, "1.0E10")]
    [InlineData(0.5f, "0.5")]
    public void Floats_print_as_Java_does(float value, string expected) =>
        Assert.Equal(expected, CellFormatter.Format(value));

    public sealed record Inner(int Id, string? Name);

    [Fact]
    public void Values_print_as_Spark_shows_them()
    {
        Assert.Equal("NULL", CellFormatter.Format(null));
        Assert.Equal("true", CellFormatter.Format(true));
        Assert.Equal("-42", CellFormatter.Format(-42));
        Assert.Equal("1.50", CellFormatter.Format(1.50m));
        Assert.Equal("2024-03-01 12:34:56", CellFormatter.Format(new DateTime(2024, 3, 1, 12, 34, 56)));
        Assert.Equal("2024-03-01 12:34:56.12", CellFormatter.Format(new DateTime(2024, 3, 1, 12, 34, 56, 120)));
        Assert.Equal("2024-03-01 10:34:56", CellFormatter.Format(new DateTimeOffset(2024, 3, 1, 12, 34, 56, TimeSpan.FromHours(2))));
        Assert.Equal("2024-03-01", CellFormatter.Format(new DateOnly(2024, 3, 1)));
        Assert.Equal("[0A FF]", CellFormatter.Format(new byte[] { 0x0A, 0xFF }));
        Assert.Equal("[1, 2, 3]", CellFormatter.Format(new[] { 1, 2, 3 }));
        Assert.Equal("[a, NULL]", CellFormatter.Format(new List<string?> { "a", null }));
        Assert.Equal("{a -> 1}", CellFormatter.Format(new Dictionary<string, int> { ["a"] = 1 }));
        Assert.Equal("{7, NULL}", CellFormatter.Format(new Inner(7, null)));
        Assert.Equal("Friday", CellFormatter.Format(DayOfWeek.Friday));
    }
}
