namespace Compiled.Generators.Emit.Operators
{
    /// <summary>The variable holding the current row in a fused loop.</summary>
    /// <param name="Variable">The local's name.</param>
    /// <param name="IsSpan">True when the row is a <c>ReadOnlySpan&lt;char&gt;</c> standing in for a string.</param>
    internal readonly struct Row
    {
        public Row(string variable, bool isSpan)
        {
            Variable = variable;
            IsSpan = isSpan;
        }

        /// <summary>The local's name.</summary>
        public string Variable { get; }

        /// <summary>True for a span row.</summary>
        public bool IsSpan { get; }
    }
}
