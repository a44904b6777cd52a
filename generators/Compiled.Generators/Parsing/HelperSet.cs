using System.Collections.Generic;

namespace Compiled.Generators.Parsing
{
    /// <summary>
    /// Helper methods generated for one lambda (e.g. a span loop for <c>s.Any(char.IsDigit)</c>); a helper written
    /// twice (once for the string body, once for the span body) is emitted once.
    /// </summary>
    internal sealed class HelperSet
    {
        /// <summary>Placeholder for the helper's name inside a template.</summary>
        public const string NameToken = "{NAME}";

        private readonly string _prefix;
        private readonly Dictionary<string, string> _namesByTemplate = new Dictionary<string, string>();
        private readonly List<string> _declarations = new List<string>();

        public HelperSet(string prefix) => _prefix = prefix;

        /// <summary>The complete helper declarations, in the order first requested.</summary>
        public IReadOnlyList<string> Declarations => _declarations;

        /// <summary>The name of the helper declared by <paramref name="template"/>, adding it on first use.</summary>
        public string GetOrAdd(string template, string kind)
        {
            if (_namesByTemplate.TryGetValue(template, out var existing)) return existing;
            string name = _prefix + "_" + kind + _declarations.Count.ToString(System.Globalization.CultureInfo.InvariantCulture);
            _namesByTemplate.Add(template, name);
            _declarations.Add(template.Replace(NameToken, name));
            return name;
        }
    }
}
