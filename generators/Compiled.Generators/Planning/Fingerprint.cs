using System.Globalization;
using System.Text;

namespace Compiled.Generators.Planning
{
    /// <summary>Stable hashes of canonical schema text (FNV-1a, 64 bit): the same text gives the same hash on every machine and build.</summary>
    internal static class Fingerprint
    {
        private const ulong OffsetBasis = 14695981039346656037UL;
        private const ulong Prime = 1099511628211UL;

        /// <summary>16 lowercase hex digits of the FNV-1a hash of <paramref name="text"/>'s UTF-8 bytes.</summary>
        public static string Of(string text)
        {
            ulong hash = OffsetBasis;
            foreach (byte b in Encoding.UTF8.GetBytes(text))
            {
                unchecked
                {
                    hash = (hash ^ b) * Prime;
                }
            }
            return hash.ToString("x16", CultureInfo.InvariantCulture);
        }
    }
}
