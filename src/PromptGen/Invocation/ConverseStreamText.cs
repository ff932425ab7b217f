using System.Runtime.CompilerServices;

namespace PromptGen;

/// <summary>The text of a ConverseStream answer read from its events, for clients without a text stream of their own.</summary>
internal static class ConverseStreamText
{
    /// <summary>The non-empty text deltas of <paramref name="events"/>, in order.</summary>
    public static async IAsyncEnumerable<string> FromEvents(
        IAsyncEnumerable<ConverseStreamEvent> events,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await foreach (var streamEvent in events.WithCancellation(cancellationToken).ConfigureAwait(false))
        {
            if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { Length: > 0 } text })
            {
                yield return text;
            }
        }
    }
}
