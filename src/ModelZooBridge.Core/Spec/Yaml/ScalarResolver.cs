using System.Globalization;
using System.Text.RegularExpressions;

namespace ModelZooBridge.Spec.Yaml;

/// <summary>Resolves plain scalars by the YAML 1.2 core schema (so <c>1e-05</c> is a float) and parses numbers.</summary>
internal static partial class ScalarResolver
{
    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex DecimalInt();

    [GeneratedRegex("^0o[0-7]+$")]
    private static partial Regex OctalInt();

    [GeneratedRegex("^0x[0-9a-fA-F]+$")]
    private static partial Regex HexInt();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatNumber();

    [GeneratedRegex(@"^([-+]?\.(inf|Inf|INF)|\.(nan|NaN|NAN))$")]
    private static partial Regex FloatSpecial();

    public static ScalarKind Resolve(string value)
    {
        if (value.Length == 0 || value is "~" or "null" or "Null" or "NULL") return ScalarKind.Null;
        if (value is "true" or "True" or "TRUE" or "false" or "False" or "FALSE") return ScalarKind.Bool;
        if (DecimalInt().IsMatch(value) || OctalInt().IsMatch(value) || HexInt().IsMatch(value)) return ScalarKind.Int;
        if (FloatNumber().IsMatch(value) || FloatSpecial().IsMatch(value)) return ScalarKind.Float;
        return ScalarKind.String;
    }

    /// <summary>Kind for a scalar with an explicit tag, or null for tags we do not know.</summary>
    public static ScalarKind? FromTag(string tag) => tag switch
    {
        "tag:yaml.org,2002:str" or "!" => ScalarKind.String,
        "tag:yaml.org,2002:int" => ScalarKind.Int,
        "tag:yaml.org,2002:float" => ScalarKind.Float,
        "tag:yaml.org,2002:bool" => ScalarKind.Bool,
        "tag:yaml.org,2002:null" => ScalarKind.Null,
        _ => null,
    };

    public static bool ParseBool(string value) => value is "true" or "True" or "TRUE";

    /// <summary>Parses an integer scalar; false when it does not fit 64 bits.</summary>
    public static bool TryParseInt(string value, out long result)
    {
        if (value.StartsWith("0o", StringComparison.Ordinal))
        {
            result = 0;
            foreach (var ch in value.AsSpan(2))
            {
                if (result > (long.MaxValue >> 3)) return false;
                result = (result << 3) + (ch - '0');
            }
            return true;
        }
        if (value.StartsWith("0x", StringComparison.Ordinal))
            return long.TryParse(value.AsSpan(2), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out result) && result >= 0;
        return long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out result);
    }

    /// <summary>Parses an int or float scalar as a double (<c>.inf</c>, <c>.nan</c> included).</summary>
    public static double ParseDouble(string value)
    {
        switch (value.TrimStart('+'))
        {
            case ".inf" or ".Inf" or ".INF": return double.PositiveInfinity;
            case "-.inf" or "-.Inf" or "-.INF": return double.NegativeInfinity;
            case ".nan" or ".NaN" or ".NAN": return double.NaN;
        }
        if (TryParseInt(value, out var l) && !value.Contains('.')) return l;
        return double.Parse(value, NumberStyles.Float, CultureInfo.InvariantCulture);
    }

    /// <summary>Formats a double so that it reads back as a float with the same value.</summary>
    public static string FormatDouble(double value)
    {
        if (double.IsNaN(value)) return ".nan";
        if (double.IsPositiveInfinity(value)) return ".inf";
        if (double.IsNegativeInfinity(value)) return "-.inf";
        var text = value.ToString("R", CultureInfo.InvariantCulture);
        if (text.Contains('E')) text = text.Replace("E", "e", StringComparison.Ordinal);
        if (!text.Contains('.') && !text.Contains('e')) text += ".0";
        return text;
    }
}
