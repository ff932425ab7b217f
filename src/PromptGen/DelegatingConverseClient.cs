namespace PromptGen;

/// <summary>
/// The base of wrappers around an <see cref="IConverseClient"/> (telemetry, logging, caching, request rewriting):
/// every call is forwarded to <see cref="InnerClient"/>, the text-stream fast path and <see cref="GetService"/>
/// included, so a wrapper overrides only what it changes and loses nothing it does not.
/// </summary>
/// <remarks>
/// Generated <c>IAsyncEnumerable&lt;string&gt;</c> methods stream through <see cref="ConverseStreamTextAsync"/>; all
/// other streaming calls go through <see cref="ConverseStreamAsync"/>. A wrapper that must see every streamed call
/// overrides both. Disposing the wrapper disposes the inner client, as Microsoft.Extensions.AI's
/// <c>DelegatingChatClient</c> does.
/// </remarks>
public abstract class DelegatingConverseClient : IConverseTextStreamClient, IDisposable
{
    /// <summary>Creates a wrapper around <paramref name="innerClient"/>.</summary>
    /// <param name="innerClient">The client calls are forwarded to.</param>
    /// <exception cref="ArgumentNullException"><paramref name="innerClient"/> is <see langword="null"/>.</exception>
    protected DelegatingConverseClient(IConverseClient innerClient)
    {
        ArgumentNullException.ThrowIfNull(innerClient);
        InnerClient = innerClient;
    }

    /// <summary>The client calls are forwarded to.</summary>
    protected IConverseClient InnerClient { get; }

    /// <inheritdoc/>
    public virtual Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
        InnerClient.ConverseAsync(request, cancellationToken);

    /// <inheritdoc/>
    public virtual IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
        InnerClient.ConverseStreamAsync(request, cancellationToken);

    /// <inheritdoc/>
    /// <remarks>
    /// Forwarded to the inner client's own text stream when it offers one (found with <see cref="IConverseClient.GetService"/>),
    /// so the fast path survives any number of wrappers; otherwise the text deltas of <see cref="ConverseStreamAsync"/>
    /// (this instance's, so an override of it sees the call).
    /// </remarks>
    public virtual IAsyncEnumerable<string> ConverseStreamTextAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return InnerClient.GetService(typeof(IConverseTextStreamClient)) is IConverseTextStreamClient textClient
            ? textClient.ConverseStreamTextAsync(request, cancellationToken)
            : ConverseStreamText.FromEvents(ConverseStreamAsync(request, cancellationToken), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>This instance when it is of <paramref name="serviceType"/> (and no key is given), else the inner client's answer.</remarks>
    public virtual object? GetService(Type serviceType, object? serviceKey = null)
    {
        ArgumentNullException.ThrowIfNull(serviceType);
        return serviceKey is null && serviceType.IsInstanceOfType(this) ? this : InnerClient.GetService(serviceType, serviceKey);
    }

    /// <summary>Disposes the inner client, when it is disposable.</summary>
    public void Dispose()
    {
        Dispose(disposing: true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Releases what the wrapper holds: by default, the inner client.</summary>
    /// <param name="disposing"><see langword="true"/> when called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing)
        {
            (InnerClient as IDisposable)?.Dispose();
        }
    }
}
