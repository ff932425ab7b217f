namespace PromptGen.Testing;

/// <summary>
/// What a <see cref="BedrockEmulator"/> or <see cref="FakeConverseClient"/> answers to one call: content blocks
/// (text, tool use, reasoning) split into deltas of a chosen size and pacing, a stop reason, token usage, and
/// optionally one fault. Build it fluently: <c>ConverseScript.Text("Hi!").WithDeltaSize(1).FailAfterDeltas(2, ...)</c>.
/// </summary>
/// <remarks>A script is not changed by being played, so one instance can answer any number of calls.</remarks>
public sealed class ConverseScript
{
    /// <summary>The answer the emulator gives when nothing else is scripted: a plausible one-line reply to AWS's hello-world prompt.</summary>
    public const string HelloWorldAnswer =
        "A \"Hello, World!\" program prints a simple greeting to show that a language's toolchain works and to introduce its most basic syntax.";

    private readonly List<ScriptedContent> _content = [];

    /// <summary>The content blocks, in order.</summary>
    public IReadOnlyList<ScriptedContent> Content => _content;

    /// <summary>The stop reason sent in <c>messageStop</c> (or the Converse response). Default: <c>end_turn</c>.</summary>
    public StopReason StopReason { get; private set; } = StopReason.EndTurn;

    /// <summary>The token usage sent in <c>metadata</c>; <see langword="null"/> estimates it from the text lengths.</summary>
    public TokenUsage? Usage { get; private set; }

    /// <summary>How many characters each text, reasoning or tool-input delta carries (the last may be shorter). Default: 16.</summary>
    public int DeltaSize { get; private set; } = 16;

    /// <summary>The pause before each delta, to pace the stream like a model generating. Default: none.</summary>
    public TimeSpan DeltaDelay { get; private set; }

    /// <summary>The latency reported in the metrics, in milliseconds. Default: 250.</summary>
    public long LatencyMs { get; private set; } = 250;

    /// <summary>The injected fault, or <see langword="null"/> for a clean answer.</summary>
    public ScriptedFault? Fault { get; private set; }

    /// <summary>The default script: <see cref="HelloWorldAnswer"/>, streamed in 16-character deltas.</summary>
    public static ConverseScript HelloWorld() => Text(HelloWorldAnswer);

    /// <summary>A script answering with one text block.</summary>
    /// <param name="text">The answer text.</param>
    public static ConverseScript Text(string text) => new ConverseScript().WithText(text);

    /// <summary>A script answering with an HTTP error instead of an answer (no stream starts).</summary>
    /// <param name="errorType">The error type, for example <c>ThrottlingException</c>.</param>
    /// <param name="message">The error message.</param>
    /// <param name="statusCode">The HTTP status; <see langword="null"/> takes the one Bedrock uses for the type.</param>
    public static ConverseScript Error(string errorType, string message, int? statusCode = null) =>
        new ConverseScript().WithFault(new ServiceErrorFault(errorType, message, statusCode));

    /// <summary>A script answering 429 <c>ThrottlingException</c> with Bedrock's message.</summary>
    public static ConverseScript Throttling() => Error("ThrottlingException", "Too many requests, please wait before trying again.");

    /// <summary>Appends a text block.</summary>
    /// <param name="text">The text.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithText(string text)
    {
        _content.Add(new ScriptedText(text));
        return this;
    }

    /// <summary>Appends a tool call and sets the stop reason to <c>tool_use</c>.</summary>
    /// <param name="toolUseId">The id of the call.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="inputJson">The tool input, a JSON object.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithToolUse(string toolUseId, string name, string inputJson)
    {
        _content.Add(new ScriptedToolUse(toolUseId, name, inputJson));
        StopReason = StopReason.ToolUse;
        return this;
    }

    /// <summary>Appends a reasoning block.</summary>
    /// <param name="text">The reasoning text.</param>
    /// <param name="signature">Its signature, or <see langword="null"/>.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithReasoning(string text, string? signature = null)
    {
        _content.Add(new ScriptedReasoning(text, signature));
        return this;
    }

    /// <summary>Sets the stop reason.</summary>
    /// <param name="stopReason">The stop reason, for example <see cref="StopReason.MaxTokens"/>.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithStopReason(StopReason stopReason)
    {
        StopReason = stopReason;
        return this;
    }

    /// <summary>Sets the token usage reported.</summary>
    /// <param name="inputTokens">Tokens of the request.</param>
    /// <param name="outputTokens">Tokens generated.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithUsage(int inputTokens, int outputTokens)
    {
        Usage = new TokenUsage { InputTokens = inputTokens, OutputTokens = outputTokens, TotalTokens = inputTokens + outputTokens };
        return this;
    }

    /// <summary>Sets how many characters each delta carries.</summary>
    /// <param name="characters">At least 1.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithDeltaSize(int characters)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(characters, 1);
        DeltaSize = characters;
        return this;
    }

    /// <summary>Sets the pause before each delta.</summary>
    /// <param name="delay">The pause; zero for none.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithDeltaDelay(TimeSpan delay)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(delay, TimeSpan.Zero);
        DeltaDelay = delay;
        return this;
    }

    /// <summary>Sets the latency reported in the metrics.</summary>
    /// <param name="latencyMs">Milliseconds.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithLatency(long latencyMs)
    {
        LatencyMs = latencyMs;
        return this;
    }

    /// <summary>Sets the fault to inject (replacing any earlier one).</summary>
    /// <param name="fault">The fault.</param>
    /// <returns>This script.</returns>
    public ConverseScript WithFault(ScriptedFault fault)
    {
        Fault = fault ?? throw new ArgumentNullException(nameof(fault));
        return this;
    }

    /// <summary>Sends an exception frame after <paramref name="afterDeltas"/> deltas.</summary>
    /// <param name="afterDeltas">Deltas sent first.</param>
    /// <param name="exceptionType">For example <c>modelStreamErrorException</c>.</param>
    /// <param name="message">The exception message.</param>
    /// <returns>This script.</returns>
    public ConverseScript FailAfterDeltas(int afterDeltas, string exceptionType, string message) =>
        WithFault(new StreamExceptionFault(afterDeltas, exceptionType, message));

    /// <summary>Sends a frame with a bad checksum after <paramref name="afterDeltas"/> deltas.</summary>
    /// <param name="afterDeltas">Deltas sent first.</param>
    /// <returns>This script.</returns>
    public ConverseScript CorruptFrameAfterDeltas(int afterDeltas) => WithFault(new CorruptFrameFault(afterDeltas));

    /// <summary>Stops sending after <paramref name="afterDeltas"/> deltas for <paramref name="duration"/>.</summary>
    /// <param name="afterDeltas">Deltas sent first.</param>
    /// <param name="duration">The stall; <see cref="Timeout.InfiniteTimeSpan"/> until the client leaves.</param>
    /// <returns>This script.</returns>
    public ConverseScript StallAfterDeltas(int afterDeltas, TimeSpan duration) => WithFault(new StallFault(afterDeltas, duration));

    /// <summary>Aborts the connection after <paramref name="afterDeltas"/> deltas.</summary>
    /// <param name="afterDeltas">Deltas sent first.</param>
    /// <returns>This script.</returns>
    public ConverseScript DropConnectionAfterDeltas(int afterDeltas) => WithFault(new DropConnectionFault(afterDeltas));

    /// <summary>The whole answer text: the text blocks concatenated, as a client that prints text deltas shows it.</summary>
    public string GetText() => string.Concat(_content.OfType<ScriptedText>().Select(block => block.Text));

    /// <summary>The text a client receives before the fault: the first <c>AfterDeltas</c> text deltas, or all text without a fault.</summary>
    public string GetTextBeforeFault()
    {
        var limit = Fault switch
        {
            null or StallFault => int.MaxValue, // a stall delays the text but loses none
            ServiceErrorFault => 0,
            _ => Fault.DeltasBefore,
        };
        var text = new System.Text.StringBuilder();
        var count = 0;
        foreach (var delta in ScriptPlayer.GetDeltas(this))
        {
            if (count++ >= limit)
            {
                break;
            }

            if (delta.Kind == ScriptPlayer.DeltaKind.Text)
            {
                text.Append(delta.Value);
            }
        }

        return text.ToString();
    }

    internal TokenUsage GetUsage(ConverseRequest? request)
    {
        if (Usage is not null)
        {
            return Usage;
        }

        // About four characters per token, like the English text models usually see; never zero for a real call.
        var inputCharacters = request is null
            ? 0
            : request.Messages.Sum(message => message.Content.Sum(block => block.Text?.Length ?? 0))
                + (request.System?.Sum(block => block.Text?.Length ?? 0) ?? 0);
        var outputCharacters = _content.Sum(block => block switch
        {
            ScriptedText text => text.Text.Length,
            ScriptedReasoning reasoning => reasoning.Text.Length,
            ScriptedToolUse toolUse => toolUse.InputJson.Length,
            _ => 0,
        });
        var input = Math.Max(1, (inputCharacters + 3) / 4);
        var output = Math.Max(1, (outputCharacters + 3) / 4);
        return new TokenUsage { InputTokens = input, OutputTokens = output, TotalTokens = input + output };
    }
}
