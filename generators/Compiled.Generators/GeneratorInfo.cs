namespace Compiled.Generators
{
    /// <summary>Identity written into <c>[GeneratedCode]</c>.</summary>
    internal static class GeneratorInfo
    {
        /// <summary>The tool name.</summary>
        public const string Tool = "Compiled.Generators";

        /// <summary>The generator version (major.minor.build of the assembly), stable across builds of one release.</summary>
        public static string Version { get; } = typeof(GeneratorInfo).Assembly.GetName().Version is { } v
            ? v.Major + "." + v.Minor + "." + v.Build
            : "0.0.0";
    }
}
