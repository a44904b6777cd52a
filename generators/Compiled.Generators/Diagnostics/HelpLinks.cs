namespace Compiled.Diagnostics
{
    /// <summary>Where each diagnostic's documentation page lives.</summary>
    internal static class HelpLinks
    {
        private const string DocsRoot = "https://github.com/compiled-streaming/compiled/blob/main/docs/diagnostics/";

        /// <summary>The help link of diagnostic <paramref name="id"/>.</summary>
        public static string For(string id) => DocsRoot + id + ".md";
    }
}
