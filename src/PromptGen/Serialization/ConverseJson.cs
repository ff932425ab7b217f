using System.Collections;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization.Metadata;
using PromptGen.Serialization;

namespace PromptGen;

/// <summary>
/// The JSON wire format of the Converse model, as Bedrock Runtime reads and writes it: camelCase names,
/// only the members that are set (no nulls, no empty arrays), unknown members skipped when reading.
/// </summary>
public static partial class ConverseJson
{
    // The options start as a copy of the context's generated defaults: options built from scratch would lose the
    // camelCase naming policy and the "never write nulls" condition declared by [JsonSourceGenerationOptions].
    private static readonly JsonSerializerOptions s_options = new(ConverseJsonContext.Default.Options)
    {
        // The body goes to an HTTP API, never into HTML: prompt text keeps its quotes and apostrophes as written
        // ("a 'hello world' program"), as the AWS SDKs send it, instead of the default \u0027-style escapes.
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        TypeInfoResolver = ConverseJsonContext.Default.WithAddedModifier(OmitEmptyCollections),
    };

    private static readonly TypeInfos s_context = new(s_options);

    private static readonly ConversationRoleJsonConverter s_roleConverter = new();

    private static readonly StopReasonJsonConverter s_stopReasonConverter = new();

    /// <summary>Serializes a request body to UTF-8 JSON.</summary>
    /// <param name="request">The request; its <see cref="ConverseRequest.ModelId"/> is not part of the body.</param>
    /// <returns>The body bytes.</returns>
    public static byte[] SerializeRequest(ConverseRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return JsonSerializer.SerializeToUtf8Bytes(request, s_context.ConverseRequest);
    }

    /// <summary>Reads a request body. The model id, which travels in the path, is left empty.</summary>
    /// <param name="utf8Json">The body bytes.</param>
    /// <returns>The request.</returns>
    /// <exception cref="JsonException">The bytes are not a valid request body.</exception>
    public static ConverseRequest DeserializeRequest(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, s_context.ConverseRequest)
        ?? throw new JsonException("The request body is the JSON literal null.");

    /// <summary>Serializes a Converse response body to UTF-8 JSON.</summary>
    /// <param name="response">The response.</param>
    /// <returns>The body bytes.</returns>
    public static byte[] SerializeResponse(ConverseResponse response)
    {
        ArgumentNullException.ThrowIfNull(response);
        return JsonSerializer.SerializeToUtf8Bytes(response, s_context.ConverseResponse);
    }

    /// <summary>Reads a Converse response body.</summary>
    /// <param name="utf8Json">The body bytes.</param>
    /// <returns>The response.</returns>
    /// <exception cref="JsonException">The bytes are not a valid response body.</exception>
    public static ConverseResponse DeserializeResponse(ReadOnlySpan<byte> utf8Json) =>
        JsonSerializer.Deserialize(utf8Json, s_context.ConverseResponse)
        ?? throw new JsonException("The response body is the JSON literal null.");

    /// <summary>
    /// Reads the JSON payload of a ConverseStream event frame.
    /// </summary>
    /// <param name="eventType">
    /// The frame's <c>:event-type</c> header: <c>messageStart</c>, <c>contentBlockStart</c>, <c>contentBlockDelta</c>,
    /// <c>contentBlockStop</c>, <c>messageStop</c> or <c>metadata</c>.
    /// </param>
    /// <param name="utf8Json">The frame's payload.</param>
    /// <returns>The event, or <see langword="null"/> when the event type is unknown to this version (skip it).</returns>
    /// <exception cref="JsonException">The payload is not valid JSON for its event type.</exception>
    public static ConverseStreamEvent? DeserializeStreamEvent(string eventType, ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return eventType switch
            {
                "contentBlockDelta" => ReadContentBlockDelta(utf8Json),
                "messageStart" => ReadMessageStart(utf8Json),
                "contentBlockStart" => Read(utf8Json, s_context.ContentBlockStartEvent),
                "contentBlockStop" => ReadContentBlockStop(utf8Json),
                "messageStop" => ReadMessageStop(utf8Json),
                "metadata" => Read(utf8Json, s_context.MetadataEvent),
                _ => null,
            };
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader throws this, not JsonException, when the hand-written readers compare or unescape a name or
            // string that is not valid UTF-16 or UTF-8 (a lone surrogate escape, stray bytes): malformed input.
            throw new JsonException($"The '{eventType}' payload holds text that is not valid UTF-8 or UTF-16.", exception);
        }
    }

    /// <summary>Serializes a stream event to the JSON payload of its frame.</summary>
    /// <param name="streamEvent">The event.</param>
    /// <param name="eventType">The <c>:event-type</c> header value the frame must carry.</param>
    /// <returns>The payload bytes.</returns>
    public static byte[] SerializeStreamEvent(ConverseStreamEvent streamEvent, out string eventType)
    {
        ArgumentNullException.ThrowIfNull(streamEvent);
        switch (streamEvent)
        {
            case ContentBlockDeltaEvent delta:
                eventType = "contentBlockDelta";
                return JsonSerializer.SerializeToUtf8Bytes(delta, s_context.ContentBlockDeltaEvent);
            case MessageStartEvent start:
                eventType = "messageStart";
                return JsonSerializer.SerializeToUtf8Bytes(start, s_context.MessageStartEvent);
            case ContentBlockStartEvent blockStart:
                eventType = "contentBlockStart";
                return JsonSerializer.SerializeToUtf8Bytes(blockStart, s_context.ContentBlockStartEvent);
            case ContentBlockStopEvent stop:
                eventType = "contentBlockStop";
                return JsonSerializer.SerializeToUtf8Bytes(stop, s_context.ContentBlockStopEvent);
            case MessageStopEvent messageStop:
                eventType = "messageStop";
                return JsonSerializer.SerializeToUtf8Bytes(messageStop, s_context.MessageStopEvent);
            case MetadataEvent metadata:
                eventType = "metadata";
                return JsonSerializer.SerializeToUtf8Bytes(metadata, s_context.MetadataEvent);
            default:
                throw new ArgumentException($"Unsupported stream event type {streamEvent.GetType().Name}.", nameof(streamEvent));
        }
    }

    // The modifier only applies to type metadata obtained through the options, not to the context's own properties.
    private sealed class TypeInfos(JsonSerializerOptions options)
    {
        public JsonTypeInfo<ConverseRequest> ConverseRequest { get; } = Get<ConverseRequest>(options);

        public JsonTypeInfo<ConverseResponse> ConverseResponse { get; } = Get<ConverseResponse>(options);

        public JsonTypeInfo<MessageStartEvent> MessageStartEvent { get; } = Get<MessageStartEvent>(options);

        public JsonTypeInfo<ContentBlockStartEvent> ContentBlockStartEvent { get; } = Get<ContentBlockStartEvent>(options);

        public JsonTypeInfo<ContentBlockDeltaEvent> ContentBlockDeltaEvent { get; } = Get<ContentBlockDeltaEvent>(options);

        public JsonTypeInfo<IList<ToolResultBlockDelta>> ToolResultBlockDeltas { get; } = Get<IList<ToolResultBlockDelta>>(options);

        public JsonTypeInfo<ImageBlockDelta> ImageBlockDelta { get; } = Get<ImageBlockDelta>(options);

        public JsonTypeInfo<CitationsDelta> CitationsDelta { get; } = Get<CitationsDelta>(options);

        public JsonTypeInfo<ContentBlockStopEvent> ContentBlockStopEvent { get; } = Get<ContentBlockStopEvent>(options);

        public JsonTypeInfo<MessageStopEvent> MessageStopEvent { get; } = Get<MessageStopEvent>(options);

        public JsonTypeInfo<MetadataEvent> MetadataEvent { get; } = Get<MetadataEvent>(options);

        private static JsonTypeInfo<T> Get<T>(JsonSerializerOptions options) => (JsonTypeInfo<T>)options.GetTypeInfo(typeof(T));
    }

    private static T Read<T>(ReadOnlySpan<byte> utf8Json, JsonTypeInfo<T> typeInfo) where T : class =>
        JsonSerializer.Deserialize(utf8Json, typeInfo)
        ?? throw new JsonException($"The {typeof(T).Name} payload is the JSON literal null.");

    // Bedrock rejects some empty arrays and the wire contract is "only what is set": an empty collection is
    // treated like an unset one.
    private static void OmitEmptyCollections(JsonTypeInfo typeInfo)
    {
        foreach (var property in typeInfo.Properties)
        {
            if (property.PropertyType != typeof(string) && typeof(IEnumerable).IsAssignableFrom(property.PropertyType))
            {
                property.ShouldSerialize = static (_, value) => value is not (null or ICollection { Count: 0 });
            }
        }
    }
}
