using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace PromptGen.Testing;

/// <summary>
/// Writes the JSON documents the emulator sends: stream event payloads (with Bedrock's random-length <c>"p"</c>
/// padding), Converse response bodies and error documents. Written directly rather than through the Converse model,
/// so that blocks the model does not have yet (tool use, reasoning) go on the wire exactly as Bedrock sends them.
/// </summary>
internal static class BedrockWireJson
{
    private const string PaddingAlphabet = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789";

    private static readonly JsonWriterOptions s_writerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, s_writerOptions))
        {
            writer.WriteStartObject();
            write(writer);
            writer.WriteEndObject();
        }

        return buffer.WrittenSpan.ToArray();
    }

    /// <summary>Writes <c>"p"</c>: Bedrock pads every event with 1 to 60 characters so that frame sizes do not reveal token lengths.</summary>
    public static void WritePadding(Utf8JsonWriter writer, Random random)
    {
        var length = random.Next(1, 61);
        writer.WriteString("p", PaddingAlphabet.AsSpan(0, length));
    }

    public static byte[] StreamEvent(ScriptPlayer.Step step, ConverseScript script, TokenUsage usage, Random random, out string eventType)
    {
        switch (step.Kind)
        {
            case ScriptPlayer.StepKind.MessageStart:
                eventType = "messageStart";
                return Write(writer =>
                {
                    WritePadding(writer, random);
                    writer.WriteString("role", "assistant");
                });
            case ScriptPlayer.StepKind.BlockStart:
                eventType = "contentBlockStart";
                var toolUse = (ScriptedToolUse)step.Block!;
                return Write(writer =>
                {
                    writer.WriteNumber("contentBlockIndex", step.BlockIndex);
                    WritePadding(writer, random);
                    writer.WriteStartObject("start");
                    writer.WriteStartObject("toolUse");
                    writer.WriteString("name", toolUse.Name);
                    writer.WriteString("toolUseId", toolUse.ToolUseId);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                });
            case ScriptPlayer.StepKind.Delta:
                eventType = "contentBlockDelta";
                return Write(writer =>
                {
                    writer.WriteNumber("contentBlockIndex", step.BlockIndex);
                    writer.WriteStartObject("delta");
                    switch (step.DeltaKind)
                    {
                        case ScriptPlayer.DeltaKind.Text:
                            writer.WriteString("text", step.Value);
                            break;
                        case ScriptPlayer.DeltaKind.Reasoning:
                            writer.WriteStartObject("reasoningContent");
                            writer.WriteString("text", step.Value);
                            writer.WriteEndObject();
                            break;
                        case ScriptPlayer.DeltaKind.ReasoningSignature:
                            writer.WriteStartObject("reasoningContent");
                            writer.WriteString("signature", step.Value);
                            writer.WriteEndObject();
                            break;
                        case ScriptPlayer.DeltaKind.ToolInput:
                            writer.WriteStartObject("toolUse");
                            writer.WriteString("input", step.Value);
                            writer.WriteEndObject();
                            break;
                    }

                    writer.WriteEndObject();
                    WritePadding(writer, random);
                });
            case ScriptPlayer.StepKind.BlockStop:
                eventType = "contentBlockStop";
                return Write(writer =>
                {
                    writer.WriteNumber("contentBlockIndex", step.BlockIndex);
                    WritePadding(writer, random);
                });
            case ScriptPlayer.StepKind.MessageStop:
                eventType = "messageStop";
                return Write(writer =>
                {
                    WritePadding(writer, random);
                    writer.WriteString("stopReason", script.StopReason.Value);
                });
            default:
                eventType = "metadata";
                return Write(writer =>
                {
                    writer.WriteStartObject("metrics");
                    writer.WriteNumber("latencyMs", script.LatencyMs);
                    writer.WriteEndObject();
                    WritePadding(writer, random);
                    WriteUsage(writer, usage);
                });
        }
    }

    public static byte[] ConverseResponse(ConverseScript script, TokenUsage usage) => Write(writer =>
    {
        writer.WriteStartObject("metrics");
        writer.WriteNumber("latencyMs", script.LatencyMs);
        writer.WriteEndObject();
        writer.WriteStartObject("output");
        writer.WriteStartObject("message");
        writer.WriteStartArray("content");
        foreach (var block in script.Content)
        {
            writer.WriteStartObject();
            switch (block)
            {
                case ScriptedText text:
                    writer.WriteString("text", text.Text);
                    break;
                case ScriptedToolUse toolUse:
                    writer.WriteStartObject("toolUse");
                    writer.WritePropertyName("input");
                    using (var input = JsonDocument.Parse(toolUse.InputJson))
                    {
                        input.RootElement.WriteTo(writer);
                    }

                    writer.WriteString("name", toolUse.Name);
                    writer.WriteString("toolUseId", toolUse.ToolUseId);
                    writer.WriteEndObject();
                    break;
                case ScriptedReasoning reasoning:
                    writer.WriteStartObject("reasoningContent");
                    writer.WriteStartObject("reasoningText");
                    if (reasoning.Signature is not null)
                    {
                        writer.WriteString("signature", reasoning.Signature);
                    }

                    writer.WriteString("text", reasoning.Text);
                    writer.WriteEndObject();
                    writer.WriteEndObject();
                    break;
            }

            writer.WriteEndObject();
        }

        writer.WriteEndArray();
        writer.WriteString("role", "assistant");
        writer.WriteEndObject();
        writer.WriteEndObject();
        writer.WriteString("stopReason", script.StopReason.Value);
        WriteUsage(writer, usage);
    });

    /// <summary>An error document. Bedrock's own errors say <c>message</c>; its front end's framework errors say <c>Message</c>.</summary>
    public static byte[] ErrorDocument(string message, string propertyName = "message") =>
        Write(writer => writer.WriteString(propertyName, message));

    private static void WriteUsage(Utf8JsonWriter writer, TokenUsage usage)
    {
        writer.WriteStartObject("usage");
        writer.WriteNumber("inputTokens", usage.InputTokens);
        writer.WriteNumber("outputTokens", usage.OutputTokens);
        writer.WriteNumber("totalTokens", usage.TotalTokens);
        writer.WriteEndObject();
    }
}
