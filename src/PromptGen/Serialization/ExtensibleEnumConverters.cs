using System.Text.Json;
using System.Text.Json.Serialization;

namespace PromptGen.Serialization;

/// <summary>Reads and writes <see cref="ConversationRole"/> as its wire string.</summary>
internal sealed class ConversationRoleJsonConverter : JsonConverter<ConversationRole>
{
    public override ConversationRole Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for the role, found {reader.TokenType}.");
        }

        // The two known roles are answered without allocating a string: every streamed message starts with one.
        if (reader.ValueTextEquals("assistant"u8))
        {
            return ConversationRole.Assistant;
        }

        if (reader.ValueTextEquals("user"u8))
        {
            return ConversationRole.User;
        }

        return new ConversationRole(JsonStringReader.Read(ref reader, "the role"));
    }

    public override void Write(Utf8JsonWriter writer, ConversationRole value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>Reads and writes <see cref="StopReason"/> as its wire string, keeping unknown values.</summary>
internal sealed class StopReasonJsonConverter : JsonConverter<StopReason>
{
    public override StopReason Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        if (reader.TokenType != JsonTokenType.String)
        {
            throw new JsonException($"Expected a string for the stop reason, found {reader.TokenType}.");
        }

        if (reader.ValueTextEquals("end_turn"u8))
        {
            return StopReason.EndTurn;
        }

        if (reader.ValueTextEquals("max_tokens"u8))
        {
            return StopReason.MaxTokens;
        }

        if (reader.ValueTextEquals("tool_use"u8))
        {
            return StopReason.ToolUse;
        }

        return new StopReason(JsonStringReader.Read(ref reader, "the stop reason"));
    }

    public override void Write(Utf8JsonWriter writer, StopReason value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}

/// <summary>An extensible string enum of the wire model: a readonly struct over its wire value.</summary>
/// <typeparam name="TSelf">The enum struct itself.</typeparam>
internal interface IWireEnum<TSelf>
    where TSelf : struct, IWireEnum<TSelf>
{
    /// <summary>The wire value.</summary>
    string Value { get; }

    /// <summary>Wraps a wire value, known or not.</summary>
    static abstract TSelf FromWire(string value);
}

/// <summary>
/// Reads and writes an extensible string enum as its wire string, keeping unknown values. One closed generic
/// instantiation per enum, named in the enum's <see cref="JsonConverterAttribute"/>, so the source generator
/// creates it without reflection.
/// </summary>
/// <typeparam name="T">The enum struct.</typeparam>
internal sealed class WireEnumJsonConverter<T> : JsonConverter<T>
    where T : struct, IWireEnum<T>
{
    public override T Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        return T.FromWire(JsonStringReader.Read(ref reader, typeof(T).Name));
    }

    public override void Write(Utf8JsonWriter writer, T value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.Value);
}
