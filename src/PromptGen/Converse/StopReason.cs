using System.Text.Json.Serialization;
using PromptGen.Serialization;

namespace PromptGen;

/// <summary>
/// Why the model stopped generating. An extensible value: a reason the service adds later is preserved as is
/// instead of failing the call.
/// </summary>
[JsonConverter(typeof(StopReasonJsonConverter))]
public readonly struct StopReason : IEquatable<StopReason>
{
    /// <summary>Creates a stop reason from its wire value.</summary>
    /// <param name="value">The wire value, for example <c>end_turn</c>.</param>
    public StopReason(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    private readonly string? _value;

    /// <summary>The model finished its answer.</summary>
    public static StopReason EndTurn { get; } = new("end_turn");

    /// <summary>The model wants to call a tool.</summary>
    public static StopReason ToolUse { get; } = new("tool_use");

    /// <summary>The answer reached the token limit.</summary>
    public static StopReason MaxTokens { get; } = new("max_tokens");

    /// <summary>The model produced a stop sequence.</summary>
    public static StopReason StopSequence { get; } = new("stop_sequence");

    /// <summary>A guardrail intervened.</summary>
    public static StopReason GuardrailIntervened { get; } = new("guardrail_intervened");

    /// <summary>Content was filtered.</summary>
    public static StopReason ContentFiltered { get; } = new("content_filtered");

    /// <summary>The model produced output that is not valid for the request.</summary>
    public static StopReason MalformedModelOutput { get; } = new("malformed_model_output");

    /// <summary>The model produced a tool use that is not valid (for example, input that is not JSON).</summary>
    public static StopReason MalformedToolUse { get; } = new("malformed_tool_use");

    /// <summary>The conversation no longer fits the model's context window.</summary>
    public static StopReason ModelContextWindowExceeded { get; } = new("model_context_window_exceeded");

    /// <summary>The wire value; empty when the service sent none.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(StopReason other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is StopReason other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares two stop reasons by wire value.</summary>
    public static bool operator ==(StopReason left, StopReason right) => left.Equals(right);

    /// <summary>Compares two stop reasons by wire value.</summary>
    public static bool operator !=(StopReason left, StopReason right) => !left.Equals(right);
}
