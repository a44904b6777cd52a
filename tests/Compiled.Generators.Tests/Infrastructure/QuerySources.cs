using System.Runtime.CompilerServices;

namespace Compiled.Generators.Tests.Infrastructure;

/// <summary>The query files of this project (Queries/), as source text for the generator driver.</summary>
internal static class QuerySources
{
    private static string Directory([CallerFilePath] string file = "") =>
        Path.Combine(Path.GetDirectoryName(Path.GetDirectoryName(file)!)!, "Queries");

    /// <summary>Names of the query files, without extension.</summary>
    public static IEnumerable<string> Names() =>
        System.IO.Directory.GetFiles(Directory(), "*.cs").Select(Path.GetFileNameWithoutExtension).Where(n => n != "Rows")
            .Order(StringComparer.Ordinal)!;

    /// <summary>A query file together with the row types it uses.</summary>
    public static string[] WithRows(string name) =>
        [File.ReadAllText(Path.Combine(Directory(), name + ".cs")), File.ReadAllText(Path.Combine(Directory(), "Rows.cs"))];
}
