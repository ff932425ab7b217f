namespace PromptGen;

/// <summary>
/// Marks a <see langword="partial"/> interface whose methods are prompts. The PromptGen source generator
/// implements the interface at compile time and adds a static <c>Create(IConverseClient, PromptClientOptions?)</c>
/// factory to it.
/// </summary>
[AttributeUsage(AttributeTargets.Interface, AllowMultiple = false, Inherited = false)]
public sealed class PromptClientAttribute : Attribute
{
}
