namespace PromptGen.Generator.Model;

// The pipeline's models: plain, equatable data, one per [PromptClient] interface. No symbol, syntax node or
// compilation is held, so an edit that does not change what an interface means leaves its model equal and
// every later step cached.

/// <summary>What a method returns, which decides the Bedrock operation it calls.</summary>
internal enum PromptMethodKind
{
    /// <summary><c>IAsyncEnumerable&lt;string&gt;</c> over ConverseStream.</summary>
    StreamText,

    /// <summary><c>Task&lt;string&gt;</c> over Converse.</summary>
    ConverseText,
}

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

/// <summary>One prompt method and everything needed to implement it.</summary>
internal sealed record PromptMethodModel(
    string Name,
    string DeclaringInterface,
    PromptMethodKind Kind,
    EquatableArray<ParameterModel> Parameters,
    string? CancellationTokenName,
    string? ModelId,
    InferenceModel? Inference,
    EquatableArray<RenderStep> System,
    EquatableArray<RenderStep> User);

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
