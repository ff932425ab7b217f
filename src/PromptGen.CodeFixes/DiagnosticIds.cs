namespace PromptGen.CodeFixes;

/// <summary>The generator's diagnostic IDs and properties these fixes act on (a contract shared with PromptGen.Generator).</summary>
internal static class DiagnosticIds
{
    public const string UnknownPlaceholder = "PG0001";
    public const string UnknownMember = "PG0003";
    public const string InterfaceNotPartial = "PG0006";

    /// <summary>The diagnostic property holding the name the generator suggests.</summary>
    public const string SuggestionProperty = "Suggestion";
}
