namespace PromptGen;

/// <summary>
/// An <see cref="IConverseClient"/> that can also stream just the text of an answer, without materializing an event
/// object per delta. Generated <c>IAsyncEnumerable&lt;string&gt;</c> methods use it when the client offers it (asked
/// with <see cref="IConverseClient.GetService"/>, so wrappers derived from <see cref="DelegatingConverseClient"/> keep
/// it), so a streamed delta costs no more than its own string; any other client is read through
/// <see cref="IConverseClient.ConverseStreamAsync"/>, with the same result.
/// </summary>
public interface IConverseTextStreamClient : IConverseClient
{
    /// <summary>
    /// Sends a ConverseStream request and yields the text of its text deltas, in order, skipping empty ones. Exactly
    /// the texts of the <see cref="ContentBlockDeltaEvent"/>s that <see cref="IConverseClient.ConverseStreamAsync"/>
    /// would return, and the same exceptions at the same points.
    /// </summary>
    /// <param name="request">The request; <see cref="ConverseRequest.ModelId"/> must be set.</param>
    /// <param name="cancellationToken">Cancels the call and aborts the response stream.</param>
    /// <returns>The non-empty text deltas as they arrive.</returns>
    IAsyncEnumerable<string> ConverseStreamTextAsync(ConverseRequest request, CancellationToken cancellationToken = default);
}
