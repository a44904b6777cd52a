using System.Globalization;
using System.Text;

namespace Compiled.Generators.Tests.Json;

/// <summary>
/// A JSON member of a row type and the kind of value it holds, for <see cref="JsonTextGenerator"/>; clean texts always
/// have it when <paramref name="Always"/> (required, or one the generated reader leaves to System.Text.Json when missing).
/// </summary>
internal sealed record JsonMemberShape(string Name, string Kind, bool Always = false);

/// <summary>
/// Random JSON objects for a row type: members reordered, missing, repeated, renamed by case or by escapes, unknown
/// members (with nested values), values of the right type at and beyond its limits, of the wrong type, nulls, and
/// malformed text; or only texts a reader of the type should take (<c>clean</c>).
/// </summary>
internal sealed class JsonTextGenerator(Random random, IReadOnlyList<JsonMemberShape> members)
{
    private static readonly Dictionary<string, string[]> s_good = new()
    {
        ["string"] = ["\"abc\"", "\"\"", "\"with \\\"quotes\\\" and \\\\ and \\u00e9\"", "\"caf\u00e9 \u65e5\u672c\"", "\"\\ud83d\\ude00\""],
        ["int"] = ["0", "-1", "42", "2147483647", "-2147483648", "-0"],
        ["long"] = ["0", "9223372036854775807", "-9223372036854775808", "123456789012"],
        ["double"] = ["1.5", "-0.0", "1e308", "-2.5E-300", "3", "0.1", "1e-400"],
        ["float"] = ["1.5", "3.4028235e38", "-1e-45", "7"],
        ["decimal"] = ["0.1", "79228162514264337593543950335", "-79228162514264337593543950335", "1.2345678901234567890123456789", "1e2", "-0.5"],
        ["bool"] = ["true", "false"],
        ["datetime"] = ["\"2019-02-05T10:05:00Z\"", "\"2019-02-05T10:05:00\"", "\"2019-02-05T10:05:00.1234567+01:00\"", "\"2019-02-05\"", "\"\\u0032019-02-05T10:05:00Z\""],
        ["guid"] = ["\"d3b07384-d9a0-4c9b-8d1c-8d9e8f0e3f11\"", "\"00000000-0000-0000-0000-000000000000\""],
        ["side"] = ["1", "2", "0", "99", "-5"],
        ["level"] = ["0", "200", "255"],
        ["int?"] = ["null", "7", "-2147483648"],
        ["side?"] = ["null", "2"],
        ["short"] = ["32767", "-32768", "5"],
        ["byte"] = ["0", "255"],
        ["sbyte"] = ["127", "-128"],
        ["ushort"] = ["65535", "0"],
        ["uint"] = ["4294967295", "0"],
        ["ulong"] = ["18446744073709551615", "0"],
        ["stamp"] = ["\"2019-02-05 10:05:00\"", "\"2020-02-29 23:59:59\""],
        ["string?"] = ["null", "\"note\""],
        ["long?"] = ["null", "9"],
    };

    private static readonly Dictionary<string, string[]> s_bad = new()
    {
        ["int"] = ["2147483648", "-2147483649", "1.0", "1e2", "1.5", "\"12\"", "true", "null"],
        ["long"] = ["9223372036854775808", "1.5", "\"1\"", "null"],
        ["double"] = ["1e309", "\"NaN\"", "\"Infinity\"", "\"-Infinity\"", "\"1.5\"", "null"],
        ["float"] = ["3.5e38", "\"NaN\"", "null"],
        ["decimal"] = ["79228162514264337593543950336", "\"1\"", "null"],
        ["bool"] = ["\"true\"", "1", "null"],
        ["datetime"] = ["\"2019-13-05T00:00:00\"", "\"2019-02-05 10:05:00\"", "5", "null", "\"\""],
        ["guid"] = ["\"{d3b07384-d9a0-4c9b-8d1c-8d9e8f0e3f11}\"", "\"nope\"", "1", "null"],
        ["side"] = ["\"Buy\"", "2147483648", "1.5", "null"],
        ["level"] = ["256", "-1", "null"],
        ["short"] = ["32768", "-32769"],
        ["byte"] = ["256", "-1"],
        ["sbyte"] = ["128", "-129"],
        ["ushort"] = ["65536", "-1"],
        ["uint"] = ["4294967296", "-1"],
        ["ulong"] = ["18446744073709551616", "-1"],
        ["stamp"] = ["\"2019-02-05T10:05:00\"", "null", "5", "\"2019-02-30 10:00:00\"", "{\"a\":1}", "[1]"],
        ["string"] = ["12", "true", "{}", "[\"a\"]"],
    };

    private static readonly string[] s_unknownValues = ["1", "\"x\"", "null", "{\"a\":[1,{\"b\":null}],\"c\":\"d\"}", "[1,[2,[3]]]", "true", "-1.5e3"];
    private static readonly string[] s_unknownNames = ["unknown", "x", "Countx", "$id", "caf\u00e9", "", "Name ", "\\u00e9t\\u00e9"];

    /// <summary>One JSON text; <paramref name="clean"/> limits it to what a generated reader reads itself.</summary>
    public string Next(bool clean)
    {
        var text = new StringBuilder();
        if (!clean && Chance(0.04)) return Pick(["null", "[]", "1", "\"s\"", "", "   ", "{", "}", "[{}]", "tru"]);
        text.Append(Space()).Append('{');
        bool first = true;
        foreach (var member in Shuffled())
        {
            if (Chance(0.12) && !(clean && member.Always)) continue;
            int copies = !clean && Chance(0.03) ? 2 : 1;
            for (int c = 0; c < copies; c++) Member(text, clean && member.Always ? Quote(member.Name) : Name(member.Name, clean), Value(member.Kind, clean), ref first);
            if (Chance(0.15)) Member(text, Quote(clean ? Pick(["unknown", "x", "Countx"]) : Pick(s_unknownNames)), Pick(s_unknownValues), ref first);
        }
        text.Append(Space()).Append('}').Append(Space());
        string json = text.ToString();
        if (clean || !Chance(0.1)) return json;
        return random.Next(7) switch
        {
            0 => json[..random.Next(json.Length)],
            1 => json + ",",
            2 => json + " x",
            3 => json + "{}",
            4 => json.Insert(1, "/* c */"),
            5 => json.Replace("}", ",}"),
            _ => json.Replace('"', '\''),
        };
    }

    private void Member(StringBuilder text, string name, string value, ref bool first)
    {
        if (!first) text.Append(Space()).Append(',');
        first = false;
        text.Append(Space()).Append(name).Append(Space()).Append(':').Append(Space()).Append(value);
    }

    private string Name(string name, bool clean)
    {
        double roll = random.NextDouble();
        if (roll < 0.7) return Quote(name);
        if (roll < 0.9 || clean) return Quote(RandomCase(name));
        // Escape one letter: the same name to System.Text.Json, an escaped one to the reader.
        int at = random.Next(name.Length);
        return Quote(name[..at] + "\\u" + ((int)name[at]).ToString("x4", CultureInfo.InvariantCulture) + name[(at + 1)..]);
    }

    private string Value(string kind, bool clean)
    {
        if (!clean && Chance(0.15) && s_bad.TryGetValue(kind, out var bad)) return Pick(bad);
        return Pick(s_good[kind]);
    }

    private string RandomCase(string name)
    {
        var chars = name.ToCharArray();
        for (int i = 0; i < chars.Length; i++)
            chars[i] = Chance(0.5) ? char.ToUpperInvariant(chars[i]) : char.ToLowerInvariant(chars[i]);
        return new string(chars);
    }

    private List<JsonMemberShape> Shuffled()
    {
        var list = members.ToList();
        for (int i = list.Count - 1; i > 0; i--)
        {
            int j = random.Next(i + 1);
            (list[i], list[j]) = (list[j], list[i]);
        }
        return list;
    }

    private string Space() => Chance(0.8) ? string.Empty : Pick([" ", "\t", "\r\n ", "  "]);

    private static string Quote(string name) => "\"" + name + "\"";

    private bool Chance(double p) => random.NextDouble() < p;

    private string Pick(string[] items) => items[random.Next(items.Length)];
}
