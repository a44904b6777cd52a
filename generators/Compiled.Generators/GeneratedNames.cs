namespace Compiled.Generators
{
    /// <summary>Names of generated parameters and members that parsing and emitting must agree on.</summary>
    internal static class GeneratedNames
    {
        /// <summary>The key parameter of a group result method.</summary>
        public const string Key = "__key";

        /// <summary>The accumulator parameter of a group result method.</summary>
        public const string Accumulator = "__acc";

        /// <summary>The accumulator field of aggregate call <paramref name="index"/> (the sum, for averages).</summary>
        public static string ValueField(int index) => "A" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);

        /// <summary>The row count field of average call <paramref name="index"/>.</summary>
        public static string CountField(int index) => "N" + index.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }
}
