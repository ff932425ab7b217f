// Extensible string enums of the Converse model. Each is a readonly struct over its wire value, like
// ConversationRole and StopReason: a value the service adds later round-trips unchanged instead of failing.
using System.Text.Json.Serialization;
using PromptGen.Serialization;

namespace PromptGen;

/// <summary>
/// The format of an image (<c>ImageFormat</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<ImageFormat>))]
public readonly struct ImageFormat : IEquatable<ImageFormat>, IWireEnum<ImageFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>png</c>.</param>
    public ImageFormat(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>png</c>.</summary>
    public static ImageFormat Png { get; } = new("png");

    /// <summary>The wire value <c>jpeg</c>.</summary>
    public static ImageFormat Jpeg { get; } = new("jpeg");

    /// <summary>The wire value <c>gif</c>.</summary>
    public static ImageFormat Gif { get; } = new("gif");

    /// <summary>The wire value <c>webp</c>.</summary>
    public static ImageFormat Webp { get; } = new("webp");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(ImageFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ImageFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static ImageFormat IWireEnum<ImageFormat>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(ImageFormat left, ImageFormat right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(ImageFormat left, ImageFormat right) => !left.Equals(right);
}

/// <summary>
/// The format of a document (<c>DocumentFormat</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<DocumentFormat>))]
public readonly struct DocumentFormat : IEquatable<DocumentFormat>, IWireEnum<DocumentFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>pdf</c>.</param>
    public DocumentFormat(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>pdf</c>.</summary>
    public static DocumentFormat Pdf { get; } = new("pdf");

    /// <summary>The wire value <c>csv</c>.</summary>
    public static DocumentFormat Csv { get; } = new("csv");

    /// <summary>The wire value <c>doc</c>.</summary>
    public static DocumentFormat Doc { get; } = new("doc");

    /// <summary>The wire value <c>docx</c>.</summary>
    public static DocumentFormat Docx { get; } = new("docx");

    /// <summary>The wire value <c>xls</c>.</summary>
    public static DocumentFormat Xls { get; } = new("xls");

    /// <summary>The wire value <c>xlsx</c>.</summary>
    public static DocumentFormat Xlsx { get; } = new("xlsx");

    /// <summary>The wire value <c>html</c>.</summary>
    public static DocumentFormat Html { get; } = new("html");

    /// <summary>The wire value <c>txt</c>.</summary>
    public static DocumentFormat Txt { get; } = new("txt");

    /// <summary>The wire value <c>md</c>.</summary>
    public static DocumentFormat Md { get; } = new("md");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(DocumentFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DocumentFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static DocumentFormat IWireEnum<DocumentFormat>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(DocumentFormat left, DocumentFormat right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(DocumentFormat left, DocumentFormat right) => !left.Equals(right);
}

/// <summary>
/// The container format of a video (<c>VideoFormat</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<VideoFormat>))]
public readonly struct VideoFormat : IEquatable<VideoFormat>, IWireEnum<VideoFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>mkv</c>.</param>
    public VideoFormat(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>mkv</c>.</summary>
    public static VideoFormat Mkv { get; } = new("mkv");

    /// <summary>The wire value <c>mov</c>.</summary>
    public static VideoFormat Mov { get; } = new("mov");

    /// <summary>The wire value <c>mp4</c>.</summary>
    public static VideoFormat Mp4 { get; } = new("mp4");

    /// <summary>The wire value <c>webm</c>.</summary>
    public static VideoFormat Webm { get; } = new("webm");

    /// <summary>The wire value <c>flv</c>.</summary>
    public static VideoFormat Flv { get; } = new("flv");

    /// <summary>The wire value <c>mpeg</c>.</summary>
    public static VideoFormat Mpeg { get; } = new("mpeg");

    /// <summary>The wire value <c>mpg</c>.</summary>
    public static VideoFormat Mpg { get; } = new("mpg");

    /// <summary>The wire value <c>wmv</c>.</summary>
    public static VideoFormat Wmv { get; } = new("wmv");

    /// <summary>The wire value <c>three_gp</c>.</summary>
    public static VideoFormat ThreeGp { get; } = new("three_gp");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(VideoFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is VideoFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static VideoFormat IWireEnum<VideoFormat>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(VideoFormat left, VideoFormat right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(VideoFormat left, VideoFormat right) => !left.Equals(right);
}

/// <summary>
/// The format of an audio clip (<c>AudioFormat</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<AudioFormat>))]
public readonly struct AudioFormat : IEquatable<AudioFormat>, IWireEnum<AudioFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>mp3</c>.</param>
    public AudioFormat(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>mp3</c>.</summary>
    public static AudioFormat Mp3 { get; } = new("mp3");

    /// <summary>The wire value <c>opus</c>.</summary>
    public static AudioFormat Opus { get; } = new("opus");

    /// <summary>The wire value <c>wav</c>.</summary>
    public static AudioFormat Wav { get; } = new("wav");

    /// <summary>The wire value <c>aac</c>.</summary>
    public static AudioFormat Aac { get; } = new("aac");

    /// <summary>The wire value <c>flac</c>.</summary>
    public static AudioFormat Flac { get; } = new("flac");

    /// <summary>The wire value <c>mp4</c>.</summary>
    public static AudioFormat Mp4 { get; } = new("mp4");

    /// <summary>The wire value <c>ogg</c>.</summary>
    public static AudioFormat Ogg { get; } = new("ogg");

    /// <summary>The wire value <c>mkv</c>.</summary>
    public static AudioFormat Mkv { get; } = new("mkv");

    /// <summary>The wire value <c>mka</c>.</summary>
    public static AudioFormat Mka { get; } = new("mka");

    /// <summary>The wire value <c>x-aac</c>.</summary>
    public static AudioFormat XAac { get; } = new("x-aac");

    /// <summary>The wire value <c>m4a</c>.</summary>
    public static AudioFormat M4a { get; } = new("m4a");

    /// <summary>The wire value <c>mpeg</c>.</summary>
    public static AudioFormat Mpeg { get; } = new("mpeg");

    /// <summary>The wire value <c>mpga</c>.</summary>
    public static AudioFormat Mpga { get; } = new("mpga");

    /// <summary>The wire value <c>pcm</c>.</summary>
    public static AudioFormat Pcm { get; } = new("pcm");

    /// <summary>The wire value <c>webm</c>.</summary>
    public static AudioFormat Webm { get; } = new("webm");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(AudioFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is AudioFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static AudioFormat IWireEnum<AudioFormat>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(AudioFormat left, AudioFormat right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(AudioFormat left, AudioFormat right) => !left.Equals(right);
}

/// <summary>
/// The kind of a tool use (<c>ToolUseType</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<ToolUseType>))]
public readonly struct ToolUseType : IEquatable<ToolUseType>, IWireEnum<ToolUseType>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>server_tool_use</c>.</param>
    public ToolUseType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>server_tool_use</c>.</summary>
    public static ToolUseType ServerToolUse { get; } = new("server_tool_use");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(ToolUseType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ToolUseType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static ToolUseType IWireEnum<ToolUseType>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(ToolUseType left, ToolUseType right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(ToolUseType left, ToolUseType right) => !left.Equals(right);
}

/// <summary>
/// The outcome of a tool call (<c>ToolResultStatus</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<ToolResultStatus>))]
public readonly struct ToolResultStatus : IEquatable<ToolResultStatus>, IWireEnum<ToolResultStatus>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>success</c>.</param>
    public ToolResultStatus(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>success</c>.</summary>
    public static ToolResultStatus Success { get; } = new("success");

    /// <summary>The wire value <c>error</c>.</summary>
    public static ToolResultStatus Error { get; } = new("error");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(ToolResultStatus other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ToolResultStatus other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static ToolResultStatus IWireEnum<ToolResultStatus>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(ToolResultStatus left, ToolResultStatus right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(ToolResultStatus left, ToolResultStatus right) => !left.Equals(right);
}

/// <summary>
/// How a guardrail treats a piece of guarded content (<c>GuardrailConverseContentQualifier</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<GuardrailConverseContentQualifier>))]
public readonly struct GuardrailConverseContentQualifier : IEquatable<GuardrailConverseContentQualifier>, IWireEnum<GuardrailConverseContentQualifier>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>grounding_source</c>.</param>
    public GuardrailConverseContentQualifier(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>grounding_source</c>.</summary>
    public static GuardrailConverseContentQualifier GroundingSource { get; } = new("grounding_source");

    /// <summary>The wire value <c>query</c>.</summary>
    public static GuardrailConverseContentQualifier Query { get; } = new("query");

    /// <summary>The wire value <c>guard_content</c>.</summary>
    public static GuardrailConverseContentQualifier GuardContent { get; } = new("guard_content");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(GuardrailConverseContentQualifier other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GuardrailConverseContentQualifier other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static GuardrailConverseContentQualifier IWireEnum<GuardrailConverseContentQualifier>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(GuardrailConverseContentQualifier left, GuardrailConverseContentQualifier right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(GuardrailConverseContentQualifier left, GuardrailConverseContentQualifier right) => !left.Equals(right);
}

/// <summary>
/// The format of a guarded image (<c>GuardrailConverseImageFormat</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<GuardrailConverseImageFormat>))]
public readonly struct GuardrailConverseImageFormat : IEquatable<GuardrailConverseImageFormat>, IWireEnum<GuardrailConverseImageFormat>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>png</c>.</param>
    public GuardrailConverseImageFormat(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>png</c>.</summary>
    public static GuardrailConverseImageFormat Png { get; } = new("png");

    /// <summary>The wire value <c>jpeg</c>.</summary>
    public static GuardrailConverseImageFormat Jpeg { get; } = new("jpeg");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(GuardrailConverseImageFormat other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GuardrailConverseImageFormat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static GuardrailConverseImageFormat IWireEnum<GuardrailConverseImageFormat>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(GuardrailConverseImageFormat left, GuardrailConverseImageFormat right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(GuardrailConverseImageFormat left, GuardrailConverseImageFormat right) => !left.Equals(right);
}

/// <summary>
/// The kind of a cache checkpoint (<c>CachePointType</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<CachePointType>))]
public readonly struct CachePointType : IEquatable<CachePointType>, IWireEnum<CachePointType>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>default</c>.</param>
    public CachePointType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>default</c>.</summary>
    public static CachePointType Default { get; } = new("default");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(CachePointType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CachePointType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static CachePointType IWireEnum<CachePointType>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(CachePointType left, CachePointType right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(CachePointType left, CachePointType right) => !left.Equals(right);
}

/// <summary>
/// How long a prompt cache entry lives (<c>CacheTTL</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<CacheTtl>))]
public readonly struct CacheTtl : IEquatable<CacheTtl>, IWireEnum<CacheTtl>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>5m</c>.</param>
    public CacheTtl(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>5m</c>.</summary>
    public static CacheTtl FiveMinutes { get; } = new("5m");

    /// <summary>The wire value <c>1h</c>.</summary>
    public static CacheTtl OneHour { get; } = new("1h");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(CacheTtl other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is CacheTtl other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static CacheTtl IWireEnum<CacheTtl>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(CacheTtl left, CacheTtl right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(CacheTtl left, CacheTtl right) => !left.Equals(right);
}

/// <summary>
/// Whether a guardrail returns its trace (<c>GuardrailTrace</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<GuardrailTrace>))]
public readonly struct GuardrailTrace : IEquatable<GuardrailTrace>, IWireEnum<GuardrailTrace>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>enabled</c>.</param>
    public GuardrailTrace(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>enabled</c>.</summary>
    public static GuardrailTrace Enabled { get; } = new("enabled");

    /// <summary>The wire value <c>disabled</c>.</summary>
    public static GuardrailTrace Disabled { get; } = new("disabled");

    /// <summary>The wire value <c>enabled_full</c>.</summary>
    public static GuardrailTrace EnabledFull { get; } = new("enabled_full");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(GuardrailTrace other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GuardrailTrace other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static GuardrailTrace IWireEnum<GuardrailTrace>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(GuardrailTrace left, GuardrailTrace right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(GuardrailTrace left, GuardrailTrace right) => !left.Equals(right);
}

/// <summary>
/// How a guardrail processes a stream (<c>GuardrailStreamProcessingMode</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<GuardrailStreamProcessingMode>))]
public readonly struct GuardrailStreamProcessingMode : IEquatable<GuardrailStreamProcessingMode>, IWireEnum<GuardrailStreamProcessingMode>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>sync</c>.</param>
    public GuardrailStreamProcessingMode(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>sync</c>.</summary>
    public static GuardrailStreamProcessingMode Sync { get; } = new("sync");

    /// <summary>The wire value <c>async</c>.</summary>
    public static GuardrailStreamProcessingMode Async { get; } = new("async");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(GuardrailStreamProcessingMode other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is GuardrailStreamProcessingMode other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static GuardrailStreamProcessingMode IWireEnum<GuardrailStreamProcessingMode>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(GuardrailStreamProcessingMode left, GuardrailStreamProcessingMode right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(GuardrailStreamProcessingMode left, GuardrailStreamProcessingMode right) => !left.Equals(right);
}

/// <summary>
/// The latency profile of a call (<c>PerformanceConfigLatency</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<PerformanceConfigLatency>))]
public readonly struct PerformanceConfigLatency : IEquatable<PerformanceConfigLatency>, IWireEnum<PerformanceConfigLatency>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>standard</c>.</param>
    public PerformanceConfigLatency(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>standard</c>.</summary>
    public static PerformanceConfigLatency Standard { get; } = new("standard");

    /// <summary>The wire value <c>optimized</c>.</summary>
    public static PerformanceConfigLatency Optimized { get; } = new("optimized");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(PerformanceConfigLatency other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is PerformanceConfigLatency other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static PerformanceConfigLatency IWireEnum<PerformanceConfigLatency>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(PerformanceConfigLatency left, PerformanceConfigLatency right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(PerformanceConfigLatency left, PerformanceConfigLatency right) => !left.Equals(right);
}

/// <summary>
/// The kind of a structured output format (<c>OutputFormatType</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<OutputFormatType>))]
public readonly struct OutputFormatType : IEquatable<OutputFormatType>, IWireEnum<OutputFormatType>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>json_schema</c>.</param>
    public OutputFormatType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>json_schema</c>.</summary>
    public static OutputFormatType JsonSchema { get; } = new("json_schema");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(OutputFormatType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is OutputFormatType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static OutputFormatType IWireEnum<OutputFormatType>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(OutputFormatType left, OutputFormatType right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(OutputFormatType left, OutputFormatType right) => !left.Equals(right);
}

/// <summary>
/// The service tier of a call (<c>ServiceTierType</c>). An extensible value: one this version does not know is kept as is.
/// </summary>
[JsonConverter(typeof(WireEnumJsonConverter<ServiceTierType>))]
public readonly struct ServiceTierType : IEquatable<ServiceTierType>, IWireEnum<ServiceTierType>
{
    private readonly string? _value;

    /// <summary>Creates a value from its wire string.</summary>
    /// <param name="value">The wire string, for example <c>priority</c>.</param>
    public ServiceTierType(string value) => _value = value ?? throw new ArgumentNullException(nameof(value));

    /// <summary>The wire value <c>priority</c>.</summary>
    public static ServiceTierType Priority { get; } = new("priority");

    /// <summary>The wire value <c>default</c>.</summary>
    public static ServiceTierType Default { get; } = new("default");

    /// <summary>The wire value <c>flex</c>.</summary>
    public static ServiceTierType Flex { get; } = new("flex");

    /// <summary>The wire value <c>reserved</c>.</summary>
    public static ServiceTierType Reserved { get; } = new("reserved");

    /// <summary>The wire value; empty for the default instance.</summary>
    public string Value => _value ?? "";

    /// <inheritdoc/>
    public bool Equals(ServiceTierType other) => string.Equals(Value, other.Value, StringComparison.Ordinal);

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is ServiceTierType other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => StringComparer.Ordinal.GetHashCode(Value);

    /// <inheritdoc/>
    public override string ToString() => Value;

    static ServiceTierType IWireEnum<ServiceTierType>.FromWire(string value) => new(value);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator ==(ServiceTierType left, ServiceTierType right) => left.Equals(right);

    /// <summary>Compares two values by wire string.</summary>
    public static bool operator !=(ServiceTierType left, ServiceTierType right) => !left.Equals(right);
}
