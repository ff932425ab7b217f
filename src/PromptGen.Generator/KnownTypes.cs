namespace PromptGen.Generator;

/// <summary>Metadata names of the types the generator looks for. The generator never loads the runtime assembly.</summary>
internal static class KnownTypes
{
    public const string PromptClientAttribute = "PromptGen.PromptClientAttribute";
    public const string ModelAttribute = "PromptGen.ModelAttribute";
    public const string SystemPromptAttribute = "PromptGen.SystemPromptAttribute";
    public const string PromptAttribute = "PromptGen.PromptAttribute";
    public const string InferenceAttribute = "PromptGen.InferenceAttribute";
    public const string CancellationToken = "System.Threading.CancellationToken";
    public const string AsyncEnumerableOfT = "System.Collections.Generic.IAsyncEnumerable`1";
    public const string TaskOfT = "System.Threading.Tasks.Task`1";
    public const string Formattable = "System.IFormattable";
    public const string ConverseStreamEvent = "PromptGen.ConverseStreamEvent";
    public const string ConverseResponse = "PromptGen.ConverseResponse";
    public const string PromptStreamOfT = "PromptGen.PromptStream`1";
    public const string PromptResponseOfT = "PromptGen.PromptResponse`1";
}
