using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Serialization;

/// <summary>Reads and writes <see cref="ConversationRole"/> as its wire string.</summary>
internal sealed class ConversationRoleJsonConverter : JsonConverter<ConversationRole>
{
    public override ConversationRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        // The two known roles are answered without allocating a string: every streamed message starts with one.
        if (reader.ValueTextEquals("assistant"u8))
        {
            return ConversationRole.Assistant;
        }

        if (reader.ValueTextEquals("user"u8))
        {
            return ConversationRole.User;
        }

        return new ConversationRole(reader.GetString() ?? "");
    }

    public override void Write(Utf8JsonWriter writer, ConversationRole value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>Reads and writes <see cref="StopReason"/> as its wire string, keeping unknown values.</summary>
internal sealed class StopReasonJsonConverter : JsonConverter<StopReason>
{
    public override StopReason Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.ValueTextEquals("end_turn"u8))
        {
            return StopReason.EndTurn;
        }

        if (reader.ValueTextEquals("max_tokens"u8))
        {
            return StopReason.MaxTokens;
        }

        return new StopReason(reader.GetString() ?? "");
    }

    public override void Write(Utf8JsonWriter writer, StopReason value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
