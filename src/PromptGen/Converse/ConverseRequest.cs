using System.Text.Json;
using System.Text.Json.Serialization;
using PromptGen.Serialization;

namespace PromptGen;

// Free-form JSON (a tool's input schema, a tool use's input, additionalModelRequestFields, a guardrail trace) is a
// System.Text.Json JsonElement rather than a JsonNode: it is an immutable value, so one parsed schema can be shared by
// every request and thread; it keeps the JSON exactly as parsed (numbers are not re-typed); it costs one buffer
// instead of one object per node; and it is built-in for the source generator, so no reflection is needed. Build one
// with JsonSerializer.SerializeToElement or JsonDocument.Parse(...).RootElement.Clone().

/// <summary>
/// A Bedrock Converse or ConverseStream request: the conversation, the system prompt, tools and settings.
/// Mirrors the <c>ConverseRequest</c> / <c>ConverseStreamRequest</c> shapes of the Bedrock Runtime API; only what
/// is set is sent (no nulls, no empty collections).
/// </summary>
public sealed class ConverseRequest
{
    /// <summary>
    /// The model id, inference profile id or ARN. It travels in the request path, not in the body.
    /// </summary>
    [JsonIgnore]
    public string ModelId { get; set; } = "";

    /// <summary>The conversation so far, oldest first; the last message is normally the user's turn.</summary>
    public IList<Message> Messages { get; set; } = new List<Message>();

    /// <summary>System prompt blocks, or <see langword="null"/> for none.</summary>
    public IList<SystemContentBlock>? System { get; set; }

    /// <summary>Inference parameters, or <see langword="null"/> for the model's defaults.</summary>
    public InferenceConfiguration? InferenceConfig { get; set; }

    /// <summary>The tools the model may call, or <see langword="null"/> for none.</summary>
    public ToolConfiguration? ToolConfig { get; set; }

    /// <summary>
    /// The guardrail to apply, or <see langword="null"/> for none. For ConverseStream, a
    /// <see cref="GuardrailStreamConfiguration"/> also sets the stream processing mode.
    /// </summary>
    public GuardrailConfiguration? GuardrailConfig { get; set; }

    /// <summary>Model-specific request fields that the Converse API has no member for, sent as they are.</summary>
    public JsonElement? AdditionalModelRequestFields { get; set; }

    /// <summary>Values of the variables of a Prompt management prompt used as the model id, by variable name.</summary>
    public IDictionary<string, PromptVariableValues>? PromptVariables { get; set; }

    /// <summary>
    /// JSON pointer paths of model-specific response fields to return in
    /// <see cref="ConverseResponse.AdditionalModelResponseFields"/>, for example <c>/stop_sequence</c>.
    /// </summary>
    public IList<string>? AdditionalModelResponseFieldPaths { get; set; }

    /// <summary>Key-value pairs recorded with the invocation logs, for filtering them.</summary>
    public IDictionary<string, string>? RequestMetadata { get; set; }

    /// <summary>The latency profile to request, or <see langword="null"/> for the standard one.</summary>
    public PerformanceConfiguration? PerformanceConfig { get; set; }

    /// <summary>The service tier to request, or <see langword="null"/> for the default one.</summary>
    public ServiceTier? ServiceTier { get; set; }

    /// <summary>The shape the output must take (structured output), or <see langword="null"/> for free text.</summary>
    public OutputConfig? OutputConfig { get; set; }
}

/// <summary>One turn of a conversation.</summary>
public sealed class Message
{
    /// <summary>Who sent the message.</summary>
    public ConversationRole Role { get; set; }

    /// <summary>The message's content blocks.</summary>
    public IList<ContentBlock> Content { get; set; } = new List<ContentBlock>();

    /// <summary>Creates a user message holding one text block.</summary>
    /// <param name="text">The message text.</param>
    public static Message FromUserText(string text) =>
        new() { Role = ConversationRole.User, Content = { new ContentBlock { Text = text } } };
}

/// <summary>Inference parameters. Only the members that are set are sent.</summary>
public sealed class InferenceConfiguration
{
    /// <summary>The maximum number of tokens to generate.</summary>
    public int? MaxTokens { get; set; }

    /// <summary>The sampling temperature, between 0 and 1.</summary>
    public float? Temperature { get; set; }

    /// <summary>The nucleus sampling probability mass, between 0 and 1.</summary>
    public float? TopP { get; set; }

    /// <summary>Sequences that stop generation.</summary>
    public IList<string>? StopSequences { get; set; }
}

/// <summary>The value of a prompt variable (<c>PromptVariableValues</c>). Exactly one member is set.</summary>
public sealed class PromptVariableValues
{
    /// <summary>The variable's text.</summary>
    public string? Text { get; set; }
}

/// <summary>The latency profile of a call (<c>PerformanceConfiguration</c>).</summary>
public sealed class PerformanceConfiguration
{
    /// <summary>Standard or latency-optimized inference.</summary>
    public PerformanceConfigLatency? Latency { get; set; }
}

/// <summary>The service tier of a call (<c>ServiceTier</c>).</summary>
public sealed class ServiceTier
{
    /// <summary>The tier.</summary>
    public ServiceTierType Type { get; set; } = ServiceTierType.Default;
}

/// <summary>
/// The guardrail to apply to a Converse call (<c>GuardrailConfiguration</c>). For ConverseStream use
/// <see cref="GuardrailStreamConfiguration"/> to also choose the stream processing mode.
/// </summary>
[JsonConverter(typeof(GuardrailConfigurationJsonConverter))]
public class GuardrailConfiguration
{
    /// <summary>The guardrail's id or ARN.</summary>
    public string? GuardrailIdentifier { get; set; }

    /// <summary>The guardrail's version, for example <c>1</c> or <c>DRAFT</c>.</summary>
    public string? GuardrailVersion { get; set; }

    /// <summary>Whether the response carries the guardrail's trace.</summary>
    public GuardrailTrace? Trace { get; set; }
}

/// <summary>The guardrail to apply to a ConverseStream call (<c>GuardrailStreamConfiguration</c>).</summary>
public sealed class GuardrailStreamConfiguration : GuardrailConfiguration
{
    /// <summary>Whether the guardrail checks the stream before (<c>sync</c>) or while (<c>async</c>) it is sent.</summary>
    public GuardrailStreamProcessingMode? StreamProcessingMode { get; set; }
}

/// <summary>The shape of the model's output (<c>OutputConfig</c>).</summary>
public sealed class OutputConfig
{
    /// <summary>A structured format the text must follow.</summary>
    public OutputFormat? TextFormat { get; set; }

    /// <summary>How much effort the model spends, for models that support it.</summary>
    public string? Effort { get; set; }
}

/// <summary>A structured output format (<c>OutputFormat</c>).</summary>
public sealed class OutputFormat
{
    /// <summary>The kind of format.</summary>
    public OutputFormatType Type { get; set; } = OutputFormatType.JsonSchema;

    /// <summary>The format's definition.</summary>
    public OutputFormatStructure? Structure { get; set; }
}

/// <summary>The definition of a structured output format (<c>OutputFormatStructure</c>). Exactly one member is set.</summary>
public sealed class OutputFormatStructure
{
    /// <summary>A JSON schema the output must satisfy.</summary>
    public JsonSchemaDefinition? JsonSchema { get; set; }
}

/// <summary>A JSON schema for structured output (<c>JsonSchemaDefinition</c>).</summary>
public sealed class JsonSchemaDefinition
{
    /// <summary>The schema, as JSON text (the service model types it as a string, not a document).</summary>
    public string Schema { get; set; } = "";

    /// <summary>The schema's name.</summary>
    public string? Name { get; set; }

    /// <summary>What the schema describes.</summary>
    public string? Description { get; set; }
}
