namespace PromptGen.Bedrock.EventStream;

/// <summary>The value type of an event-stream header, as encoded on the wire.</summary>
internal enum EventStreamHeaderType : byte
{
    /// <summary>Boolean <see langword="true"/>; no value bytes.</summary>
    BoolTrue = 0,

    /// <summary>Boolean <see langword="false"/>; no value bytes.</summary>
    BoolFalse = 1,

    /// <summary>A signed byte.</summary>
    Byte = 2,

    /// <summary>A big-endian 16-bit signed integer.</summary>
    Int16 = 3,

    /// <summary>A big-endian 32-bit signed integer.</summary>
    Int32 = 4,

    /// <summary>A big-endian 64-bit signed integer.</summary>
    Int64 = 5,

    /// <summary>Bytes, prefixed by a big-endian 16-bit length.</summary>
    ByteArray = 6,

    /// <summary>UTF-8 text, prefixed by a big-endian 16-bit length.</summary>
    String = 7,

    /// <summary>Milliseconds since the Unix epoch, as a big-endian 64-bit signed integer.</summary>
    Timestamp = 8,

    /// <summary>A 16-byte UUID in network byte order.</summary>
    Uuid = 9,
}
