namespace Compiled.Analyzers.Queries
{
    /// <summary>Metadata and member names of the Compiled DSL the analyzers look for.</summary>
    internal static class KnownNames
    {
        public const string StreamingQueryAttribute = "Compiled.StreamingQueryAttribute";
        public const string OutputMode = "Compiled.OutputMode";
        public const string Stream = "Compiled.IStream`1";
        public const string GroupedStream = "Compiled.IGroupedStream`2";
        public const string Group = "Compiled.IGroup`2";
        public const string Sink = "Compiled.Sinks.ISink`1";

        /// <summary>The generated method that starts a query; its sink parameter is an <c>ISink&lt;T&gt;</c>.</summary>
        public const string StartMethod = "Start";

        /// <summary>The static class of sink factories (<c>Compiled.Sink</c>); <c>Compiled.Sinks</c> is accepted too.</summary>
        public const string SinkFactoryClass = "Sink";
        public const string RootNamespace = "Compiled";
        public const string SinksNamespace = "Compiled.Sinks";
        public const string JsonFilesSink = "JsonFiles";
        public const string CsvFilesSink = "CsvFiles";

        // OutputMode members.
        public const string Append = "Append";
        public const string Update = "Update";
        public const string Complete = "Complete";
    }
}
