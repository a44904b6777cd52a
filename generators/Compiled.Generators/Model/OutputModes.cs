namespace Compiled.Generators.Model
{
    /// <summary>The values of <c>Compiled.OutputMode</c>, which the generator reads from the attribute as integers.</summary>
    internal static class OutputModes
    {
        /// <summary><c>OutputMode.Append</c>.</summary>
        public const int Append = 0;

        /// <summary><c>OutputMode.Update</c>.</summary>
        public const int Update = 1;

        /// <summary><c>OutputMode.Complete</c>.</summary>
        public const int Complete = 2;

        /// <summary>The member name of <paramref name="mode"/>.</summary>
        public static string Name(int mode) => mode switch
        {
            Append => "Append",
            Update => "Update",
            _ => "Complete",
        };
    }
}
