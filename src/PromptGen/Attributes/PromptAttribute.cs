namespace PromptGen;

/// <summary>
/// The user turn a prompt method sends, as a template. <c>{{name}}</c> inserts the parameter <c>name</c>,
/// formatted with the invariant culture; the generator checks every placeholder at compile time.
/// </summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false, Inherited = false)]
public sealed class PromptAttribute : Attribute
{
    /// <summary>Creates the attribute.</summary>
    /// <param name="template">The user message template.</param>
    public PromptAttribute(string template) => Template = template;

    /// <summary>The user message template.</summary>
    public string Template { get; }
}
