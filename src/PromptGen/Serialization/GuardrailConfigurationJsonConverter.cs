using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Serialization;

/// <summary>
/// Reads and writes <see cref="GuardrailConfiguration"/> and its ConverseStream form
/// <see cref="GuardrailStreamConfiguration"/> through the one <c>guardrailConfig</c> member of the request: the
/// source generator serializes a property by its declared type, which would drop <c>streamProcessingMode</c>.
/// </summary>
internal sealed class GuardrailConfigurationJsonConverter : JsonConverter<GuardrailConfiguration>
{
    public override GuardrailConfiguration? Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected an object for the guardrail configuration, found {reader.TokenType}.");
        }

        string? identifier = null;
        string? version = null;
        GuardrailTrace? trace = null;
        GuardrailStreamProcessingMode? mode = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("guardrailIdentifier"u8))
            {
                identifier = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("guardrailVersion"u8))
            {
                version = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("trace"u8))
            {
                trace = ReadString(ref reader) is { } value ? new GuardrailTrace(value) : null;
            }
            else if (reader.ValueTextEquals("streamProcessingMode"u8))
            {
                mode = ReadString(ref reader) is { } value ? new GuardrailStreamProcessingMode(value) : null;
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return mode is null
            ? new GuardrailConfiguration { GuardrailIdentifier = identifier, GuardrailVersion = version, Trace = trace }
            : new GuardrailStreamConfiguration { GuardrailIdentifier = identifier, GuardrailVersion = version, Trace = trace, StreamProcessingMode = mode };
    }

    public override void Write(Utf8JsonWriter writer, GuardrailConfiguration value, JsonSerializerOptions options)
    {
        writer.WriteStartObject();
        if (value.GuardrailIdentifier is { } identifier)
        {
            writer.WriteString("guardrailIdentifier"u8, identifier);
        }

        if (value.GuardrailVersion is { } version)
        {
            writer.WriteString("guardrailVersion"u8, version);
        }

        if (value.Trace is { } trace)
        {
            writer.WriteString("trace"u8, trace.Value);
        }

        if (value is GuardrailStreamConfiguration { StreamProcessingMode: { } mode })
        {
            writer.WriteString("streamProcessingMode"u8, mode.Value);
        }

        writer.WriteEndObject();
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        return reader.TokenType == JsonTokenType.Null ? null : JsonStringReader.Read(ref reader, "guardrail configuration member");
    }
}
