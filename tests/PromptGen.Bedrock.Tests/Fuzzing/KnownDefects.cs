namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>
/// Defects the fuzz passes found outside the event-stream decoder, in code this change may not touch. Each is
/// matched as narrowly as possible, counted in the pass's output instead of failing it, and pinned by a skipped
/// regression test; when the fix lands, delete the matcher and un-skip the test.
/// </summary>
internal static class KnownDefects
{
    public const string InvalidEscapeId = "invalid-unicode-escape";

    /// <summary>
    /// PromptGen's hand-written JSON readers (<c>ConverseJson.StreamEvents.cs</c>, and <c>ServiceErrorDocument</c>
    /// in the Bedrock client) compare property names with <c>Utf8JsonReader.ValueTextEquals</c> and read strings
    /// with <c>GetString</c>, which throw <see cref="InvalidOperationException"/>, not <c>JsonException</c>, on an
    /// escaped lone surrogate such as <c>"\udc00"</c> or on invalid UTF-8. The serializer converts these itself;
    /// the hand-written readers do not.
    /// </summary>
    public static bool IsInvalidEscapeInHandWrittenReader(Exception exception) =>
        exception is InvalidOperationException
        && exception.StackTrace is { } stackTrace
        && stackTrace.Contains("System.Text.Json.", StringComparison.Ordinal)
        && (stackTrace.Contains("PromptGen.ConverseJson.Read", StringComparison.Ordinal)
            || stackTrace.Contains("PromptGen.ConverseJson.DeserializeStreamEvent", StringComparison.Ordinal)
            || stackTrace.Contains("PromptGen.Bedrock.ServiceErrorDocument", StringComparison.Ordinal))
        && exception.Message.StartsWith("Cannot ", StringComparison.Ordinal)
        && (exception.Message.Contains(" UTF-16 JSON text", StringComparison.Ordinal) || exception.Message.Contains(" UTF-8 JSON text", StringComparison.Ordinal));

    /// <summary>Which of the hand-written readers the defect came from, for the outcome counts.</summary>
    public static string Origin(Exception exception) =>
        exception.StackTrace?.Contains("PromptGen.Bedrock.ServiceErrorDocument", StringComparison.Ordinal) == true
            ? "ServiceErrorDocument.Parse"
            : "ConverseJson.DeserializeStreamEvent";
}
