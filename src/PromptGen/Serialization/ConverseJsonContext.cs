using System.Text.Json.Serialization;

namespace PromptGen.Serialization;

/// <summary>
/// Source-generated System.Text.Json metadata for the Converse model: no reflection, so the runtime stays
/// trimming and AOT clean. Nulls are never written; empty collections are dropped by <see cref="ConverseJson"/>.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.CamelCase,
    DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    GenerationMode = JsonSourceGenerationMode.Metadata)]
[JsonSerializable(typeof(ConverseRequest))]
[JsonSerializable(typeof(ConverseResponse))]
[JsonSerializable(typeof(MessageStartEvent))]
[JsonSerializable(typeof(ContentBlockStartEvent))]
[JsonSerializable(typeof(ContentBlockDeltaEvent))]
[JsonSerializable(typeof(ContentBlockStopEvent))]
[JsonSerializable(typeof(MessageStopEvent))]
[JsonSerializable(typeof(MetadataEvent))]
internal sealed partial class ConverseJsonContext : JsonSerializerContext
{
}
