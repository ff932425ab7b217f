namespace PromptGen;

/// <summary>
/// The seam between generated prompt clients and a model service: Bedrock's Converse and ConverseStream
/// operations. <c>PromptGen.Bedrock.BedrockConverseClient</c> implements it over HTTP; tests can use a fake.
/// </summary>
public interface IConverseClient
{
    /// <summary>Sends a request and returns the whole answer (Bedrock <c>Converse</c>).</summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The model's response.</returns>
    Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default);

    /// <summary>
    /// Sends a request and streams the answer as events (Bedrock <c>ConverseStream</c>). The request is sent
    /// when enumeration starts; cancelling or disposing the enumerator aborts the response stream.
    /// </summary>
    /// <param name="request">The request.</param>
    /// <param name="cancellationToken">Cancels the call.</param>
    /// <returns>The stream events, in order.</returns>
    IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default);
}
