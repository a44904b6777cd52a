using System.Reflection;

namespace Compiled.Diagnostics
{
    /// <summary>Where each diagnostic's documentation page lives: docs/diagnostics of the repository at this release's tag.</summary>
    internal static class HelpLinks
    {
        /// <summary>The name of the assembly metadata that Directory.Build.props fills from RepositoryUrl and Version.</summary>
        public const string DocsRootMetadata = "CompiledDocsRoot";

        /// <summary>
        /// <c>https://github.com/…/blob/v0.1.0/docs/</c>: read from the assembly, so the link follows the package's
        /// version and never points at a branch whose pages may have moved on.
        /// </summary>
        public static string DocsRoot { get; } = ReadDocsRoot();

        /// <summary>The help link of diagnostic <paramref name="id"/>.</summary>
        public static string For(string id) => DocsRoot + "diagnostics/" + id + ".md";

        private static string ReadDocsRoot()
        {
            foreach (var attribute in typeof(HelpLinks).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>())
            {
                if (attribute.Key == DocsRootMetadata && attribute.Value is { Length: > 0 } value) return value;
            }
            throw new System.InvalidOperationException(
                "The assembly has no [AssemblyMetadata(\"" + DocsRootMetadata + "\")]: build it with the repository's Directory.Build.props.");
        }
    }
}
