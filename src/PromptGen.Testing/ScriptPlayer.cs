namespace PromptGen.Testing;

/// <summary>
/// Turns a <see cref="ConverseScript"/> into the ordered steps of a ConverseStream answer, shared by the emulator
/// (which writes them as frames) and the fake client (which yields them as events), so both answer alike.
/// </summary>
internal static class ScriptPlayer
{
    public enum DeltaKind
    {
        Text,
        Reasoning,
        ReasoningSignature,
        ToolInput,
    }

    public enum StepKind
    {
        MessageStart,
        BlockStart,
        Delta,
        BlockStop,
        MessageStop,
        Metadata,
    }

    /// <summary>One step. <see cref="Block"/> is the content block for block steps; <see cref="Value"/> the delta text.</summary>
    public readonly record struct Step(StepKind Kind, int BlockIndex, ScriptedContent? Block, DeltaKind DeltaKind, string? Value);

    public readonly record struct Delta(int BlockIndex, DeltaKind Kind, string Value);

    public static IEnumerable<Step> GetSteps(ConverseScript script)
    {
        yield return new Step(StepKind.MessageStart, 0, null, default, null);
        for (var index = 0; index < script.Content.Count; index++)
        {
            var block = script.Content[index];

            // Real Bedrock sends contentBlockStart only for tool use: text and reasoning blocks begin with their first delta.
            if (block is ScriptedToolUse)
            {
                yield return new Step(StepKind.BlockStart, index, block, default, null);
            }

            foreach (var delta in GetBlockDeltas(index, block, script.DeltaSize))
            {
                yield return new Step(StepKind.Delta, index, block, delta.Kind, delta.Value);
            }

            yield return new Step(StepKind.BlockStop, index, block, default, null);
        }

        yield return new Step(StepKind.MessageStop, 0, null, default, null);
        yield return new Step(StepKind.Metadata, 0, null, default, null);
    }

    public static IEnumerable<Delta> GetDeltas(ConverseScript script) =>
        script.Content.SelectMany((block, index) => GetBlockDeltas(index, block, script.DeltaSize));

    private static IEnumerable<Delta> GetBlockDeltas(int index, ScriptedContent block, int size)
    {
        switch (block)
        {
            case ScriptedText text:
                foreach (var piece in Split(text.Text, size))
                {
                    yield return new Delta(index, DeltaKind.Text, piece);
                }

                break;
            case ScriptedReasoning reasoning:
                foreach (var piece in Split(reasoning.Text, size))
                {
                    yield return new Delta(index, DeltaKind.Reasoning, piece);
                }

                if (reasoning.Signature is not null)
                {
                    yield return new Delta(index, DeltaKind.ReasoningSignature, reasoning.Signature);
                }

                break;
            case ScriptedToolUse toolUse:
                foreach (var piece in Split(toolUse.InputJson, size))
                {
                    yield return new Delta(index, DeltaKind.ToolInput, piece);
                }

                break;
        }
    }

    /// <summary>Splits text into pieces of at most <paramref name="size"/> characters, never between the halves of a surrogate pair.</summary>
    public static IEnumerable<string> Split(string text, int size)
    {
        for (var offset = 0; offset < text.Length;)
        {
            var length = Math.Min(size, text.Length - offset);
            if (length < text.Length - offset && char.IsHighSurrogate(text[offset + length - 1]))
            {
                length = length > 1 ? length - 1 : length + 1;
            }

            yield return text.Substring(offset, length);
            offset += length;
        }
    }
}
