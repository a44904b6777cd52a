using System.Globalization;
using Compiled;

namespace Compiled.Samples;

/// <summary>Parsers for the command-line options every sample shares (trigger, counts), each naming the option at fault.</summary>
internal static class SampleOptions
{
    /// <summary>A whole number above zero, or an <see cref="ArgumentException"/> naming <paramref name="option"/>.</summary>
    public static int PositiveInt(string option, string text) =>
        int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int n) && n > 0
            ? n
            : throw new ArgumentException($"{option}: '{text}' is not a positive whole number");

    /// <summary><c>default</c>, <c>available-now</c>, <c>once</c> or <c>processing-time:&lt;interval&gt;</c>.</summary>
    public static Trigger ParseTrigger(string text)
    {
        const string processingTime = "processing-time:";
        if (text == "default") return Trigger.Default;
        if (text == "available-now") return Trigger.AvailableNow;
        if (text == "once") return Trigger.Once;
        if (text.StartsWith(processingTime, StringComparison.Ordinal))
            return Trigger.ProcessingTime(ParseInterval(text[processingTime.Length..]));
        throw new ArgumentException($"--trigger: '{text}' is not one of default, available-now, once, processing-time:<interval>");
    }

    /// <summary>Accepts <c>500ms</c>, <c>5s</c>, <c>2m</c>, <c>1h</c> or a TimeSpan such as <c>00:00:05</c>.</summary>
    private static TimeSpan ParseInterval(string text)
    {
        (string suffix, double scaleMs)[] units = [("ms", 1), ("s", 1000), ("m", 60_000), ("h", 3_600_000)];
        foreach (var (suffix, scaleMs) in units)
        {
            if (text.EndsWith(suffix, StringComparison.Ordinal)
                && double.TryParse(text[..^suffix.Length], NumberStyles.Float, CultureInfo.InvariantCulture, out double n)
                && n > 0)
                return TimeSpan.FromMilliseconds(n * scaleMs);
        }
        if (TimeSpan.TryParse(text, CultureInfo.InvariantCulture, out var span) && span > TimeSpan.Zero) return span;
        throw new ArgumentException($"--trigger: interval '{text}' is not positive and in the form 500ms, 5s, 2m, 1h or hh:mm:ss");
    }
}
