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

    /// <summary>
    /// Stand-ins for the runtime's sink factories (<c>Compiled.Sink</c>), so CQ1005 can be tested before
    /// and independently of the runtime that provides them; the analyzer matches them by name.
    /// </summary>
    public const string SinkFactories = """
        namespace Compiled
        {
            public static class Sink
            {
                public static ISink<T> JsonFiles<T>(string path) => throw new NotImplementedException();
                public static ISink<T> CsvFiles<T>(string path) => throw new NotImplementedException();
                public static ISink<T> Console<T>() => throw new NotImplementedException();
                public static ISink<T> Memory<T>() => throw new NotImplementedException();
            }
        }
        """;
}
