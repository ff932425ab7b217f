using System.Text;

namespace PromptGen.Bedrock.EventStream;

/// <summary>
/// The header values Bedrock sends on nearly every frame, kept as cached strings so that decoding a frame's
/// routing headers allocates nothing: the bytes are compared and the cached instance is returned.
/// </summary>
internal static class KnownHeaderValues
{
    private static readonly (byte[] Utf8, string Text)[] s_values = Create(
        "event",
        "exception",
        "error",
        "application/json",
        "contentBlockDelta",
        "contentBlockStart",
        "contentBlockStop",
        "messageStart",
        "messageStop",
        "metadata",
        "internalServerException",
        "modelStreamErrorException",
        "validationException",
        "throttlingException",
        "serviceUnavailableException");

    /// <summary>Returns the cached string for a well-known value, or a new string for any other.</summary>
    public static string GetString(ReadOnlySpan<byte> utf8)
    {
        foreach (var (known, text) in s_values)
        {
            if (utf8.SequenceEqual(known))
            {
                return text;
            }
        }

        return Encoding.UTF8.GetString(utf8);
    }

    private static (byte[], string)[] Create(params string[] values) =>
        Array.ConvertAll(values, value => (Encoding.UTF8.GetBytes(value), value));
}
