using System.Collections;
using System.ComponentModel;
using System.Runtime.CompilerServices;

namespace PromptGen;

/// <summary>
/// Helpers that generated prompt clients call. Not meant to be called directly: the generated code is the API.
/// </summary>
[EditorBrowsable(EditorBrowsableState.Never)]
public static class PromptInvoker
{
    /// <summary>Picks the model id: the options' override, then the attributes' model.</summary>
    /// <param name="attributeModelId">The model of the method's or the interface's <see cref="ModelAttribute"/>, if any.</param>
    /// <param name="options">The client's options.</param>
    /// <param name="methodName">The prompt method, named in the error when there is no model.</param>
    /// <returns>The model id to call.</returns>
    /// <exception cref="InvalidOperationException">Neither the options nor the attributes name a model.</exception>
    public static string ResolveModelId(string? attributeModelId, PromptClientOptions? options, string methodName)
    {
        var modelId = options?.ModelId ?? attributeModelId;
        if (string.IsNullOrEmpty(modelId))
        {
            throw new InvalidOperationException(
                $"No model id for prompt method '{methodName}': add [Model(\"...\")] to the method or interface, or set PromptClientOptions.ModelId.");
        }

        return modelId;
    }

    /// <summary>
    /// Applies the options' inference overrides to the settings written in attributes, member by member.
    /// </summary>
    /// <param name="fromAttributes">The settings from <see cref="InferenceAttribute"/>, or <see langword="null"/>.</param>
    /// <param name="options">The client's options.</param>
    /// <returns>The settings to send, or <see langword="null"/> when there are none.</returns>
    public static InferenceConfiguration? ResolveInference(InferenceConfiguration? fromAttributes, PromptClientOptions? options)
    {
        var overrides = options?.Inference;
        if (overrides is null)
        {
            return fromAttributes;
        }

        return new InferenceConfiguration
        {
            MaxTokens = overrides.MaxTokens ?? fromAttributes?.MaxTokens,
            Temperature = overrides.Temperature ?? fromAttributes?.Temperature,
            TopP = overrides.TopP ?? fromAttributes?.TopP,
            StopSequences = overrides.StopSequences ?? fromAttributes?.StopSequences,
        };
    }

    /// <summary>
    /// Streams the text deltas of a ConverseStream call. Both the method's token and the token given to
    /// <c>WithCancellation</c> cancel the call.
    /// </summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The text deltas, as they arrive.</returns>
    public static IAsyncEnumerable<string> StreamTextAsync(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return StreamTextCoreAsync(client, request, cancellationToken, default);
    }

    /// <summary>
    /// Streams every event of a ConverseStream call, unfiltered. Both the method's token and the token given to
    /// <c>WithCancellation</c> cancel the call.
    /// </summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The stream's events, as they arrive.</returns>
    public static IAsyncEnumerable<ConverseStreamEvent> StreamEventsAsync(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return StreamEventsCoreAsync(client, request, cancellationToken, default);
    }

    /// <summary>Sends a Converse call and returns the raw response.</summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The model's response.</returns>
    public static Task<ConverseResponse> ConverseAsync(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return client.ConverseAsync(request, cancellationToken);
    }

    /// <summary>
    /// A ConverseStream call whose text deltas are streamed and which, once read to its end, tells why the model
    /// stopped and what it used. The request is sent when enumeration starts.
    /// </summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The stream, not yet started.</returns>
    public static PromptStream<string> StreamTextResponse(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        return new PromptStream<string>(client, request, cancellationToken, static text => text);
    }

    /// <summary>Sends a Converse call and returns its text with everything Bedrock said about it.</summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The answer's text, stop reason, usage, metrics, reasoning and raw response.</returns>
    public static async Task<PromptResponse<string>> ConverseTextResponseAsync(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var response = await client.ConverseAsync(request, cancellationToken).ConfigureAwait(false);
        return new PromptResponse<string>(response.GetText(), response);
    }

    /// <summary>Sends a Converse call and returns the answer's text.</summary>
    /// <param name="client">The transport.</param>
    /// <param name="request">The rendered request.</param>
    /// <param name="cancellationToken">The prompt method's cancellation token.</param>
    /// <returns>The text of the answer.</returns>
    public static async Task<string> ConverseTextAsync(IConverseClient client, ConverseRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(request);
        var response = await client.ConverseAsync(request, cancellationToken).ConfigureAwait(false);
        return response.GetText();
    }

    /// <summary>Whether a collection has items, the truth of <c>{{#if collection}}</c>.</summary>
    /// <param name="collection">The collection, or <see langword="null"/>.</param>
    /// <returns><see langword="true"/> when the collection holds at least one item.</returns>
    public static bool HasItems(IEnumerable? collection)
    {
        switch (collection)
        {
            case null:
                return false;
            case ICollection counted:
                return counted.Count > 0;
            default:
                var enumerator = collection.GetEnumerator();
                try
                {
                    return enumerator.MoveNext();
                }
                finally
                {
                    (enumerator as IDisposable)?.Dispose();
                }
        }
    }

    /// <summary>Whether a value is present, the truth of <c>{{#if value}}</c> for values that are neither bool, string nor collection.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <returns><see langword="true"/> when the value is not <see langword="null"/>.</returns>
    public static bool IsPresent<T>(T value) => value is not null;

    private static async IAsyncEnumerable<ConverseStreamEvent> StreamEventsCoreAsync(
        IConverseClient client,
        ConverseRequest request,
        CancellationToken methodToken,
        [EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        using var linked = LinkIfBoth(methodToken, enumeratorToken, out var token);
        await foreach (var streamEvent in client.ConverseStreamAsync(request, token).WithCancellation(token).ConfigureAwait(false))
        {
            yield return streamEvent;
        }
    }

    // The compiler hands the WithCancellation token to the [EnumeratorCancellation] parameter; link it with the method's
    // own token only when both can fire, so the common case allocates no linked source.
    internal static CancellationTokenSource? LinkIfBoth(CancellationToken methodToken, CancellationToken enumeratorToken, out CancellationToken token)
    {
        var linked = methodToken.CanBeCanceled && enumeratorToken.CanBeCanceled
            ? CancellationTokenSource.CreateLinkedTokenSource(methodToken, enumeratorToken)
            : null;
        token = linked?.Token ?? (enumeratorToken.CanBeCanceled ? enumeratorToken : methodToken);
        return linked;
    }

    private static async IAsyncEnumerable<string> StreamTextCoreAsync(
        IConverseClient client,
        ConverseRequest request,
        CancellationToken methodToken,
        [EnumeratorCancellation] CancellationToken enumeratorToken)
    {
        using var linked = LinkIfBoth(methodToken, enumeratorToken, out var token);

        // A client with a text stream (found through GetService, so wrappers keep it) hands over the strings alone,
        // without an event object per delta.
        var texts = client.GetService(typeof(IConverseTextStreamClient)) is IConverseTextStreamClient textClient
            ? textClient.ConverseStreamTextAsync(request, token)
            : ConverseStreamText.FromEvents(client.ConverseStreamAsync(request, token), token);
        await foreach (var text in texts.WithCancellation(token).ConfigureAwait(false))
        {
            yield return text;
        }
    }
}
