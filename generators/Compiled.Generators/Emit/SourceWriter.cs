using System;
using System.Text;

namespace Compiled.Generators.Emit
{
    /// <summary>
    /// Indentation-aware text writer for generated files. Output uses '\n' line endings and four-space indents so the
    /// same model always produces byte-identical source.
    /// </summary>
    internal sealed class SourceWriter
    {
        private const string IndentUnit = "    ";
        private readonly StringBuilder _builder = new StringBuilder();
        private int _indent;

        /// <summary>Writes one line at the current indentation; a string with line breaks is written line by line.</summary>
        public SourceWriter Line(string text)
        {
            if (text.IndexOf('\n') >= 0)
            {
                foreach (var line in text.Replace("\r\n", "\n").Split('\n')) Line(line);
                return this;
            }
            if (text.Length > 0)
            {
                for (int i = 0; i < _indent; i++) _builder.Append(IndentUnit);
                _builder.Append(text);
            }
            _builder.Append('\n');
            return this;
        }

        /// <summary>Writes an empty line.</summary>
        public SourceWriter Line() => Line(string.Empty);

        /// <summary>Writes <c>{</c> and indents.</summary>
        public SourceWriter Open()
        {
            Line("{");
            _indent++;
            return this;
        }

        /// <summary>Writes <paramref name="header"/>, then <c>{</c>, and indents.</summary>
        public SourceWriter Open(string header) => Line(header).Open();

        /// <summary>Unindents and writes <c>}</c> followed by <paramref name="suffix"/>.</summary>
        public SourceWriter Close(string suffix = "")
        {
            if (_indent == 0) throw new InvalidOperationException("Unbalanced block in generated source.");
            _indent--;
            return Line("}" + suffix);
        }

        /// <inheritdoc/>
        public override string ToString() => _builder.ToString();
    }
}
