using PromptGen;

namespace PromptGen.Benchmarks.Rendering;

public sealed record Customer(string Name, string Tier);

/// <summary>A representative prompt: a system template and a user template with a member path, formats and text.</summary>
[PromptClient]
[Model("anthropic.claude-3-haiku-20240307-v1:0")]
[SystemPrompt("You are a support assistant for {{product}}. Answer in one paragraph.")]
public partial interface ISupportPrompts
{
    [Prompt("Customer {{customer.Name}} (tier {{customer.Tier}}) asks about order {{orderId}} placed on {{placedAt:yyyy-MM-dd}} totalling {{total:N2}}: {{question}}")]
    Task<string> AskAsync(string product, Customer customer, int orderId, DateTime placedAt, decimal total, string question);
}

/// <summary>A transport that answers at once with a cached response, so only rendering and request building remain.</summary>
internal sealed class InstantConverseClient : IConverseClient
{
    private static readonly Task<ConverseResponse> s_response = Task.FromResult(new ConverseResponse
    {
        Output = new ConverseOutput { Message = new Message { Role = ConversationRole.Assistant, Content = { new ContentBlock { Text = "ok" } } } },
    });

    public ConverseRequest? LastRequest { get; private set; }

    public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        LastRequest = request;
        return s_response;
    }

    public IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
        throw new NotSupportedException("The rendering benchmark uses Converse only.");
}
