namespace PromptGen.Testing;

/// <summary>
/// One content block of a scripted answer. The emulator streams each block the way Bedrock does: text and reasoning
/// as deltas with no <c>contentBlockStart</c>, tool use as a <c>contentBlockStart</c> followed by input fragments.
/// </summary>
public abstract class ScriptedContent
{
    private protected ScriptedContent()
    {
    }
}

/// <summary>A text block of the answer.</summary>
public sealed class ScriptedText : ScriptedContent
{
    /// <summary>Creates a text block.</summary>
    /// <param name="text">The whole text; it is split into deltas of <see cref="ConverseScript.DeltaSize"/> characters.</param>
    public ScriptedText(string text) => Text = text ?? throw new ArgumentNullException(nameof(text));

    /// <summary>The whole text.</summary>
    public string Text { get; }
}

/// <summary>A tool call the model makes (<c>toolUse</c> block; the stop reason is normally <c>tool_use</c>).</summary>
public sealed class ScriptedToolUse : ScriptedContent
{
    /// <summary>Creates a tool-use block.</summary>
    /// <param name="toolUseId">The id the model gives the call, for example <c>tooluse_abc123</c>.</param>
    /// <param name="name">The tool's name.</param>
    /// <param name="inputJson">The tool input as a JSON object; streamed as string fragments, as Bedrock does.</param>
    public ScriptedToolUse(string toolUseId, string name, string inputJson)
    {
        ToolUseId = toolUseId ?? throw new ArgumentNullException(nameof(toolUseId));
        Name = name ?? throw new ArgumentNullException(nameof(name));
        InputJson = inputJson ?? throw new ArgumentNullException(nameof(inputJson));
        using var _ = System.Text.Json.JsonDocument.Parse(inputJson); // fail at scripting time, not mid-stream
    }

    /// <summary>The id of the call.</summary>
    public string ToolUseId { get; }

    /// <summary>The tool's name.</summary>
    public string Name { get; }

    /// <summary>The tool input, a JSON object.</summary>
    public string InputJson { get; }
}

/// <summary>The model's reasoning (<c>reasoningContent</c> block), with the signature that comes after its text.</summary>
public sealed class ScriptedReasoning : ScriptedContent
{
    /// <summary>Creates a reasoning block.</summary>
    /// <param name="text">The reasoning text, streamed as deltas.</param>
    /// <param name="signature">The signature sent as the block's last delta, or <see langword="null"/> for none.</param>
    public ScriptedReasoning(string text, string? signature = null)
    {
        Text = text ?? throw new ArgumentNullException(nameof(text));
        Signature = signature;
    }

    /// <summary>The reasoning text.</summary>
    public string Text { get; }

    /// <summary>The signature, or <see langword="null"/>.</summary>
    public string? Signature { get; }
}
