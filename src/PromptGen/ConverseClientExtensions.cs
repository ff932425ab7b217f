namespace PromptGen;

/// <summary>Helpers over <see cref="IConverseClient"/>.</summary>
public static class ConverseClientExtensions
{
    /// <summary>
    /// Asks <paramref name="client"/> for an object of type <typeparamref name="TService"/>: a capability it offers or a
    /// client it wraps (see <see cref="IConverseClient.GetService"/>).
    /// </summary>
    /// <typeparam name="TService">The type of object asked for.</typeparam>
    /// <param name="client">The client, possibly a wrapper.</param>
    /// <param name="serviceKey">An optional key that narrows the request.</param>
    /// <returns>The object, or <see langword="null"/> when the client has none.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="client"/> is <see langword="null"/>.</exception>
    public static TService? GetService<TService>(this IConverseClient client, object? serviceKey = null)
        where TService : class
    {
        ArgumentNullException.ThrowIfNull(client);
        return client.GetService(typeof(TService), serviceKey) as TService;
    }
}
