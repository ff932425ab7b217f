using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using Amazon.Runtime;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Connections.Features;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using PromptGen.Bedrock;

namespace PromptGen.Testing;

/// <summary>
/// An in-process Amazon Bedrock Runtime on 127.0.0.1 that serves Converse and ConverseStream over HTTP/1.1 and
/// HTTP/2 (prior knowledge, as AWS's JavaScript SDK uses) on one port. It verifies SigV4 signatures and Bedrock API
/// keys against the credentials it was given, records every request, answers from <see cref="ConverseScript"/>s and
/// injects their faults. Point a <see cref="BedrockConverseClient"/> (see <see cref="CreateClient"/>) or any AWS SDK at
/// <see cref="Endpoint"/>.
/// </summary>
/// <remarks>
/// Scripts queued with <see cref="Enqueue"/> answer valid requests in order; when the queue is empty,
/// <see cref="BedrockEmulatorOptions.DefaultScript"/> answers. Rejected requests (bad signature, malformed body,
/// unknown model...) get Bedrock's status and <c>x-amzn-ErrorType</c> and consume no script.
/// </remarks>
public sealed partial class BedrockEmulator : IAsyncDisposable
{
    private const string EventStreamContentType = "application/vnd.amazon.eventstream";
    private const string JsonContentType = "application/json";

    private static readonly TimeSpan s_dropGracePeriod = TimeSpan.FromMilliseconds(50);
    private static readonly TimeSpan s_http2DropGracePeriod = TimeSpan.FromMilliseconds(200);

    private readonly WebApplication _app;
    private readonly BedrockEmulatorOptions _options;
    private readonly SigV4Verifier _verifier;
    private readonly ConcurrentQueue<ConverseScript> _scripts = new();
    private readonly ConcurrentQueue<EmulatorRequest> _requests = new();
    private readonly CancellationTokenSource _stopping = new();
    private readonly Random _random = new();
    private readonly ConnectionCounter _connections;
    private int _activeRequests;

    private BedrockEmulator(WebApplication app, BedrockEmulatorOptions options, ConnectionCounter connections)
    {
        _app = app;
        _connections = connections;
        _options = options;
        _verifier = new SigV4Verifier(options);
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>().Addresses.Single();
        Endpoint = new Uri(new Uri(address).GetLeftPart(UriPartial.Authority));
    }

    /// <summary>The base URI to point clients at, for example <c>http://127.0.0.1:49152</c>.</summary>
    public Uri Endpoint { get; }

    /// <summary>The region signatures must be scoped to.</summary>
    public string Region => _options.Region;

    /// <summary>The credentials the emulator accepts, ready for <see cref="BedrockClientOptions.Credentials"/> or an AWS SDK.</summary>
    public AWSCredentials Credentials => _options.SessionToken is null
        ? new BasicAWSCredentials(_options.AccessKeyId, _options.SecretAccessKey)
        : new SessionAWSCredentials(_options.AccessKeyId, _options.SecretAccessKey, _options.SessionToken);

    /// <summary>The Bedrock API key the emulator accepts as <c>Authorization: Bearer</c>, or <see langword="null"/>.</summary>
    public string? BearerToken => _options.BearerToken;

    /// <summary>
    /// The client connections open now. A client that abandoned its streams properly leaves none but those its pool
    /// keeps for reuse; this is how tests prove that cancelled calls close their connections.
    /// </summary>
    public int OpenConnections => Volatile.Read(ref _connections.Open);

    /// <summary>The requests being answered now: a stream the client left ends its answer once the emulator notices.</summary>
    public int ActiveRequests => Volatile.Read(ref _activeRequests);

    /// <summary>Every request received so far, in arrival order, rejected ones included.</summary>
    public IReadOnlyList<EmulatorRequest> Requests => _requests.ToArray();

    /// <summary>Starts an emulator listening on 127.0.0.1.</summary>
    /// <param name="options">The settings; <see langword="null"/> for the defaults (a free port, hello-world answer).</param>
    /// <param name="cancellationToken">Cancels the start.</param>
    /// <returns>The running emulator; dispose it to stop it.</returns>
    public static async Task<BedrockEmulator> StartAsync(BedrockEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new BedrockEmulatorOptions();
        var connections = new ConnectionCounter();
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().ConfigureKestrel(kestrel =>
        {
            kestrel.AddServerHeader = false;

            // HTTP/2 connections look like TLS to Kestrel (see Http2PriorKnowledge) yet carry :scheme http.
            kestrel.AllowAlternateSchemes = true;

            // The emulator enforces Bedrock's own limit and answers it the way Bedrock does; Kestrel's would answer first.
            kestrel.Limits.MaxRequestBodySize = null;

            // One port for HTTP/1.1 and HTTP/2 with prior knowledge (the AWS JavaScript SDK's default NodeHttp2Handler):
            // the middleware routes each connection by its first bytes.
            kestrel.Listen(IPAddress.Loopback, options.Port, listen =>
            {
                listen.Protocols = HttpProtocols.Http1AndHttp2;
                listen.Use(connections.Middleware);
                listen.Use(Http2PriorKnowledge.Middleware);
            });
        });
        var app = builder.Build();
        BedrockEmulator? emulator = null;
        app.Run(context => emulator!.HandleAsync(context));
        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        emulator = new BedrockEmulator(app, options, connections);
        return emulator;
    }

    /// <summary>Queues scripts that answer the next valid requests, one each, in order.</summary>
    /// <param name="scripts">The scripts.</param>
    public void Enqueue(params ConverseScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script ?? throw new ArgumentException("A script is null.", nameof(scripts)));
        }
    }

    /// <summary>Forgets the recorded requests.</summary>
    public void ClearRequests() => _requests.Clear();

    /// <summary>Options for a <see cref="BedrockConverseClient"/> that talks to this emulator with its credentials.</summary>
    public BedrockClientOptions CreateClientOptions() => new()
    {
        Endpoint = Endpoint,
        Region = Region,
        Credentials = Credentials,
    };

    /// <summary>A <see cref="BedrockConverseClient"/> that talks to this emulator with its credentials.</summary>
    public BedrockConverseClient CreateClient() => new(CreateClientOptions());

    /// <summary>Stops listening and aborts the responses still running (stalled streams included).</summary>
    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync().ConfigureAwait(false);
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        await _app.StopAsync(timeout.Token).ConfigureAwait(false);
        await _app.DisposeAsync().ConfigureAwait(false);
        _stopping.Dispose();
    }

    [GeneratedRegex("^/model/(?<model>[^/]+)/(?<operation>converse|converse-stream)$", RegexOptions.CultureInvariant)]
    private static partial Regex OperationPath();

    private async Task HandleAsync(HttpContext context)
    {
        using var aborted = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, _stopping.Token);
        var cancellationToken = aborted.Token;
        context.Response.Headers["x-amzn-RequestId"] = Guid.NewGuid().ToString();
        Interlocked.Increment(ref _activeRequests);
        try
        {
            await HandleCoreAsync(context, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // The client left or the emulator is stopping; nothing to answer.
        }
        catch (Exception exception) when (exception is IOException or ConnectionAbortedException)
        {
            // The client dropped the connection mid-answer; the emulator goes on serving others.
        }
        finally
        {
            Interlocked.Decrement(ref _activeRequests);
        }
    }

    private async Task HandleCoreAsync(HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var rawTarget = context.Features.GetRequiredFeature<IHttpRequestFeature>().RawTarget;
        var headers = request.Headers.ToDictionary(
            header => header.Key,
            header => string.Join(',', header.Value.Select(value => value ?? "")),
            StringComparer.OrdinalIgnoreCase);

        // Bedrock's limit applies before anything else is read: a declared length over it is refused unread.
        if (request.ContentLength > _options.MaxRequestBodySize)
        {
            var tooLarge = new EmulatorRequest(request.Protocol, request.Method, rawTarget, headers, []);
            await RejectAsync(context, tooLarge, TooLarge()).ConfigureAwait(false);
            return;
        }

        var body = await ReadBodyAsync(request.Body, cancellationToken).ConfigureAwait(false);
        var recorded = new EmulatorRequest(request.Protocol, request.Method, rawTarget, headers, body ?? []);
        if (body is null)
        {
            await RejectAsync(context, recorded, TooLarge()).ConfigureAwait(false);
            return;
        }

        var query = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var match = OperationPath().Match(query < 0 ? rawTarget : rawTarget[..query]);
        if (!HttpMethods.IsPost(request.Method) || !match.Success)
        {
            // The front end resolves the operation from method and path before authenticating: an unknown one is 404.
            await RejectAsync(context, recorded, new EmulatorError(404, "UnknownOperationException", "", EmulatorError.FrameworkNamespace)).ConfigureAwait(false);
            return;
        }

        var streaming = match.Groups["operation"].Value == "converse-stream";
        recorded.Operation = streaming ? "ConverseStream" : "Converse";
        recorded.ModelId = Uri.UnescapeDataString(match.Groups["model"].Value);

        var authError = _verifier.Verify(request.Method, rawTarget, headers, body);
        if (authError is not null)
        {
            await RejectAsync(context, recorded, authError).ConfigureAwait(false);
            return;
        }

        ConverseRequest converseRequest;
        try
        {
            converseRequest = ConverseJson.DeserializeRequest(body);
        }
        catch (JsonException exception)
        {
            // Real Bedrock answers an unreadable body from its framework: 400 SerializationException, "Message"
            // capitalized (observed: "Start of structure or map found where not expected").
            await RejectAsync(context, recorded, new EmulatorError(400, "SerializationException", DescribeJsonError(exception), EmulatorError.FrameworkNamespace)).ConfigureAwait(false);
            return;
        }

        converseRequest.ModelId = recorded.ModelId;
        recorded.ConverseRequest = converseRequest;
        var validationError = Validate(recorded.ModelId, converseRequest);
        if (validationError is not null)
        {
            await RejectAsync(context, recorded, validationError).ConfigureAwait(false);
            return;
        }

        var script = _options.Responder?.Invoke(converseRequest)
            ?? (_scripts.TryDequeue(out var queued) ? queued : _options.DefaultScript);
        recorded.Script = script;
        if (script.Fault is ServiceErrorFault serviceError)
        {
            await RejectAsync(context, recorded, new EmulatorError(serviceError.StatusCode, serviceError.ErrorType, serviceError.Message)).ConfigureAwait(false);
            return;
        }

        if (!streaming && script.Fault is StreamExceptionFault streamException)
        {
            // Converse has no stream to fail inside: the same failure arrives as the HTTP error of that type.
            var errorType = BedrockErrors.ToPascalCase(streamException.ExceptionType);
            await RejectAsync(context, recorded, new EmulatorError(BedrockErrors.GetStatusCode(errorType), errorType, streamException.Message)).ConfigureAwait(false);
            return;
        }

        recorded.StatusCode = 200;
        _requests.Enqueue(recorded);
        var usage = script.GetUsage(converseRequest);
        if (streaming)
        {
            await StreamAsync(context, script, usage, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            await ConverseAsync(context, script, usage, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task ConverseAsync(HttpContext context, ConverseScript script, TokenUsage usage, CancellationToken cancellationToken)
    {
        switch (script.Fault)
        {
            case StallFault stall:
                await StallAsync(stall.Duration, cancellationToken).ConfigureAwait(false);
                break;
            case DropConnectionFault:
                await DropAsync(context, cancellationToken).ConfigureAwait(false);
                return;
        }

        var body = BedrockWireJson.ConverseResponse(script, usage);
        if (script.Fault is CorruptFrameFault)
        {
            // A Converse body has no frames: the corruption is a body cut in the middle of the JSON.
            body = body.AsSpan(0, body.Length / 2).ToArray();
        }

        context.Response.StatusCode = 200;
        context.Response.ContentType = JsonContentType;
        context.Response.ContentLength = body.Length;
        await context.Response.Body.WriteAsync(body, cancellationToken).ConfigureAwait(false);
    }

    private async Task StreamAsync(HttpContext context, ConverseScript script, TokenUsage usage, CancellationToken cancellationToken)
    {
        var response = context.Response;
        response.StatusCode = 200;
        response.ContentType = EventStreamContentType;
        await response.StartAsync(cancellationToken).ConfigureAwait(false);

        var deltasSent = 0;
        var faultDone = script.Fault is null;
        foreach (var step in ScriptPlayer.GetSteps(script))
        {
            // A fault counted in deltas fires before delta number AfterDeltas, or before messageStop when the script
            // has fewer deltas than that.
            if (!faultDone && (step.Kind == ScriptPlayer.StepKind.MessageStop
                || (step.Kind == ScriptPlayer.StepKind.Delta && deltasSent == script.Fault!.DeltasBefore)))
            {
                faultDone = true;
                switch (script.Fault)
                {
                    case StreamExceptionFault exception:
                        var payload = BedrockWireJson.ErrorDocument(exception.Message);
                        await WriteFrameAsync(response, EventStreamFrameWriter.Exception(exception.ExceptionType, payload), cancellationToken).ConfigureAwait(false);
                        return;
                    case CorruptFrameFault:
                        var corruptJson = BedrockWireJson.StreamEvent(step, script, usage, _random, out var corruptType);
                        var frame = EventStreamFrameWriter.Event(corruptType, corruptJson);
                        frame[^5] ^= 0xFF; // the last payload byte: the message CRC no longer matches
                        await WriteFrameAsync(response, frame, cancellationToken).ConfigureAwait(false);
                        return;
                    case StallFault stall:
                        await StallAsync(stall.Duration, cancellationToken).ConfigureAwait(false);
                        break;
                    case DropConnectionFault:
                        await DropAsync(context, cancellationToken).ConfigureAwait(false);
                        return;
                }
            }

            if (step.Kind == ScriptPlayer.StepKind.Delta)
            {
                if (script.DeltaDelay > TimeSpan.Zero)
                {
                    await Task.Delay(script.DeltaDelay, cancellationToken).ConfigureAwait(false);
                }

                deltasSent++;
            }

            var json = BedrockWireJson.StreamEvent(step, script, usage, _random, out var eventType);
            await WriteFrameAsync(response, EventStreamFrameWriter.Event(eventType, json), cancellationToken).ConfigureAwait(false);
        }
    }

    private static async Task WriteFrameAsync(HttpResponse response, byte[] frame, CancellationToken cancellationToken)
    {
        await response.Body.WriteAsync(frame, cancellationToken).ConfigureAwait(false);

        // Each frame is flushed on its own so the client sees deltas as they are "generated".
        await response.Body.FlushAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Drops the connection (HTTP/1.1) or the stream (HTTP/2) after the frames already sent have arrived.</summary>
    private static async Task DropAsync(HttpContext context, CancellationToken cancellationToken)
    {
        // Kestrel hands flushed frames to the socket on its own loop; give it the moment it needs.
        await Task.Delay(s_dropGracePeriod, cancellationToken).ConfigureAwait(false);
        if (HttpProtocol.IsHttp11(context.Request.Protocol) && context.Features.Get<IConnectionSocketFeature>()?.Socket is { } socket)
        {
            // An abort resets the TCP connection, and a reset makes the client's kernel discard what the client has
            // not read yet. So the sending side is shut down first: the client reads every frame, then the connection
            // ends in the middle of the body, as when a connection drops after the bytes arrived.
            socket.Shutdown(SocketShutdown.Send);
            try
            {
                // The client closes its side when it sees the connection end; bounded in case it never reads again.
                await Task.Delay(TimeSpan.FromSeconds(10), cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
            }
        }
        else
        {
            // HTTP/2 resets the stream (RST_STREAM), and a client drops the data it has buffered but not read when the
            // reset arrives: the longer pause lets a reading client take the frames first.
            await Task.Delay(s_http2DropGracePeriod, cancellationToken).ConfigureAwait(false);
        }

        context.Abort();
    }

    private static Task StallAsync(TimeSpan duration, CancellationToken cancellationToken) =>
        Task.Delay(duration, cancellationToken);

    private async Task<byte[]?> ReadBodyAsync(Stream body, CancellationToken cancellationToken)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, cancellationToken).ConfigureAwait(false)) > 0)
        {
            if (buffer.Length + read > _options.MaxRequestBodySize)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static EmulatorError TooLarge() =>
        // Bedrock answers an oversized request with 413 "Request exceeds the maximum allowed size" (observed on a 39 MB
        // request); it documents no error type for it, so the emulator sends ValidationException, the type AWS SDKs
        // map request-shape problems to: a client sees a typed error that is not retried.
        new(413, "ValidationException", "Request exceeds the maximum allowed size");

    private EmulatorError? Validate(string modelId, ConverseRequest request)
    {
        if (!IsKnownModel(modelId))
        {
            // As recorded from real Bedrock for an unknown model id, on Converse and ConverseStream alike.
            return new EmulatorError(400, "ValidationException", "The provided model identifier is invalid.");
        }

        if (request.Messages.Count == 0)
        {
            return new EmulatorError(400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }

        if (request.Messages[0].Role != ConversationRole.User)
        {
            return new EmulatorError(400, "ValidationException", "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
        }

        var inference = request.InferenceConfig;
        if (inference?.MaxTokens is < 1)
        {
            return new EmulatorError(400, "ValidationException", $"1 validation error detected: Value '{inference.MaxTokens}' at 'inferenceConfig.maxTokens' failed to satisfy constraint: Member must have value greater than or equal to 1");
        }

        if (inference?.Temperature is < 0 or > 1)
        {
            return new EmulatorError(400, "ValidationException", $"1 validation error detected: Value '{inference.Temperature}' at 'inferenceConfig.temperature' failed to satisfy constraint: Member must have value less than or equal to 1");
        }

        if (inference?.TopP is < 0 or > 1)
        {
            return new EmulatorError(400, "ValidationException", $"1 validation error detected: Value '{inference.TopP}' at 'inferenceConfig.topP' failed to satisfy constraint: Member must have value less than or equal to 1");
        }

        return null;
    }

    private bool IsKnownModel(string modelId)
    {
        if (_options.AcceptAnyModelId || _options.ModelIds.Contains(modelId))
        {
            return true;
        }

        // arn:aws:bedrock:us-east-1::foundation-model/<id> and arn:...:inference-profile/<profile id>.
        var slash = modelId.LastIndexOf('/');
        var id = modelId.StartsWith("arn:", StringComparison.Ordinal) && slash >= 0 ? modelId[(slash + 1)..] : modelId;
        if (_options.ModelIds.Contains(id))
        {
            return true;
        }

        // Cross-region inference profiles prefix a model id with a geography: us., eu., apac., global., ...
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && dot <= 6 && id[..dot].All(char.IsAsciiLetterLower) && _options.ModelIds.Contains(id[(dot + 1)..]);
    }

    private static string DescribeJsonError(JsonException exception) =>
        exception.Message.StartsWith("The JSON value could not be converted", StringComparison.Ordinal)
            ? "Start of structure or map found where not expected."
            : "Unexpected character or end of input in the JSON request body.";

    private async Task RejectAsync(HttpContext context, EmulatorRequest recorded, EmulatorError error)
    {
        recorded.StatusCode = error.StatusCode;
        recorded.ErrorType = error.ErrorType;
        _requests.Enqueue(recorded);

        var response = context.Response;
        response.StatusCode = error.StatusCode;
        response.ContentType = JsonContentType;
        response.Headers["x-amzn-ErrorType"] = $"{error.ErrorType}:http://internal.amazon.com/coral/{error.Namespace}/";

        // Framework errors capitalize "Message" (as observed from Bedrock for SerializationException); Bedrock's own say "message".
        var body = BedrockWireJson.ErrorDocument(error.Message, error.Namespace == EmulatorError.FrameworkNamespace ? "Message" : "message");
        response.ContentLength = body.Length;
        await response.Body.WriteAsync(body, context.RequestAborted).ConfigureAwait(false);
    }

    /// <summary>Counts open connections from the moment Kestrel accepts one until it is closed.</summary>
    private sealed class ConnectionCounter
    {
        public int Open;

        public ConnectionDelegate Middleware(ConnectionDelegate next) => async connection =>
        {
            Interlocked.Increment(ref Open);
            try
            {
                await next(connection).ConfigureAwait(false);
            }
            finally
            {
                Interlocked.Decrement(ref Open);
            }
        };
    }
}
