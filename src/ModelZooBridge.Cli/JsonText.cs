using System.Text;
using System.Text.Json;

namespace ModelZooBridge.Cli;

/// <summary>Builds <c>--json</c> output with <see cref="Utf8JsonWriter"/> (no reflection, so AOT-safe).</summary>
public static class JsonText
{
    /// <summary>Writes one indented JSON document and returns it as a string.</summary>
    public static string Write(Action<Utf8JsonWriter> write)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true }))
        {
            write(writer);
        }
        return Encoding.UTF8.GetString(buffer.ToArray());
    }
}
