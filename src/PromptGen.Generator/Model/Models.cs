namespace PromptGen.Generator.Model;

// The pipeline's models: plain, equatable data, one per [PromptClient] interface. No symbol, syntax node or
// compilation is held, so an edit that does not change what an interface means leaves its model equal and
// every later step cached.

/// <summary>
/// The shape of what a method returns, which decides the Bedrock operation it calls and how the answer reaches the
/// caller. The emitter switches over it exhaustively: a shape it does not know is a bug in the generator, never a
/// silently different method.
/// </summary>
internal enum ResultShape
{
    /// <summary><c>IAsyncEnumerable&lt;string&gt;</c>: ConverseStream, the text deltas as they arrive.</summary>
    StreamText,

    /// <summary><c>Task&lt;string&gt;</c>: Converse, the whole text.</summary>
    ConverseText,

    /// <summary><c>IAsyncEnumerable&lt;ConverseStreamEvent&gt;</c>: ConverseStream, every event, unfiltered.</summary>
    StreamEvents,

    /// <summary><c>Task&lt;ConverseResponse&gt;</c>: Converse, the raw response.</summary>
    ConverseResponse,

    /// <summary><c>PromptStream&lt;string&gt;</c>: ConverseStream, the text deltas, then stop reason, usage and metrics.</summary>
    StreamTextResponse,

    /// <summary><c>Task&lt;PromptResponse&lt;string&gt;&gt;</c>: Converse, the text with stop reason, usage and metrics.</summary>
    ConverseTextResponse,
}

/// <summary>A method's return type: its shape, and its text as the implementing method declares it.</summary>
internal sealed record ReturnTypeModel(ResultShape Shape, string TypeText);

/// <summary>What one part of a message is.</summary>
internal enum MessagePartKind
{
    /// <summary>Text rendered from template steps: a text content block.</summary>
    Text,
}

/// <summary>
/// One part of a message of the request, in order: a message is a list of parts per role (the system prompt, the user
/// turn), each becoming one content block. <see cref="LocalName"/> is the local the rendered text is built in.
/// </summary>
internal sealed record MessagePartModel(MessagePartKind Kind, EquatableArray<RenderStep> Steps, string LocalName);

/// <summary>One [PromptClient] interface, ready to emit.</summary>
internal sealed record PromptClientModel(
    string HintName,
    string? Namespace,
    EquatableArray<ContainingTypeModel> ContainingTypes,
    string InterfaceDeclarationName,
    string FullyQualifiedName,
    bool HasErrors,
    EquatableArray<PromptMethodModel> Methods);

/// <summary>A type the interface is nested in, re-declared as partial around the generated code.</summary>
internal sealed record ContainingTypeModel(string Keyword, string DeclarationName);

/// <summary>
/// One prompt method and everything needed to implement it. <see cref="System"/> and <see cref="User"/> are the parts
/// of the system prompt (none when there is no system prompt) and of the user turn; <see cref="RequestName"/> is the
/// local holding the request.
/// </summary>
internal sealed record PromptMethodModel(
    string Name,
    string DeclaringInterface,
    ReturnTypeModel ReturnType,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationTokenName,
    string? ModelId,
    InferenceModel? Inference,
    EquatableArray<MessagePartModel> System,
    EquatableArray<MessagePartModel> User,
    string RequestName);

/// <summary>A parameter as it appears in the implementing method's signature.</summary>
internal sealed record ParameterModel(string Name, string Type);

/// <summary>The inference settings written in attributes, merged method over interface.</summary>
internal sealed record InferenceModel(int? MaxTokens, float? Temperature, float? TopP, EquatableArray<string>? StopSequences);

/// <summary>What one step of a compiled template does.</summary>
internal enum RenderStepKind
{
    Literal,
    Value,
    BeginEach,
    EndEach,
    BeginIf,
    Else,
    EndIf,
}

/// <summary>
/// One step of a compiled template: templates become a flat list of steps that the emitter writes as straight-line
/// C#. <see cref="Text"/> is the literal text, the C# expression of a value or collection, or an if's condition.
/// </summary>
internal sealed record RenderStep(
    RenderStepKind Kind,
    string Text,
    string? Format = null,
    string? ItemName = null,
    string? IndexName = null,
    string? CollectionName = null);

/// <summary>A generated file.</summary>
internal sealed record GeneratedSource(string HintName, string Text);
