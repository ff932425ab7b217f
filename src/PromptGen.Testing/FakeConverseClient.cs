using System.Collections.Concurrent;
using System.Net;
using System.Runtime.CompilerServices;
using PromptGen.Bedrock;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Testing;

/// <summary>
/// An in-memory <see cref="IConverseClient"/> for unit tests that need no HTTP: it records every request and answers
/// from the same <see cref="ConverseScript"/>s as <see cref="BedrockEmulator"/>, throwing the exceptions
/// <c>BedrockConverseClient</c> would throw for each fault.
/// </summary>
/// <remarks>
/// Events are those of the Converse model in <c>PromptGen</c>: text deltas arrive as <see cref="ContentBlockDeltaEvent"/>;
/// tool-use and reasoning deltas, which the model cannot carry yet, are skipped exactly as the real client skips them,
/// while still counting toward a fault's <c>AfterDeltas</c> and the block indexes.
/// </remarks>
public sealed class FakeConverseClient : IConverseClient
{
    private readonly ConcurrentQueue<ConverseScript> _scripts = new();
    private readonly ConcurrentQueue<ConverseRequest> _requests = new();

    /// <summary>Creates a fake that answers with <paramref name="scripts"/> in order, then with <see cref="DefaultScript"/>.</summary>
    /// <param name="scripts">The scripts of the first calls.</param>
    public FakeConverseClient(params ConverseScript[] scripts) => Enqueue(scripts);

    /// <summary>The script that answers when the queue is empty. Default: <see cref="ConverseScript.HelloWorld"/>.</summary>
    public ConverseScript DefaultScript { get; set; } = ConverseScript.HelloWorld();

    /// <summary>Every request received, in order (ConverseStream requests when enumeration starts).</summary>
    public IReadOnlyList<ConverseRequest> Requests => _requests.ToArray();

    /// <summary>Queues scripts that answer the next calls, one each, in order.</summary>
    /// <param name="scripts">The scripts.</param>
    public void Enqueue(params ConverseScript[] scripts)
    {
        ArgumentNullException.ThrowIfNull(scripts);
        foreach (var script in scripts)
        {
            _scripts.Enqueue(script ?? throw new ArgumentException("A script is null.", nameof(scripts)));
        }
    }

    /// <inheritdoc/>
    /// <exception cref="BedrockException">The script's fault, typed as <c>BedrockConverseClient</c> throws it.</exception>
    public async Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        cancellationToken.ThrowIfCancellationRequested();
        var script = Begin(request);
        switch (script.Fault)
        {
            case ServiceErrorFault error:
                throw BedrockExceptions.Create(error.ErrorType, error.Message, (HttpStatusCode)error.StatusCode);
            case StreamExceptionFault exception:
                var errorType = BedrockErrors.ToPascalCase(exception.ExceptionType);
                throw BedrockExceptions.Create(errorType, exception.Message, (HttpStatusCode)BedrockErrors.GetStatusCode(errorType));
            case StallFault stall:
                await Task.Delay(stall.Duration, cancellationToken).ConfigureAwait(false);
                break;
            case DropConnectionFault:
                throw Dropped();
            case CorruptFrameFault:
                throw new BedrockProtocolException("The Converse response body is not a valid Converse response: the body ended in the middle of the JSON.", statusCode: HttpStatusCode.OK);
        }

        var message = new Message { Role = ConversationRole.Assistant };
        foreach (var text in script.Content.OfType<ScriptedText>())
        {
            message.Content.Add(new ContentBlock { Text = text.Text });
        }

        return new ConverseResponse
        {
            Output = new ConverseOutput { Message = message },
            StopReason = script.StopReason,
            Usage = script.GetUsage(request),
            Metrics = new ConverseMetrics { LatencyMs = script.LatencyMs },
        };
    }

    /// <inheritdoc/>
    /// <exception cref="BedrockException">The script's fault, typed as <c>BedrockConverseClient</c> throws it.</exception>
    /// <exception cref="EventStreamException">The script corrupts a frame.</exception>
    /// <exception cref="BedrockConnectionException">The script drops the connection.</exception>
    public IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        return StreamAsync(request, cancellationToken);
    }

    private async IAsyncEnumerable<ConverseStreamEvent> StreamAsync(ConverseRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var script = Begin(request);
        if (script.Fault is ServiceErrorFault error)
        {
            throw BedrockExceptions.Create(error.ErrorType, error.Message, (HttpStatusCode)error.StatusCode);
        }

        var usage = script.GetUsage(request);
        var deltas = 0;
        var faultDone = script.Fault is null;
        foreach (var step in ScriptPlayer.GetSteps(script))
        {
            if (!faultDone && (step.Kind == ScriptPlayer.StepKind.MessageStop
                || (step.Kind == ScriptPlayer.StepKind.Delta && deltas == script.Fault!.DeltasBefore)))
            {
                faultDone = true;
                switch (script.Fault)
                {
                    case StreamExceptionFault exception:
                        throw BedrockExceptions.Create(exception.ExceptionType, exception.Message, statusCode: null);
                    case CorruptFrameFault:
                        throw new EventStreamException(EventStreamErrorReason.MessageChecksumMismatch, "Message checksum mismatch: the bytes of a frame do not hash to the checksum it carries.");
                    case StallFault stall:
                        await Task.Delay(stall.Duration, cancellationToken).ConfigureAwait(false);
                        break;
                    case DropConnectionFault:
                        throw Dropped();
                }
            }

            if (step.Kind == ScriptPlayer.StepKind.Delta)
            {
                deltas++;
                if (script.DeltaDelay > TimeSpan.Zero)
                {
                    await Task.Delay(script.DeltaDelay, cancellationToken).ConfigureAwait(false);
                }
            }

            var streamEvent = ToEvent(step, script, usage);
            if (streamEvent is not null)
            {
                cancellationToken.ThrowIfCancellationRequested();
                yield return streamEvent;
            }
        }
    }

    private ConverseScript Begin(ConverseRequest request)
    {
        _requests.Enqueue(request);
        return _scripts.TryDequeue(out var script) ? script : DefaultScript;
    }

    private static ConverseStreamEvent? ToEvent(ScriptPlayer.Step step, ConverseScript script, TokenUsage usage) => step.Kind switch
    {
        ScriptPlayer.StepKind.MessageStart => new MessageStartEvent { Role = ConversationRole.Assistant },
        ScriptPlayer.StepKind.Delta when step.DeltaKind == ScriptPlayer.DeltaKind.Text =>
            new ContentBlockDeltaEvent { ContentBlockIndex = step.BlockIndex, Delta = new ContentBlockDelta { Text = step.Value } },
        ScriptPlayer.StepKind.BlockStop => new ContentBlockStopEvent { ContentBlockIndex = step.BlockIndex },
        ScriptPlayer.StepKind.MessageStop => new MessageStopEvent { StopReason = script.StopReason },
        ScriptPlayer.StepKind.Metadata => new MetadataEvent { Usage = usage, Metrics = new ConverseStreamMetrics { LatencyMs = script.LatencyMs } },
        _ => null,
    };

    // What BedrockConverseClient throws when the connection ends in the middle of a response body: SocketsHttpHandler's
    // exception, wrapped.
    private static BedrockConnectionException Dropped() => new(
        "The connection to Amazon Bedrock failed while the response was being read: The response ended prematurely. (ResponseEnded)",
        new HttpIOException(HttpRequestError.ResponseEnded, "The response ended prematurely."));
}
