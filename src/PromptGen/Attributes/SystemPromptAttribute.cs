namespace PromptGen;

/// <summary>
/// The system prompt sent with a prompt method, as a template bound to the method's parameters like
/// <see cref="PromptAttribute"/>. On the interface it applies to every method; on a method it wins over the interface.
/// </summary>
[AttributeUsage(AttributeTargets.Interface | AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class SystemPromptAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="template">The system prompt template.</param>
    public SystemPromptAttribute(string template) => Template = template;

    /// <summary>The system prompt template.</summary>
    public string Template { get; }
}
