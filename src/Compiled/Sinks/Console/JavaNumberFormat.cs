using System.Globalization;
using System.Numerics;
using System.Text;

namespace Compiled.Sinks.ConsoleTable;

/// <summary>
/// Formats floating-point numbers as Java's <c>Double.toString</c> / <c>Float.toString</c> do, which is
/// what Spark prints: shortest round-trip digits, at least one fractional digit ("1.0"), plain notation
/// for magnitudes in [10^-3, 10^7), otherwise "d.dddE±n" ("1.0E10", "1.5E-5").
/// </summary>
/// <remarks>
/// One known difference: where the shortest form has a single digit, Java picks the closest two-digit
/// decimal, which differs only for some subnormals (Java prints <c>Double.MIN_VALUE</c> as 4.9E-324, this 5.0E-324).
/// </remarks>
internal static class JavaNumberFormat
{
    private const int PlainMinExponent = -3;   // 0.001 is still plain
    private const int PlainMaxExponent = 7;    // 10,000,000 switches to E notation

    /// <summary>Java's <c>Double.toString</c> (for <see cref="double"/>) or <c>Float.toString</c> (for <see cref="float"/>).</summary>
    public static string Format<T>(T value)
        where T : IFloatingPointIeee754<T> =>
        T.IsNaN(value) ? "NaN"
        : T.IsInfinity(value) ? (T.IsPositive(value) ? "Infinity" : "-Infinity")
        : T.IsZero(value) ? (T.IsNegative(value) ? "-0.0" : "0.0")
        : FromShortest(T.IsNegative(value), T.Abs(value).ToString("R", CultureInfo.InvariantCulture));

    /// <summary>Re-lays out .NET's shortest round-trip text (e.g. "1.5E-05", "123.45") in Java's notation.</summary>
    private static string FromShortest(bool negative, string shortest)
    {
        int e = shortest.IndexOf('E');
        string mantissa = e < 0 ? shortest : shortest[..e];
        int exponent = e < 0 ? 0 : int.Parse(shortest.AsSpan(e + 1), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture);

        int point = mantissa.IndexOf('.');
        string digits = point < 0 ? mantissa : string.Concat(mantissa.AsSpan(0, point), mantissa.AsSpan(point + 1));
        int integerDigits = point < 0 ? mantissa.Length : point;

        int leadingZeros = 0;
        while (leadingZeros < digits.Length - 1 && digits[leadingZeros] == '0') leadingZeros++;
        digits = digits[leadingZeros..].TrimEnd('0');
        if (digits.Length == 0) digits = "0";
        // value = d1.d2d3… × 10^sci
        int sci = integerDigits - leadingZeros - 1 + exponent;

        var sb = new StringBuilder(digits.Length + 8);
        if (negative) sb.Append('-');
        if (sci >= PlainMinExponent && sci < PlainMaxExponent)
        {
            if (sci >= 0)
            {
                int whole = sci + 1;
                sb.Append(digits.Length > whole ? digits[..whole] : digits.PadRight(whole, '0'));
                sb.Append('.');
                sb.Append(digits.Length > whole ? digits[whole..] : "0");
            }
            else
            {
                sb.Append("0.").Append('0', -sci - 1).Append(digits);
            }
        }
        else
        {
            sb.Append(digits[0]).Append('.');
            sb.Append(digits.Length > 1 ? digits[1..] : "0");
            sb.Append('E').Append(sci.ToString(CultureInfo.InvariantCulture));
        }
        return sb.ToString();
    }
}
