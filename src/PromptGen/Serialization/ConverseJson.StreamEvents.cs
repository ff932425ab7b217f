using System.Text.Json;
using PromptGen.Serialization;

namespace PromptGen;

// Hand-written readers for the stream events a response carries by the hundred. A text delta costs exactly three
// allocations (the event, its delta and the text); the serializer would add its read-stack frames for the nested
// "delta" object. Property names are matched on the UTF-8 bytes, unknown members (Bedrock's random-length "p"
// padding among them) are skipped, and anything that is not valid JSON of the expected shape throws JsonException.
// Rarer members (tool result, citation and image deltas, additional model response fields) go through the generated metadata.
public static partial class ConverseJson
{
    /// <summary>
    /// Reads only the text a ConverseStream event frame carries: the text of a <c>contentBlockDelta</c>'s text delta,
    /// or <see langword="null"/> for any other event, delta kind or unknown event type. The payload is checked exactly
    /// as <see cref="DeserializeStreamEvent"/> checks it, and for a text delta nothing but the text is allocated.
    /// </summary>
    /// <param name="eventType">The frame's <c>:event-type</c> header.</param>
    /// <param name="utf8Json">The frame's payload.</param>
    /// <returns>The delta's text, or <see langword="null"/>.</returns>
    /// <exception cref="JsonException">The payload is not valid JSON for its event type.</exception>
    public static string? DeserializeStreamEventText(string eventType, ReadOnlySpan<byte> utf8Json)
    {
        if (eventType != "contentBlockDelta")
        {
            // The other events come a few per answer: read them whole, for the same checks.
            _ = DeserializeStreamEvent(eventType, utf8Json);
            return null;
        }

        try
        {
            return ReadContentBlockDeltaText(utf8Json);
        }
        catch (InvalidOperationException exception)
        {
            throw new JsonException($"The '{eventType}' payload holds text that is not valid UTF-8 or UTF-16.", exception);
        }
    }

    // ReadContentBlockDelta, keeping only the text: the same members, the same checks, the last "delta" winning.
    private static string? ReadContentBlockDeltaText(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        ReadStartOfPayload(ref reader);
        string? text = null;
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                _ = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                text = null;
                if (!ReadStartOfObjectOrNull(ref reader))
                {
                    continue;
                }

                while (NextProperty(ref reader))
                {
                    if (!reader.ValueTextEquals("text"u8))
                    {
                        // Tool-use, reasoning and the other delta kinds are checked by the full reader; they are rare.
                        return ReadContentBlockDelta(utf8Json).Delta?.Text;
                    }

                    text = ReadString(ref reader);
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        ReadEndOfPayload(ref reader);
        return text;
    }

    private static ContentBlockDeltaEvent ReadContentBlockDelta(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        ReadStartOfPayload(ref reader);
        var result = new ContentBlockDeltaEvent();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                result.ContentBlockIndex = ReadInt32(ref reader);
            }
            else if (reader.ValueTextEquals("delta"u8))
            {
                result.Delta = ReadDelta(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        ReadEndOfPayload(ref reader);
        return result;
    }

    private static ContentBlockDelta? ReadDelta(ref Utf8JsonReader reader)
    {
        if (!ReadStartOfObjectOrNull(ref reader))
        {
            return null;
        }

        var delta = new ContentBlockDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("text"u8))
            {
                delta.Text = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("toolUse"u8))
            {
                delta.ToolUse = ReadToolUseDelta(ref reader);
            }
            else if (reader.ValueTextEquals("reasoningContent"u8))
            {
                delta.ReasoningContent = ReadReasoningDelta(ref reader);
            }
            else if (reader.ValueTextEquals("toolResult"u8))
            {
                Advance(ref reader);
                delta.ToolResult = JsonSerializer.Deserialize(ref reader, s_context.ToolResultBlockDeltas);
            }
            else if (reader.ValueTextEquals("citation"u8))
            {
                Advance(ref reader);
                delta.Citation = JsonSerializer.Deserialize(ref reader, s_context.CitationsDelta);
            }
            else if (reader.ValueTextEquals("image"u8))
            {
                Advance(ref reader);
                delta.Image = JsonSerializer.Deserialize(ref reader, s_context.ImageBlockDelta);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return delta;
    }

    private static ToolUseBlockDelta? ReadToolUseDelta(ref Utf8JsonReader reader)
    {
        if (!ReadStartOfObjectOrNull(ref reader))
        {
            return null;
        }

        var delta = new ToolUseBlockDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("input"u8))
            {
                delta.Input = ReadString(ref reader) ?? "";
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return delta;
    }

    private static ReasoningContentBlockDelta? ReadReasoningDelta(ref Utf8JsonReader reader)
    {
        if (!ReadStartOfObjectOrNull(ref reader))
        {
            return null;
        }

        var delta = new ReasoningContentBlockDelta();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("text"u8))
            {
                delta.Text = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("signature"u8))
            {
                delta.Signature = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("redactedContent"u8))
            {
                Advance(ref reader);
                if (reader.TokenType == JsonTokenType.Null)
                {
                    delta.RedactedContent = null;
                }
                else if (reader.TokenType != JsonTokenType.String || !reader.TryGetBytesFromBase64(out var bytes))
                {
                    throw new JsonException("Expected base64 text for reasoningContent.redactedContent.");
                }
                else
                {
                    delta.RedactedContent = bytes;
                }
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        return delta;
    }

    private static MessageStartEvent ReadMessageStart(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        ReadStartOfPayload(ref reader);
        var result = new MessageStartEvent();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("role"u8))
            {
                Advance(ref reader);
                result.Role = s_roleConverter.Read(ref reader, typeof(ConversationRole), s_options);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        ReadEndOfPayload(ref reader);
        return result;
    }

    private static ContentBlockStopEvent ReadContentBlockStop(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        ReadStartOfPayload(ref reader);
        var result = new ContentBlockStopEvent();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("contentBlockIndex"u8))
            {
                result.ContentBlockIndex = ReadInt32(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        ReadEndOfPayload(ref reader);
        return result;
    }

    private static MessageStopEvent ReadMessageStop(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        ReadStartOfPayload(ref reader);
        var result = new MessageStopEvent();
        while (NextProperty(ref reader))
        {
            if (reader.ValueTextEquals("stopReason"u8))
            {
                Advance(ref reader);
                result.StopReason = s_stopReasonConverter.Read(ref reader, typeof(StopReason), s_options);
            }
            else if (reader.ValueTextEquals("additionalModelResponseFields"u8))
            {
                Advance(ref reader);
                result.AdditionalModelResponseFields =
                    reader.TokenType == JsonTokenType.Null ? null : JsonElement.ParseValue(ref reader);
            }
            else
            {
                SkipValue(ref reader);
            }
        }

        ReadEndOfPayload(ref reader);
        return result;
    }

    private static void ReadStartOfPayload(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        if (reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException($"Expected a JSON object as the event payload, found {reader.TokenType}.");
        }
    }

    // The reader sits on the payload's closing brace; anything after it other than whitespace is an error.
    private static void ReadEndOfPayload(ref Utf8JsonReader reader)
    {
        if (reader.Read())
        {
            throw new JsonException("Unexpected data after the event payload.");
        }
    }

    // Moves from a property name (or the opening brace) to the next property name; false at the closing brace.
    private static bool NextProperty(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.PropertyName => true,
            JsonTokenType.EndObject => false,
            _ => throw new JsonException($"Unexpected {reader.TokenType} in an event payload."),
        };
    }

    private static bool ReadStartOfObjectOrNull(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType switch
        {
            JsonTokenType.StartObject => true,
            JsonTokenType.Null => false,
            _ => throw new JsonException($"Expected a JSON object, found {reader.TokenType}."),
        };
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        return reader.TokenType == JsonTokenType.Null ? null : JsonStringReader.Read(ref reader, "event payload member");
    }

    private static int ReadInt32(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        if (reader.TokenType != JsonTokenType.Number || !reader.TryGetInt32(out var value))
        {
            throw new JsonException($"Expected a 32-bit integer, found {reader.TokenType}.");
        }

        return value;
    }

    private static void SkipValue(ref Utf8JsonReader reader)
    {
        Advance(ref reader);
        reader.Skip();
    }

    // The payload is always complete (isFinalBlock), so the reader throws on truncated JSON; running out of tokens
    // where a value must follow is reported the same way.
    private static void Advance(ref Utf8JsonReader reader)
    {
        if (!reader.Read())
        {
            throw new JsonException("The event payload ended unexpectedly.");
        }
    }
}
