namespace PromptGen;

/// <summary>
/// The seam between generated prompt clients and a model service: Bedrock's Converse and ConverseStream
/// operations. <c>PromptGen.Bedrock.BedrockConverseClient</c> implements it over HTTP; tests can use a fake.
/// Wrappers (telemetry, logging, caching) derive from <see cref="DelegatingConverseClient"/>.
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

    /// <summary>
    /// Asks the client for an object of the given type: an optional capability it offers (such as
    /// <see cref="IConverseTextStreamClient"/>), or a client it wraps. Generated code finds the text-stream fast path
    /// this way, so a wrapper that forwards this call keeps it.
    /// </summary>
    /// <param name="serviceType">The type of object asked for.</param>
    /// <param name="serviceKey">An optional key that narrows the request; <see langword="null"/> for none.</param>
    /// <returns>
    /// The object, or <see langword="null"/> when the client has none. The default implementation returns the client
    /// itself when it is of <paramref name="serviceType"/> and no key is given.
    /// </returns>
    /// <exception cref="ArgumentNullException"><paramref name="serviceType"/> is <see langword="null"/>.</exception>
    object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : null;
    }
}
