using Microsoft.CodeAnalysis.CSharp;

namespace Compiled.Generators.Emit
{
    /// <summary>C# literals for generated code (culture-invariant, escaped).</summary>
    internal static class Literals
    {
        /// <summary>A quoted, escaped string literal.</summary>
        public static string String(string value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>A quoted, escaped char literal.</summary>
        public static string Char(char value) => SymbolDisplay.FormatLiteral(value, quote: true);

        /// <summary>An int literal.</summary>
        public static string Int(int value) => value.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The generated-code attribute line.</summary>
        public static string GeneratedCode =>
            "[" + KnownNames.GeneratedCodeG + "(" + String(GeneratorInfo.Tool) + ", " + String(GeneratorInfo.Version) + ")]";

        /// <summary>The <c>OutputMode</c> member for a model value.</summary>
        public static string OutputMode(int mode) => KnownNames.OutputModeG + "." + Model.OutputModes.Name(mode);
    }
}
