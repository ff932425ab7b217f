using System.Text.Json.Serialization;
using PromptGen.Serialization;

namespace PromptGen;

/// <summary>
/// The sender of a message: <c>user</c> or <c>assistant</c>. An extensible value: a role the service adds later
/// round-trips unchanged instead of failing.
/// </summary>
[JsonConverter(typeof(ConversationRoleJsonConverter))]
public readonly struct ConversationRole : IEquatable<ConversationRole>
{
    /// <summary>Creates a role from its wire value.</summary>
    /// <param name="value">The wire value, for example <c>user</c>.</param>
    public ConversationRole(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    private readonly string? _value;

    /// <summary>The user's turn.</summary>
    public static ConversationRole User { get; } = new("user");

    /// <summary>The model's turn.</summary>
    public static ConversationRole Assistant { get; } = new("assistant");

    /// <summary>The wire value.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(ConversationRole other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ConversationRole other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    /// <summary>Compares two roles by wire value.</summary>
    public static bool operator ==(ConversationRole left, ConversationRole right) => left.Equals(right);

    /// <summary>Compares two roles by wire value.</summary>
    public static bool operator !=(ConversationRole left, ConversationRole right) => !left.Equals(right);
}
