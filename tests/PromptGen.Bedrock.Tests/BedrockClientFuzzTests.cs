using System.Text.Json;
using PromptGen.Bedrock.EventStream;
using PromptGen.Bedrock.Tests.Fuzzing;
using Xunit.Abstractions;
using static PromptGen.Bedrock.Tests.Loopback.LoopbackTestSupport;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// Thousands of mutated recorded ConverseStream responses through the real <see cref="BedrockConverseClient"/>
/// (signing, HTTP pipeline, decoder, event mapping) over an in-memory handler. Each call must complete, or throw
/// <see cref="EventStreamException"/> or a <see cref="BedrockException"/>, exactly as the reference decode of the same
/// bytes predicts, after exactly the events before the failure; a call that needs its timeout is a hang.
/// </summary>
public sealed class BedrockClientFuzzTests(ITestOutputHelper output)
{
    private const int CallCount = 4_000;

    // In memory, a call takes well under a millisecond: one that needs this long is hung.
    private static readonly TimeSpan s_callTimeout = TimeSpan.FromSeconds(10);

    private static readonly int[] s_maxSliceLengths = [7, 64, 512, 4096, int.MaxValue];

    private static readonly HashSet<string> s_typedErrorCodes = new(StringComparer.Ordinal)
    {
        AccessDeniedException.Code, ConflictException.Code, InternalServerException.Code, ModelErrorException.Code,
        ModelNotReadyException.Code, ModelStreamErrorException.Code, ModelTimeoutException.Code,
        ResourceNotFoundException.Code, ServiceQuotaExceededException.Code, ServiceUnavailableException.Code,
        ThrottlingException.Code, ValidationException.Code,
    };

    private enum Expected
    {
        Completes,
        EventStreamError,
        ProtocolError,
        ServiceError,
    }

    [Fact]
    public async Task MutatedRecordedStreamsCompleteOrFailWithTheDocumentedExceptions()
    {
        IReadOnlyList<FuzzSeed> streams = [.. FuzzCorpus.RecordedStreams, .. FuzzCorpus.ExceptionStreams, FuzzCorpus.LargeFrameStream];
        var corpus = FuzzCorpus.All;
        using var handler = new EventStreamResponseHandler();
        using var client = handler.CreateClient();
        var request = HelloWorldRequest();

        var statistics = await FuzzRunner.RunAsync(
            output,
            "client",
            CallCount,
            (index, random) => index < streams.Count
                ? new FuzzInput(streams[index].Bytes, MutationKind.ByteFlip, $"{streams[index].Name}, unmutated")
                : EventStreamMutator.Mutate(random, streams[random.Next(streams.Count)], corpus),
            async (_, random, input, statistics) =>
            {
                var (expected, expectedEvents, detail) = Predict(EventStreamFuzzHarness.DecodeWhole(input.Bytes));
                var maxSlice = s_maxSliceLengths[random.Next(s_maxSliceLengths.Length)];
                handler.SetNextBody(() => new FuzzReadStream(input.Bytes, random, maxSlice));

                using var timeout = new CancellationTokenSource(s_callTimeout);
                var events = 0;
                List<string> texts = [];
                Exception? failure = null;
                try
                {
                    await foreach (var streamEvent in client.ConverseStreamAsync(request, timeout.Token))
                    {
                        events++;
                        if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { Length: > 0 } text })
                        {
                            texts.Add(text);
                        }
                    }
                }
                catch (Exception exception)
                {
                    failure = exception;
                }

                if (failure is OperationCanceledException && timeout.IsCancellationRequested)
                {
                    Assert.Fail($"Hang: the call did not finish within {s_callTimeout}.");
                }

                // The text-only path (what generated methods use) must yield the same texts and fail the same way.
                handler.SetNextBody(() => new FuzzReadStream(input.Bytes, random, maxSlice));
                List<string> textOnly = [];
                Exception? textFailure = null;
                try
                {
                    await foreach (var text in client.ConverseStreamTextAsync(request, timeout.Token))
                    {
                        textOnly.Add(text);
                    }
                }
                catch (Exception exception)
                {
                    textFailure = exception;
                }

                Assert.Equal(texts, textOnly);
                Assert.Equal(failure?.GetType(), textFailure?.GetType());
                Assert.Equal(failure?.Message, textFailure?.Message);

                statistics.Count("events yielded", events);
                statistics.Count(failure is null ? "completed" : $"threw {Name(failure)}");
                Assert.True(expectedEvents == events, $"Expected {expectedEvents} events before the outcome ({expected} {detail}), got {events}; {failure}");
                CheckOutcome(expected, detail, failure);
            });

        Assert.Equal(2 * CallCount, handler.RequestCount);
        Assert.True(statistics["completed"] > 100);
        Assert.True(statistics[$"threw {nameof(BedrockProtocolException)}"] > 10);
        Assert.True(statistics[$"threw {nameof(EventStreamException)}({EventStreamErrorReason.MessageChecksumMismatch})"] > 10);
        Assert.True(statistics[$"threw {nameof(ModelStreamErrorException)}"] > 10);
    }

    /// <summary>What the client must do with bytes, according to the reference decode and the documented mapping.</summary>
    private static (Expected Outcome, int Events, string? Detail) Predict(DecodeOutcome decoded)
    {
        var events = 0;
        foreach (var frame in decoded.Frames)
        {
            switch (frame.Routing.MessageType)
            {
                case "event" when frame.Routing.EventType is not { } eventType:
                    return (Expected.ProtocolError, events, "an event without :event-type");
                case "event":
                    try
                    {
                        if (ConverseJson.DeserializeStreamEvent(frame.Routing.EventType, frame.Payload.Span) is not null)
                        {
                            events++;
                        }
                    }
                    catch (JsonException)
                    {
                        return (Expected.ProtocolError, events, $"invalid {frame.Routing.EventType} payload");
                    }

                    break;
                case "exception":
                    return (Expected.ServiceError, events, BedrockErrorFactory.NormalizeErrorCode(frame.Routing.ExceptionType));
                case "error":
                    return (Expected.ServiceError, events, BedrockErrorFactory.NormalizeErrorCode(frame.Routing.ErrorCode));
                default:
                    // Unknown message types are skipped.
                    break;
            }
        }

        return decoded.Error is { } reason ? (Expected.EventStreamError, events, reason.ToString()) : (Expected.Completes, events, null);
    }

    private static void CheckOutcome(Expected expected, string? detail, Exception? failure)
    {
        switch (expected)
        {
            case Expected.Completes:
                Assert.Null(failure);
                break;
            case Expected.EventStreamError:
                Assert.Equal(detail, Assert.IsType<EventStreamException>(failure).Reason.ToString());
                break;
            case Expected.ProtocolError:
                Assert.Equal(EventStreamResponseHandler.RequestId, Assert.IsType<BedrockProtocolException>(failure).RequestId);
                break;
            case Expected.ServiceError:
                var exception = Assert.IsAssignableFrom<BedrockException>(failure);
                Assert.Equal(EventStreamResponseHandler.RequestId, exception.RequestId);
                Assert.Null(exception.StatusCode);
                if (exception is not BedrockProtocolException)
                {
                    // A payload that is not an error document is a protocol error; otherwise the code picks the type.
                    Assert.Equal(detail is not null && s_typedErrorCodes.Contains(detail) ? detail : nameof(BedrockException), exception.GetType().Name);
                    Assert.Equal(detail, exception.ErrorCode);
                }

                break;
        }
    }

    private static string Name(Exception exception) => exception switch
    {
        EventStreamException eventStream => $"{nameof(EventStreamException)}({eventStream.Reason})",
        _ => exception.GetType().Name,
    };
}
