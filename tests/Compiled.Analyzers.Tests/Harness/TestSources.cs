namespace Compiled.Analyzers.Tests.Harness;

/// <summary>Source files every test compilation gets beside the test's own.</summary>
internal static class TestSources
{
    /// <summary>Usings and the row types the tests' queries read and write.</summary>
    public const string Prelude = """
        global using System;
        global using System.Collections.Generic;
        global using Compiled;
        global using Compiled.Sinks;

        public sealed record Order(string Customer, string Product, int Quantity, decimal Amount, DateTime Time);
        public sealed record CustomerTotal(string Customer, long Orders, decimal Amount);
        """;
}
