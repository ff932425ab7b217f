using System.Runtime.CompilerServices;
using System.Text;

namespace PromptGen;

/// <summary>
/// A ConverseStream answer as it arrives, and, once it has been read to its end, what Bedrock said about it: why the
/// model stopped, the tokens and time it took, and its reasoning. The result of prompt methods declared
/// <c>PromptStream&lt;string&gt;</c>, whose items are the text deltas.
/// </summary>
/// <remarks>
/// The request is sent when enumeration starts. A stream can be enumerated once: a second enumeration would call the
/// model again, so it throws instead. Both the prompt method's <see cref="CancellationToken"/> and the one given to
/// <c>WithCancellation</c> cancel the call; leaving <see langword="await foreach"/> early aborts the response.
/// </remarks>
/// <typeparam name="T">The items: <see cref="string"/>, the text deltas.</typeparam>
public sealed class PromptStream<T> : IAsyncEnumerable<T>
{
    private readonly IConverseClient _client;
    private readonly ConverseRequest _request;
    private readonly CancellationToken _methodToken;
    private readonly Func<string, T> _fromText;
    private int _enumerated;

    internal PromptStream(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken, Func<string, T> fromText)
    {
        _client = client;
        _request = request;
        _methodToken = cancellationToken;
        _fromText = fromText;
    }

    /// <summary>Whether the stream has been read to its end; the other properties are set from then on.</summary>
    public bool IsCompleted { get; private set; }

    /// <summary>Why the model stopped, once the stream has been read to its end; <see langword="null"/> until then.</summary>
    public StopReason? StopReason { get; private set; }

    /// <summary>The tokens the call used, once the stream has been read to its end and if Bedrock reported them.</summary>
    public TokenUsage? Usage { get; private set; }

    /// <summary>How long the call took, once the stream has been read to its end and if Bedrock reported it.</summary>
    public ConverseStreamMetrics? Metrics { get; private set; }

    /// <summary>The model's reasoning (its reasoning deltas, concatenated), or <see langword="null"/> when it sent none.</summary>
    public string? ReasoningText { get; private set; }

    /// <inheritdoc/>
    /// <exception cref="InvalidOperationException">The stream was already enumerated.</exception>
    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _enumerated, 1) != 0)
        {
            throw new InvalidOperationException(
                "This PromptStream has already been enumerated; enumerating it again would call the model again. " +
                "Call the prompt method again, or keep the items the first enumeration returned.");
        }

        return ReadAsync(cancellationToken).GetAsyncEnumerator(cancellationToken);
    }

    private async IAsyncEnumerable<T> ReadAsync([EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        using var linked = PromptInvoker.LinkIfBoth(_methodToken, enumeratorToken, out var token);
        StringBuilder? reasoning = null;
        await foreach (var streamEvent in _client.ConverseStreamAsync(_request, token).WithCancellation(token).ConfigureAwait(false))
        {
            switch (streamEvent)
            {
                case ContentBlockDeltaEvent { Delta: { } delta }:
                    if (delta.Text is { Length: > 0 } text)
                    {
                        yield return _fromText(text);
                    }
                    else if (delta.ReasoningContent?.Text is { Length: > 0 } thought)
                    {
                        (reasoning ??= new StringBuilder()).Append(thought);
                    }

                    break;
                case MessageStopEvent stop:
                    StopReason = stop.StopReason;
                    break;
                case MetadataEvent metadata:
                    Usage = metadata.Usage;
                    Metrics = metadata.Metrics;
                    break;
            }
        }

        ReasoningText = reasoning?.ToString();
        IsCompleted = true;
    }
}
