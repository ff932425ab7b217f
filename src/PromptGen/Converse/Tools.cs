using System.Text.Json;

namespace PromptGen;

/// <summary>The tools a model may call, and how it must choose among them (<c>ToolConfiguration</c>).</summary>
public sealed class ToolConfiguration
{
    /// <summary>The tools.</summary>
    public IList<Tool> Tools { get; set; } = new List<Tool>();

    /// <summary>Whether the model chooses freely, must call a tool, or must call one named tool.</summary>
    public ToolChoice? ToolChoice { get; set; }
}

/// <summary>A tool the model may call (<c>Tool</c>). Exactly one member is set.</summary>
public sealed class Tool
{
    /// <summary>A tool the caller implements.</summary>
    public ToolSpecification? ToolSpec { get; set; }

    /// <summary>A tool the service implements.</summary>
    public SystemTool? SystemTool { get; set; }

    /// <summary>A prompt cache checkpoint after the tools before it.</summary>
    public CachePointBlock? CachePoint { get; set; }
}

/// <summary>The definition of a tool (<c>ToolSpecification</c>).</summary>
public sealed class ToolSpecification
{
    /// <summary>The tool's name, as the model will call it.</summary>
    public string Name { get; set; } = "";

    /// <summary>What the tool does, for the model.</summary>
    public string? Description { get; set; }

    /// <summary>The JSON schema of the tool's input.</summary>
    public ToolInputSchema? InputSchema { get; set; }

    /// <summary>Whether the model must follow the schema strictly.</summary>
    public bool? Strict { get; set; }
}

/// <summary>The schema of a tool's input (<c>ToolInputSchema</c>). Exactly one member is set.</summary>
public sealed class ToolInputSchema
{
    /// <summary>A JSON schema, as JSON.</summary>
    public JsonElement? Json { get; set; }
}

/// <summary>A tool implemented by the service (<c>SystemTool</c>).</summary>
public sealed class SystemTool
{
    /// <summary>The tool's name.</summary>
    public string Name { get; set; } = "";
}

/// <summary>How the model chooses a tool (<c>ToolChoice</c>). Exactly one member is set.</summary>
public sealed class ToolChoice
{
    /// <summary>The model decides whether to call a tool (the default).</summary>
    public AutoToolChoice? Auto { get; set; }

    /// <summary>The model must call at least one tool.</summary>
    public AnyToolChoice? Any { get; set; }

    /// <summary>The model must call the named tool.</summary>
    public SpecificToolChoice? Tool { get; set; }
}

/// <summary>The model decides whether to call a tool (<c>AutoToolChoice</c>, sent as <c>{}</c>).</summary>
public sealed class AutoToolChoice
{
}

/// <summary>The model must call at least one tool (<c>AnyToolChoice</c>, sent as <c>{}</c>).</summary>
public sealed class AnyToolChoice
{
}

/// <summary>The model must call one named tool (<c>SpecificToolChoice</c>).</summary>
public sealed class SpecificToolChoice
{
    /// <summary>The tool's name.</summary>
    public string Name { get; set; } = "";
}

/// <summary>A tool made available in the middle of a conversation (<c>ToolAdditionBlock</c>).</summary>
public sealed class ToolAdditionBlock
{
    /// <summary>The tool.</summary>
    public ToolReference? Tool { get; set; }
}

/// <summary>A tool withdrawn in the middle of a conversation (<c>ToolRemovalBlock</c>).</summary>
public sealed class ToolRemovalBlock
{
    /// <summary>The tool.</summary>
    public ToolReference? Tool { get; set; }
}

/// <summary>A reference to a tool (<c>ToolReference</c>).</summary>
public sealed class ToolReference
{
    /// <summary>The kind of tool.</summary>
    public string? Type { get; set; }

    /// <summary>The tool's name.</summary>
    public string? Name { get; set; }

    /// <summary>The name of the server that provides the tool.</summary>
    public string? ServerName { get; set; }
}
