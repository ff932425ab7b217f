using System.Runtime.CompilerServices;

namespace PromptGen.Tests;

/// <summary>An in-memory <see cref="IConverseClient"/> that records each request and answers from a script.</summary>
internal sealed class RecordingConverseClient : IConverseClient
{
    private readonly string[] _deltas;

    public RecordingConverseClient(params string[] deltas) => _deltas = deltas;

    public List<ConverseRequest> Requests { get; } = [];

    public CancellationToken LastToken { get; private set; }

    /// <summary>When set, the stream waits on this before each delta after the first.</summary>
    public TaskCompletionSource? Gate { get; set; }

    public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        LastToken = cancellationToken;
        return Task.FromResult(new ConverseResponse
        {
            Output = new ConverseOutput
            {
                Message = new Message
                {
                    Role = ConversationRole.Assistant,
                    Content = [.. _deltas.Select(d => new ContentBlock { Text = d })],
                },
            },
            StopReason = StopReason.EndTurn,
        });
    }

    public async IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        Requests.Add(request);
        LastToken = cancellationToken;
        yield return new MessageStartEvent { Role = ConversationRole.Assistant };
        for (var i = 0; i < _deltas.Length; i++)
        {
            if (i > 0 && Gate is not null)
            {
                await Gate.Task.WaitAsync(cancellationToken);
            }

            cancellationToken.ThrowIfCancellationRequested();
            yield return new ContentBlockDeltaEvent { ContentBlockIndex = 0, Delta = new ContentBlockDelta { Text = _deltas[i] } };
        }

        yield return new ContentBlockStopEvent { ContentBlockIndex = 0 };
        yield return new MessageStopEvent { StopReason = StopReason.EndTurn };
        yield return new MetadataEvent { Usage = new TokenUsage { InputTokens = 3, OutputTokens = 2, TotalTokens = 5 } };
    }
}
