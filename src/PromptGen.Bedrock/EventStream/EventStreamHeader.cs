using System.Buffers.Binary;
using System.Text;

namespace PromptGen.Bedrock.EventStream;

/// <summary>
/// One header of an event-stream frame, viewed in place over the frame's bytes: nothing is copied or allocated
/// until a getter that returns a <see cref="string"/> is called. Valid only as long as the frame's bytes are.
/// </summary>
internal readonly ref struct EventStreamHeader
{
    internal EventStreamHeader(ReadOnlySpan<byte> name, EventStreamHeaderType type, ReadOnlySpan<byte> value)
    {
        Name = name;
        Type = type;
        Value = value;
    }

    /// <summary>The header name as UTF-8 bytes, for example <c>:event-type</c>.</summary>
    public ReadOnlySpan<byte> Name { get; }

    /// <summary>The value type.</summary>
    public EventStreamHeaderType Type { get; }

    /// <summary>
    /// The encoded value without its length prefix: the UTF-8 text of a string, the bytes of a byte array, the
    /// big-endian bytes of a number or timestamp, the 16 bytes of a UUID; empty for booleans.
    /// </summary>
    public ReadOnlySpan<byte> Value { get; }

    /// <summary>Decodes the name to a string (allocates).</summary>
    /// <returns>The header name.</returns>
    public string GetName() => Encoding.UTF8.GetString(Name);

    /// <summary>Reads a <see cref="EventStreamHeaderType.BoolTrue"/> or <see cref="EventStreamHeaderType.BoolFalse"/> value.</summary>
    /// <returns>The value.</returns>
    public bool GetBoolean() => Type switch
    {
        EventStreamHeaderType.BoolTrue => true,
        EventStreamHeaderType.BoolFalse => false,
        _ => throw WrongType("a boolean"),
    };

    /// <summary>Reads a <see cref="EventStreamHeaderType.Byte"/> value.</summary>
    /// <returns>The value.</returns>
    public sbyte GetSByte() => Type == EventStreamHeaderType.Byte ? unchecked((sbyte)Value[0]) : throw WrongType("a byte");

    /// <summary>Reads a <see cref="EventStreamHeaderType.Int16"/> value.</summary>
    /// <returns>The value.</returns>
    public short GetInt16() =>
        Type == EventStreamHeaderType.Int16 ? BinaryPrimitives.ReadInt16BigEndian(Value) : throw WrongType("an int16");

    /// <summary>Reads a <see cref="EventStreamHeaderType.Int32"/> value.</summary>
    /// <returns>The value.</returns>
    public int GetInt32() =>
        Type == EventStreamHeaderType.Int32 ? BinaryPrimitives.ReadInt32BigEndian(Value) : throw WrongType("an int32");

    /// <summary>Reads an <see cref="EventStreamHeaderType.Int64"/> or <see cref="EventStreamHeaderType.Timestamp"/> value.</summary>
    /// <returns>The value; for a timestamp, milliseconds since the Unix epoch.</returns>
    public long GetInt64() => Type is EventStreamHeaderType.Int64 or EventStreamHeaderType.Timestamp
        ? BinaryPrimitives.ReadInt64BigEndian(Value)
        : throw WrongType("an int64");

    /// <summary>Reads a <see cref="EventStreamHeaderType.Timestamp"/> value.</summary>
    /// <returns>The instant, with millisecond precision.</returns>
    /// <exception cref="EventStreamException">
    /// The value is outside the years 1 to 9999 that <see cref="DateTimeOffset"/> holds (<see cref="EventStreamErrorReason.InvalidHeader"/>).
    /// </exception>
    public DateTimeOffset GetTimestamp()
    {
        if (Type != EventStreamHeaderType.Timestamp)
        {
            throw WrongType("a timestamp");
        }

        var milliseconds = BinaryPrimitives.ReadInt64BigEndian(Value);
        return milliseconds is >= MinUnixTimeMilliseconds and <= MaxUnixTimeMilliseconds
            ? DateTimeOffset.FromUnixTimeMilliseconds(milliseconds)
            : throw new EventStreamException(
                EventStreamErrorReason.InvalidHeader,
                $"The timestamp header '{GetName()}' holds {milliseconds} ms since the Unix epoch, outside the years 1 to 9999.");
    }

    /// <summary>Decodes a <see cref="EventStreamHeaderType.String"/> value (allocates).</summary>
    /// <returns>The text.</returns>
    public string GetString() => Type == EventStreamHeaderType.String ? Encoding.UTF8.GetString(Value) : throw WrongType("a string");

    /// <summary>Reads a <see cref="EventStreamHeaderType.Uuid"/> value.</summary>
    /// <returns>The UUID; its <see cref="Guid.ToString()"/> form matches the wire order.</returns>
    public Guid GetUuid() => Type == EventStreamHeaderType.Uuid ? new Guid(Value, bigEndian: true) : throw WrongType("a uuid");

    /// <summary>Tests whether the header's name equals the given UTF-8 bytes, without allocating.</summary>
    /// <param name="utf8Name">The name to compare with, for example <c>":event-type"u8</c>.</param>
    /// <returns><see langword="true"/> when the names are equal (ordinal).</returns>
    public bool NameEquals(ReadOnlySpan<byte> utf8Name) => Name.SequenceEqual(utf8Name);

    // The range DateTimeOffset.FromUnixTimeMilliseconds accepts: 0001-01-01 to 9999-12-31T23:59:59.999Z.
    private const long MinUnixTimeMilliseconds = -62_135_596_800_000;
    private const long MaxUnixTimeMilliseconds = 253_402_300_799_999;

    private InvalidOperationException WrongType(string expected) =>
        new($"The header '{GetName()}' holds a {Type} value, not {expected}.");
}
