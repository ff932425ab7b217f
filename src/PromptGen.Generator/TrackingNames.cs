namespace PromptGen.Generator;

/// <summary>Names of the pipeline steps, so tests can assert that each one is cached.</summary>
internal static class TrackingNames
{
    public const string PromptClients = nameof(PromptClients);
    public const string Diagnostics = nameof(Diagnostics);
    public const string Sources = nameof(Sources);
}
