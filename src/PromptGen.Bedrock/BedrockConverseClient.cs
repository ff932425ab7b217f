using System.Net;
using System.Net.Http.Headers;
using System.Runtime.CompilerServices;
using System.Text.Json;
using Amazon;
using Amazon.Runtime;
using Amazon.Runtime.Credentials;
using Microsoft.Extensions.Logging;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Resilience;
using PromptGen.Bedrock.Signing;

namespace PromptGen.Bedrock;

/// <summary>
/// An <see cref="IConverseClient"/> that calls Amazon Bedrock Runtime's Converse and ConverseStream operations
/// over <see cref="HttpClient"/>, signing requests with SigV4 (or sending a Bedrock API key) and decoding the
/// event stream itself.
/// </summary>
/// <remarks>
/// Thread-safe: one instance serves any number of concurrent calls and should be reused, like an
/// <see cref="HttpClient"/>.
/// </remarks>
public sealed class BedrockConverseClient : IConverseTextStreamClient, IDisposable
{
    private const string JsonContentType = "application/json";
    private const string ConverseOperationPath = "converse";
    private const string ConverseStreamOperationPath = "converse-stream";
    private const string ConverseOperationName = "Converse";
    private const string ConverseStreamOperationName = "ConverseStream";

    // Bodies of error responses are short JSON documents; a larger one is cut rather than buffered whole.
    private const int MaxErrorBodyLength = 64 * 1024;

    private static readonly MediaTypeHeaderValue s_jsonMediaType = new(JsonContentType);

    private readonly HttpClient _httpClient;
    private readonly bool _ownsHttpClient;
    private readonly TimeProvider _timeProvider;
    private readonly string _host;
    private readonly string _endpointBase;
    private readonly string _basePath;
    private readonly string? _bearerToken;
    private readonly string? _region;
    private readonly RetryPipeline _retry;
    private readonly TimeSpan _firstByteTimeout;
    private readonly TimeSpan _idleTimeout;
    private AWSCredentials? _credentials;

    /// <summary>
    /// Creates a client configured the way the AWS SDKs and CLI are: region from <c>AWS_REGION</c>,
    /// <c>AWS_DEFAULT_REGION</c> or the profile; credentials from the default chain (resolved at the first call);
    /// endpoint from <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c> or <c>AWS_ENDPOINT_URL</c>; a Bedrock API key from
    /// <c>AWS_BEARER_TOKEN_BEDROCK</c>; retries from <c>AWS_MAX_ATTEMPTS</c> and <c>AWS_RETRY_MODE</c> or the profile's
    /// <c>max_attempts</c> and <c>retry_mode</c>.
    /// </summary>
    /// <exception cref="BedrockConfigurationException">No region is configured.</exception>
    public BedrockConverseClient()
        : this(new BedrockClientOptions())
    {
    }

    /// <summary>Creates a client; what <paramref name="options"/> leaves unset comes from the AWS environment.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="BedrockConfigurationException">No region is configured and one is needed.</exception>
    public BedrockConverseClient(BedrockClientOptions options)
        : this(options, Environment.GetEnvironmentVariable, profileName => SharedConfigRetrySettings.Read(profileName))
    {
    }

    /// <param name="options">The settings.</param>
    /// <param name="getEnvironmentVariable">Reads an environment variable.</param>
    /// <param name="readSharedConfig">
    /// Reads a profile's retry settings from the shared config files; unset, none are read, so that tests see only
    /// the environment they pass.
    /// </param>
    internal BedrockConverseClient(
        BedrockClientOptions options,
        Func<string, string?> getEnvironmentVariable,
        Func<string, SharedConfigRetrySettings>? readSharedConfig = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(getEnvironmentVariable);

        // Explicit options win over the environment; explicit credentials also win over an API key in the
        // environment, so that code which passes credentials gets exactly those.
        _bearerToken = NullIfEmpty(options.BearerToken)
            ?? (options.Credentials is null ? NullIfEmpty(getEnvironmentVariable("AWS_BEARER_TOKEN_BEDROCK")) : null);
        _credentials = _bearerToken is null ? options.Credentials : null;

        var configuredEndpoint = options.Endpoint ?? GetConfiguredEndpoint(getEnvironmentVariable);
        if (configuredEndpoint is null || _bearerToken is null)
        {
            _region = NullIfEmpty(options.Region) ?? ResolveRegion(getEnvironmentVariable);
        }
        else
        {
            _region = NullIfEmpty(options.Region);
        }

        Endpoint = configuredEndpoint ?? GetPublicEndpoint(_region!);
        if (!Endpoint.IsAbsoluteUri || (Endpoint.Scheme != Uri.UriSchemeHttps && Endpoint.Scheme != Uri.UriSchemeHttp))
        {
            throw new BedrockConfigurationException($"The Bedrock endpoint '{Endpoint}' is not an absolute http or https URI.");
        }

        // The Host header is signed, so it is set explicitly to the value signed: the authority with the port
        // when the port is not the scheme's default (for example 127.0.0.1:5123).
        _host = Endpoint.Authority;
        _endpointBase = Endpoint.GetLeftPart(UriPartial.Authority);
        _basePath = Endpoint.AbsolutePath.TrimEnd('/');
        _timeProvider = options.TimeProvider ?? TimeProvider.System;
        _firstByteTimeout = ValidateTimeout(options.FirstByteTimeout, nameof(options.FirstByteTimeout));
        _idleTimeout = ValidateTimeout(options.IdleTimeout, nameof(options.IdleTimeout));
        var profileName = NullIfEmpty(getEnvironmentVariable("AWS_PROFILE")?.Trim()) ?? SharedConfigRetrySettings.DefaultProfileName;
        _retry = RetryPipeline.Create(
            options.Retry ?? new BedrockRetryOptions(),
            getEnvironmentVariable,
            () => readSharedConfig?.Invoke(profileName) ?? new SharedConfigRetrySettings(null, null, profileName),
            _timeProvider,
            options.LoggerFactory?.CreateLogger<BedrockConverseClient>());

        if (options.HttpClient is not null)
        {
            _httpClient = options.HttpClient;
        }
        else
        {
            _httpClient = options.HttpMessageHandler is not null
                ? new HttpClient(options.HttpMessageHandler, disposeHandler: false)
                : new HttpClient(CreateDefaultHandler(), disposeHandler: true);

            // FirstByteTimeout and IdleTimeout bound each attempt; HttpClient's own timeout would also cut a long
            // Converse answer that the caller chose to wait for.
            _httpClient.Timeout = Timeout.InfiniteTimeSpan;
            _ownsHttpClient = true;
        }
    }

    /// <summary>The retry settings and state this client runs with.</summary>
    internal RetryPipeline Retry => _retry;

    /// <summary>The Bedrock Runtime endpoint requests are sent to.</summary>
    public Uri Endpoint { get; }

    /// <summary>The AWS region requests are signed for, or <see langword="null"/> when none is needed (API key with an explicit endpoint).</summary>
    public string? Region => _region;

    /// <inheritdoc/>
    /// <remarks>Transient failures are retried as <see cref="BedrockClientOptions.Retry"/> says.</remarks>
    /// <exception cref="BedrockException">Bedrock returned an error; the derived type names it.</exception>
    /// <exception cref="BedrockTimeoutException">Bedrock did not answer within the configured timeouts.</exception>
    /// <exception cref="BedrockConnectionException">The network failed (refused, reset, DNS, TLS) on the last attempt.</exception>
    /// <exception cref="BedrockConfigurationException">No credentials could be resolved.</exception>
    public async Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        var call = PrepareCall(request, ConverseOperationPath);
        return await _retry.ExecuteAsync(
            static (pair, token) => pair.client.ConverseAttemptAsync(pair.call, token),
            (client: this, call),
            ConverseOperationName,
            call.ModelId,
            cancellationToken).ConfigureAwait(false);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// Events the service sends but this version does not model are skipped. An exception the service sends inside
    /// the stream is thrown, as its typed <see cref="BedrockException"/>, after every event that preceded it.
    /// Transient failures before the stream's first event are retried as <see cref="BedrockClientOptions.Retry"/> says;
    /// after it, they are thrown, so nothing is delivered twice. Breaking out of <see langword="await foreach"/>
    /// disposes the response, which closes the connection.
    /// </remarks>
    /// <exception cref="BedrockException">Bedrock returned an error; the derived type names it.</exception>
    /// <exception cref="BedrockTimeoutException">Bedrock did not answer, or the stream stalled, beyond the configured timeouts.</exception>
    /// <exception cref="EventStreamException">The response stream is corrupt or truncated.</exception>
    /// <exception cref="BedrockConnectionException">The network failed (refused, reset, DNS, TLS) on the last attempt.</exception>
    /// <exception cref="BedrockConfigurationException">No credentials could be resolved.</exception>
    public IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamEventsAsync(PrepareCall(request, ConverseStreamOperationPath), cancellationToken);
    }

    /// <inheritdoc/>
    /// <remarks>
    /// The same call as <see cref="ConverseStreamAsync"/>, retried and timed the same way, reading from each text delta
    /// nothing but its string. Generated <c>IAsyncEnumerable&lt;string&gt;</c> methods call this.
    /// </remarks>
    /// <exception cref="BedrockException">Bedrock returned an error; the derived type names it.</exception>
    /// <exception cref="BedrockTimeoutException">Bedrock did not answer, or the stream stalled, beyond the configured timeouts.</exception>
    /// <exception cref="EventStreamException">The response stream is corrupt or truncated.</exception>
    /// <exception cref="BedrockConnectionException">The network failed (refused, reset, DNS, TLS) on the last attempt.</exception>
    /// <exception cref="BedrockConfigurationException">No credentials could be resolved.</exception>
    public IAsyncEnumerable<string> ConverseStreamTextAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamTextAsync(PrepareCall(request, ConverseStreamOperationPath), cancellationToken);
    }

    /// <summary>Disposes the HTTP client this instance created; an <see cref="HttpClient"/> passed in options is left alone.</summary>
    public void Dispose()
    {
        if (_ownsHttpClient)
        {
            _httpClient.Dispose();
        }
    }

    private async IAsyncEnumerable<ConverseStreamEvent> StreamEventsAsync(
        PreparedCall call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stream = await OpenStreamAsync(call, cancellationToken).ConfigureAwait(false);
        if (stream.First is { } first)
        {
            yield return first;
        }

        while (await ReadFrameAsync(stream.Reader, stream.Timeouts, stream.RequestId).ConfigureAwait(false))
        {
            if (ReadStreamEvent(stream.Reader, stream.RequestId) is { } streamEvent)
            {
                yield return streamEvent;
            }
        }
    }

    private async IAsyncEnumerable<string> StreamTextAsync(
        PreparedCall call,
        [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var stream = await OpenStreamAsync(call, cancellationToken).ConfigureAwait(false);
        if (stream.First is ContentBlockDeltaEvent { Delta.Text: { Length: > 0 } firstText })
        {
            yield return firstText;
        }

        while (await ReadFrameAsync(stream.Reader, stream.Timeouts, stream.RequestId).ConfigureAwait(false))
        {
            if (ReadStreamText(stream.Reader, stream.RequestId) is { Length: > 0 } text)
            {
                yield return text;
            }
        }
    }

    // Every attempt reads up to the stream's first event: a failure until then (an HTTP error, a connection that
    // drops or stalls, an exception frame sent first) is retried with nothing delivered yet; once an event has been
    // read, the stream is the caller's and a failure is thrown. Disposing the opened stream (when the enumerator is
    // disposed, early or not) closes the connection if it was not read to its end; the default handler is configured
    // not to drain it first.
    private ValueTask<OpenedStream> OpenStreamAsync(PreparedCall call, CancellationToken cancellationToken) =>
        _retry.ExecuteAsync(
            static (pair, token) => pair.client.OpenStreamAttemptAsync(pair.call, token),
            (client: this, call),
            ConverseStreamOperationName,
            call.ModelId,
            cancellationToken);

    private async ValueTask<OpenedStream> OpenStreamAttemptAsync(PreparedCall call, CancellationToken cancellationToken)
    {
        var timeouts = new CallTimeouts(cancellationToken);
        HttpResponseMessage? response = null;
        EventStreamReader? reader = null;
        try
        {
            response = await SendAsync(call, timeouts).ConfigureAwait(false);
            var requestId = GetRequestId(response);
            Stream body;
            try
            {
                body = await response.Content.ReadAsStreamAsync(timeouts.Token).ConfigureAwait(false);
            }
            catch (Exception exception) when (IsConnectionFailure(exception, timeouts))
            {
                throw ConnectionFailed(exception, requestId, responseStarted: true);
            }

            reader = new EventStreamReader(body);

            ConverseStreamEvent? first = null;
            while (first is null && await ReadFrameAsync(reader, timeouts, requestId).ConfigureAwait(false))
            {
                first = ReadStreamEvent(reader, requestId);
            }

            return new OpenedStream(response, reader, timeouts, first, requestId);
        }
        catch
        {
            reader?.Dispose();
            response?.Dispose();
            timeouts.Dispose();
            throw;
        }
    }

    private async ValueTask<ConverseResponse> ConverseAttemptAsync(PreparedCall call, CancellationToken cancellationToken)
    {
        using var timeouts = new CallTimeouts(cancellationToken);
        using var response = await SendAsync(call, timeouts).ConfigureAwait(false);
        var requestId = GetRequestId(response);
        byte[] body;
        try
        {
            body = await timeouts
                .TimeAsync(BedrockTimeoutKind.Idle, _idleTimeout, requestId, response.Content.ReadAsByteArrayAsync)
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception, timeouts))
        {
            throw ConnectionFailed(exception, requestId, responseStarted: true);
        }

        try
        {
            return ConverseJson.DeserializeResponse(body);
        }
        catch (JsonException exception)
        {
            throw new BedrockProtocolException(
                $"The Converse response body is not a valid Converse response: {exception.Message}",
                statusCode: response.StatusCode,
                requestId: requestId,
                innerException: exception);
        }
    }

    // Reads the next frame, timing each wait for the network with the idle timeout. The pooling builder reuses the
    // state machine of reads that have to wait, so a streamed delta allocates nothing but itself.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadFrameAsync(EventStreamReader reader, CallTimeouts timeouts, string? requestId)
    {
        try
        {
            timeouts.Arm(BedrockTimeoutKind.Idle, _idleTimeout);
            return await reader.ReadNextAsync(timeouts.Token).ConfigureAwait(false);
        }
        catch (Exception exception) when (timeouts.AsTimeout(exception, requestId) is { } timeout)
        {
            throw timeout;
        }
        catch (Exception exception) when (IsConnectionFailure(exception, timeouts))
        {
            throw ConnectionFailed(exception, requestId, responseStarted: true);
        }
        finally
        {
            timeouts.Disarm();
        }
    }

    // What the HTTP stack throws when the network fails: HttpRequestException while sending (refused, reset, DNS, TLS),
    // IOException (HttpIOException) while reading the body. Not when the caller cancelled: an aborted read is then the
    // cancellation's doing, and it stands as thrown.
    private static bool IsConnectionFailure(Exception exception, CallTimeouts timeouts) =>
        exception is HttpRequestException or IOException && !timeouts.IsCallerCancelled;

    private BedrockConnectionException ConnectionFailed(Exception exception, string? requestId, bool responseStarted) =>
        new(
            responseStarted
                ? $"The connection to Amazon Bedrock failed while the response was being read: {exception.Message}"
                : $"The request to Amazon Bedrock at {_endpointBase} failed before a response arrived: {exception.Message}",
            exception,
            requestId);

    private static ConverseStreamEvent? ReadStreamEvent(EventStreamReader reader, string? requestId)
    {
        if (GetEventType(reader, requestId) is not { } eventType)
        {
            return null;
        }

        try
        {
            return ConverseJson.DeserializeStreamEvent(eventType, reader.Payload.Span);
        }
        catch (JsonException exception)
        {
            throw InvalidEventPayload(eventType, requestId, exception);
        }
    }

    private static string? ReadStreamText(EventStreamReader reader, string? requestId)
    {
        if (GetEventType(reader, requestId) is not { } eventType)
        {
            return null;
        }

        try
        {
            return ConverseJson.DeserializeStreamEventText(eventType, reader.Payload.Span);
        }
        catch (JsonException exception)
        {
            throw InvalidEventPayload(eventType, requestId, exception);
        }
    }

    // The :event-type of an event frame; null for a message type this version does not know (skipped, like an unknown
    // event type). Exception and error frames are thrown as the typed exceptions they carry.
    private static string? GetEventType(EventStreamReader reader, string? requestId)
    {
        switch (reader.MessageType)
        {
            case "event":
                return reader.EventType
                    ?? throw new BedrockProtocolException("An event frame of the ConverseStream response has no :event-type header.", requestId: requestId);

            case "exception":
                throw CreateStreamException(reader, requestId);

            case "error":
                // Errors of the event-stream layer itself carry their code and message in headers, not a payload.
                var errorMessage = reader.ErrorMessage ?? $"The ConverseStream response failed with error '{reader.ErrorCode}'.";
                throw BedrockErrorFactory.Create(BedrockErrorFactory.NormalizeErrorCode(reader.ErrorCode), errorMessage, statusCode: null, requestId);

            default:
                return null;
        }
    }

    private static BedrockProtocolException InvalidEventPayload(string eventType, string? requestId, JsonException exception) =>
        new(
            $"The payload of the '{eventType}' event is not valid JSON for that event: {exception.Message}",
            eventType,
            requestId: requestId,
            innerException: exception);

    private static BedrockException CreateStreamException(EventStreamReader reader, string? requestId)
    {
        var exceptionType = reader.ExceptionType;
        ServiceErrorDocument document;
        try
        {
            document = reader.Payload.IsEmpty ? default : ServiceErrorDocument.Parse(reader.Payload.Span);
        }
        catch (JsonException exception)
        {
            return new BedrockProtocolException(
                $"The payload of the '{exceptionType}' exception is not valid JSON: {exception.Message}",
                exceptionType,
                requestId: requestId,
                innerException: exception);
        }

        var errorCode = BedrockErrorFactory.NormalizeErrorCode(exceptionType);
        var message = document.Message ?? $"The ConverseStream response failed with {errorCode ?? "an unnamed exception"}.";
        return BedrockErrorFactory.Create(errorCode, message, statusCode: null, requestId, document);
    }

    // The body is serialized and the path built once per call; every attempt signs them afresh.
    private PreparedCall PrepareCall(ConverseRequest request, string operationPath)
    {
        if (string.IsNullOrEmpty(request.ModelId))
        {
            throw new ArgumentException("The request has no ModelId.", nameof(request));
        }

        // The model id is one path segment: ':' and '/' of ARNs and versions are percent-encoded. System.Uri keeps
        // %3A and %2F escaped, so the request line carries exactly the path that was signed.
        var path = $"{_basePath}/model/{Uri.EscapeDataString(request.ModelId)}/{operationPath}";
        return new PreparedCall(request.ModelId, path, new Uri(_endpointBase + path), ConverseJson.SerializeRequest(request));
    }

    private async Task<HttpResponseMessage> SendAsync(PreparedCall call, CallTimeouts timeouts)
    {
        using var message = new HttpRequestMessage(HttpMethod.Post, call.Uri)
        {
            Content = new ByteArrayContent(call.Body),
        };
        message.Content.Headers.ContentType = s_jsonMediaType;
        message.Headers.Host = _host;
        await AuthorizeAsync(message, call.Path, call.Body, timeouts.Token).ConfigureAwait(false);

        HttpResponseMessage response;
        try
        {
            response = await timeouts
                .TimeAsync(
                    BedrockTimeoutKind.FirstByte,
                    _firstByteTimeout,
                    requestId: null,
                    token => _httpClient.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, token))
                .ConfigureAwait(false);
        }
        catch (Exception exception) when (IsConnectionFailure(exception, timeouts))
        {
            throw ConnectionFailed(exception, requestId: null, responseStarted: false);
        }

        if (response.IsSuccessStatusCode)
        {
            return response;
        }

        using (response)
        {
            BedrockException error;
            try
            {
                error = await timeouts
                    .TimeAsync(BedrockTimeoutKind.Idle, _idleTimeout, GetRequestId(response), token => ReadErrorResponseAsync(response, token))
                    .ConfigureAwait(false);
            }
            catch (Exception exception) when (IsConnectionFailure(exception, timeouts))
            {
                throw ConnectionFailed(exception, GetRequestId(response), responseStarted: true);
            }

            throw error;
        }
    }

    private async Task AuthorizeAsync(HttpRequestMessage message, string path, byte[] body, CancellationToken cancellationToken)
    {
        if (_bearerToken is not null)
        {
            message.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _bearerToken);
            return;
        }

        var credentials = await GetCredentialsAsync(cancellationToken).ConfigureAwait(false);
        var signature = SigV4RequestSigner.Sign(
            "POST",
            _host,
            path,
            JsonContentType,
            body,
            credentials,
            _region!,
            _timeProvider.GetUtcNow());
        message.Headers.TryAddWithoutValidation("X-Amz-Date", signature.AmzDate);
        if (signature.SecurityToken is not null)
        {
            message.Headers.TryAddWithoutValidation("X-Amz-Security-Token", signature.SecurityToken);
        }

        message.Headers.TryAddWithoutValidation("Authorization", signature.Authorization);
    }

    private async Task<ImmutableCredentials> GetCredentialsAsync(CancellationToken cancellationToken)
    {
        try
        {
            // Resolving the chain can touch files and the network (SSO, instance metadata), so it happens at the
            // first call, not in the constructor. Concurrent first calls may both resolve; either result is fine.
            _credentials ??= await new DefaultAWSCredentialsIdentityResolver()
                .ResolveIdentityAsync(null, cancellationToken)
                .ConfigureAwait(false);
            var credentials = await _credentials.GetCredentialsAsync().ConfigureAwait(false);
            return credentials ?? throw new InvalidOperationException("The credential provider returned no credentials.");
        }
        catch (Exception exception) when (exception is not OperationCanceledException and not BedrockConfigurationException)
        {
            // The inner exception is kept for diagnosis; the message is ours and names no key, token or secret.
            throw new BedrockConfigurationException(
                "No AWS credentials could be resolved for Amazon Bedrock. Configure the AWS default credential chain " +
                "(AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, SSO, web identity, container or instance credentials), " +
                "set AWS_BEARER_TOKEN_BEDROCK, or set BedrockClientOptions.Credentials or BearerToken.",
                exception);
        }
    }

    private static async Task<BedrockException> ReadErrorResponseAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var requestId = GetRequestId(response);
        var body = await ReadErrorBodyAsync(response, cancellationToken).ConfigureAwait(false);
        ServiceErrorDocument document = default;
        try
        {
            if (body.Length > 0)
            {
                document = ServiceErrorDocument.Parse(body);
            }
        }
        catch (JsonException)
        {
            // A proxy or load balancer may answer with HTML or plain text; the status and headers still classify it.
        }

        var errorType = response.Headers.TryGetValues("x-amzn-ErrorType", out var values) ? values.FirstOrDefault() : null;
        var errorCode = BedrockErrorFactory.NormalizeErrorCode(errorType ?? document.Type);
        var message = document.Message
            ?? $"Amazon Bedrock returned HTTP {(int)response.StatusCode} ({response.ReasonPhrase}){(errorCode is null ? "" : $" {errorCode}")}.";
        return BedrockErrorFactory.Create(errorCode, message, response.StatusCode, requestId, document);
    }

    private static async Task<byte[]> ReadErrorBodyAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        var stream = await response.Content.ReadAsStreamAsync(cancellationToken).ConfigureAwait(false);
        await using (stream.ConfigureAwait(false))
        {
            var buffer = new byte[MaxErrorBodyLength];
            var length = 0;
            int read;
            while (length < buffer.Length
                && (read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken).ConfigureAwait(false)) > 0)
            {
                length += read;
            }

            return buffer.AsSpan(0, length).ToArray();
        }
    }

    private static string? GetRequestId(HttpResponseMessage response) =>
        response.Headers.TryGetValues("x-amzn-RequestId", out var values) ? values.FirstOrDefault() : null;

    private static SocketsHttpHandler CreateDefaultHandler() => new()
    {
        // Without this, disposing an unfinished response first drains up to 1 MB (or 2 s) of the stream to reuse
        // the connection; a model still generating would keep it busy. Abandoned streams close at once instead.
        MaxResponseDrainSize = 0,
        PooledConnectionLifetime = TimeSpan.FromMinutes(5),
    };

    private static Uri? GetConfiguredEndpoint(Func<string, string?> getEnvironmentVariable)
    {
        if (string.Equals(getEnvironmentVariable("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS")?.Trim(), "true", StringComparison.OrdinalIgnoreCase))
        {
            return null;
        }

        foreach (var variable in (ReadOnlySpan<string>)["AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "AWS_ENDPOINT_URL"])
        {
            var value = NullIfEmpty(getEnvironmentVariable(variable)?.Trim());
            if (value is null)
            {
                continue;
            }

            return Uri.TryCreate(value, UriKind.Absolute, out var endpoint)
                ? endpoint
                : throw new BedrockConfigurationException($"{variable} is not an absolute URI: '{value}'.");
        }

        return null;
    }

    private static string ResolveRegion(Func<string, string?> getEnvironmentVariable)
    {
        var region = NullIfEmpty(getEnvironmentVariable("AWS_REGION")?.Trim())
            ?? NullIfEmpty(getEnvironmentVariable("AWS_DEFAULT_REGION")?.Trim());
        if (region is not null)
        {
            return region;
        }

        try
        {
            // The profile's region (AWS_PROFILE or default in ~/.aws/config), as the AWS SDK finds it.
            region = FallbackRegionFactory.GetRegionEndpoint()?.SystemName;
        }
        catch (Exception exception) when (exception is not OutOfMemoryException)
        {
            throw new BedrockConfigurationException(
                "No AWS region is configured for Amazon Bedrock, and reading the profile's region failed. " +
                "Set AWS_REGION or BedrockClientOptions.Region.",
                exception);
        }

        return region ?? throw new BedrockConfigurationException(
            "No AWS region is configured for Amazon Bedrock. Set AWS_REGION (or AWS_DEFAULT_REGION), a region in the AWS " +
            "profile, or BedrockClientOptions.Region.");
    }

    private static Uri GetPublicEndpoint(string region)
    {
        // China and other partitions use their own DNS suffix (amazonaws.com.cn, ...).
        var dnsSuffix = RegionEndpoint.GetBySystemName(region).PartitionDnsSuffix;
        return new Uri($"https://bedrock-runtime.{region}.{(string.IsNullOrEmpty(dnsSuffix) ? "amazonaws.com" : dnsSuffix)}");
    }

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static TimeSpan ValidateTimeout(TimeSpan timeout, string name) =>
        timeout > TimeSpan.Zero || timeout == Timeout.InfiniteTimeSpan
            ? timeout
            : throw new ArgumentOutOfRangeException(name, timeout, $"BedrockClientOptions.{name} must be positive or Timeout.InfiniteTimeSpan.");

    /// <summary>What every attempt of one call sends: the path that is signed, the URI and the JSON body.</summary>
    private sealed record PreparedCall(string ModelId, string Path, Uri Uri, byte[] Body);

    /// <summary>A ConverseStream response that delivered its first event (or ended cleanly without one), and that event.</summary>
    private sealed class OpenedStream(
        HttpResponseMessage response,
        EventStreamReader reader,
        CallTimeouts timeouts,
        ConverseStreamEvent? first,
        string? requestId) : IDisposable
    {
        public EventStreamReader Reader => reader;

        public CallTimeouts Timeouts => timeouts;

        public ConverseStreamEvent? First => first;

        public string? RequestId => requestId;

        public void Dispose()
        {
            reader.Dispose();
            response.Dispose();
            timeouts.Dispose();
        }
    }
}
