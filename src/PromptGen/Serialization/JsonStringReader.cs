using System.Text.Json;

namespace PromptGen.Serialization;

/// <summary>Reads a JSON string value, reporting every malformed input as a <see cref="JsonException"/>.</summary>
internal static class JsonStringReader
{
    /// <summary>Reads the string the reader is positioned on.</summary>
    /// <param name="reader">A reader positioned on a value.</param>
    /// <param name="what">What the value is, for the error message.</param>
    /// <returns>The unescaped string.</returns>
    /// <exception cref="JsonException">The value is not a string, or is not valid UTF-8.</exception>
    public static string Read(ref Utf8JsonReader reader, string what)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for {what}, found {reader.TokenType}.");
        }

        try
        {
            return reader.GetString()!;
        }
        catch (InvalidOperationException exception)
        {
            // The reader validates UTF-8 only when it transcodes; invalid bytes are malformed JSON, not a bug here.
            throw new JsonException($"The {what} is not valid UTF-8.", exception);
        }
    }
}
