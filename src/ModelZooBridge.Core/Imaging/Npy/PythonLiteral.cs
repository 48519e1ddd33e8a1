using System.Globalization;

namespace ModelZooBridge.Imaging.Npy;

/// <summary>
/// Parses the subset of Python literal syntax that <c>.npy</c> headers use (what <c>ast.literal_eval</c> accepts for
/// them): dicts, tuples, lists, strings, integers, <c>True</c>, <c>False</c> and <c>None</c>, with any spacing and
/// trailing commas. Values come back as <see cref="string"/>, <see cref="long"/>, <see cref="bool"/>, <c>null</c>,
/// <see cref="PythonLiteral.Tuple"/>, <see cref="PythonLiteral.List"/> or <see cref="PythonLiteral.Dict"/>.
/// Errors are reported as <see cref="FormatException"/> with the position.
/// </summary>
internal sealed class PythonLiteral
{
    private const int MaxDepth = 64;
    private readonly string _text;
    private int _pos;

    private PythonLiteral(string text) => _text = text;

    /// <summary>A parsed Python tuple.</summary>
    public sealed record Tuple(IReadOnlyList<object?> Items);

    /// <summary>A parsed Python list.</summary>
    public sealed record List(IReadOnlyList<object?> Items);

    /// <summary>A parsed Python dict with string keys, in file order.</summary>
    public sealed record Dict(IReadOnlyList<KeyValuePair<string, object?>> Entries);

    /// <summary>Parses one literal that must fill <paramref name="text"/> apart from surrounding whitespace.</summary>
    public static object? Parse(string text)
    {
        var parser = new PythonLiteral(text);
        var value = parser.ParseValue(0);
        parser.SkipSpace();
        if (parser._pos != text.Length) throw parser.Error("unexpected text after the literal");
        return value;
    }

    private object? ParseValue(int depth)
    {
        if (depth > MaxDepth) throw Error("literal nested too deeply");
        SkipSpace();
        if (_pos >= _text.Length) throw Error("unexpected end of header");
        char c = _text[_pos];
        switch (c)
        {
            case '{': return ParseDict(depth);
            case '(':
                {
                    _pos++;
                    var items = ParseItems(')', depth, out bool sawComma);
                    // (x) without a comma is just a parenthesised value, as in Python.
                    return items.Count == 1 && !sawComma ? items[0] : new Tuple(items);
                }
            case '[':
                _pos++;
                return new List(ParseItems(']', depth, out _));
            case '\'' or '"': return ParseString();
        }
        if (c is '-' or '+' || char.IsAsciiDigit(c)) return ParseInteger();
        if (char.IsAsciiLetter(c) || c == '_')
        {
            int start = _pos;
            while (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
            var word = _text[start.._pos];
            return word switch
            {
                "True" => true,
                "False" => false,
                "None" => null,
                _ => throw Error($"unexpected name '{Shorten(word)}'", start),
            };
        }
        throw Error($"unexpected character '{c}'");
    }

    private Dict ParseDict(int depth)
    {
        _pos++;
        var entries = new List<KeyValuePair<string, object?>>();
        while (true)
        {
            SkipSpace();
            if (Peek() == '}')
            {
                _pos++;
                return new Dict(entries);
            }
            int keyStart = _pos;
            if (ParseValue(depth + 1) is not string key) throw Error("dict key is not a string", keyStart);
            SkipSpace();
            Expect(':');
            var value = ParseValue(depth + 1);
            entries.Add(new(key, value));
            SkipSpace();
            char next = Peek();
            if (next == ',') _pos++;
            else if (next != '}') throw Error("expected ',' or '}' in dict");
        }
    }

    private List<object?> ParseItems(char close, int depth, out bool sawComma)
    {
        var items = new List<object?>();
        sawComma = false;
        while (true)
        {
            SkipSpace();
            if (Peek() == close)
            {
                _pos++;
                return items;
            }
            items.Add(ParseValue(depth + 1));
            SkipSpace();
            char next = Peek();
            if (next == ',')
            {
                sawComma = true;
                _pos++;
            }
            else if (next != close)
            {
                throw Error($"expected ',' or '{close}'");
            }
        }
    }

    private string ParseString()
    {
        char quote = _text[_pos++];
        var builder = new System.Text.StringBuilder();
        while (true)
        {
            if (_pos >= _text.Length || _text[_pos] == '\n') throw Error("unterminated string");
            char c = _text[_pos++];
            if (c == quote) return builder.ToString();
            if (c == '\\')
            {
                if (_pos >= _text.Length) throw Error("unterminated string");
                char escaped = _text[_pos++];
                if (escaped is not ('\\' or '\'' or '"')) throw Error($"unsupported escape '\\{escaped}' in string");
                c = escaped;
            }
            builder.Append(c);
        }
    }

    private long ParseInteger()
    {
        int start = _pos;
        if (_text[_pos] is '-' or '+') _pos++;
        int digitsStart = _pos;
        while (_pos < _text.Length && (char.IsAsciiDigit(_text[_pos]) || _text[_pos] == '_')) _pos++;
        if (_pos == digitsStart) throw Error("expected digits", start);
        var digits = _text[start.._pos].Replace("_", "", StringComparison.Ordinal);
        // Python 2 wrote long integers with an L suffix, e.g. (3L, 4L); numpy still reads such files.
        if (_pos < _text.Length && _text[_pos] is 'L' or 'l') _pos++;
        if (_pos < _text.Length && (char.IsAsciiLetterOrDigit(_text[_pos]) || _text[_pos] == '.'))
            throw Error("malformed number", start);
        if (!long.TryParse(digits, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out long value))
            throw Error($"integer {Shorten(digits)} is out of range", start);
        return value;
    }

    private void SkipSpace()
    {
        while (_pos < _text.Length && _text[_pos] is ' ' or '\t' or '\n' or '\r') _pos++;
    }

    private char Peek() => _pos < _text.Length ? _text[_pos] : throw Error("unexpected end of header");

    private void Expect(char c)
    {
        if (Peek() != c) throw Error($"expected '{c}'");
        _pos++;
    }

    private FormatException Error(string problem, int? at = null) => new($"{problem} at character {at ?? _pos}");

    private static string Shorten(string s) => s.Length <= 20 ? s : s[..20] + "…";
}
