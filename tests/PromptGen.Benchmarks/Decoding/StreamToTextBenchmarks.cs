using Amazon.Runtime;
using BenchmarkDotNet.Attributes;
using PromptGen.Bedrock;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// Bytes in, text deltas out: a ConverseStream body of 1,000 text deltas (plus messageStart, contentBlockStop,
/// messageStop and metadata) decoded to the deltas' strings, three ways: the decoding alone (EventStreamReader and
/// ConverseJson, as BedrockConverseClient runs them), the real BedrockConverseClient.ConverseStreamAsync over an
/// in-memory HTTP handler, and PromptInvoker.StreamTextAsync over the same client, the path a generated streaming
/// prompt method takes: it reads the client's text-only stream (ConverseStreamTextAsync), no event object per delta. Figures are per delta; per-call costs (request, signing, HTTP objects) are spread over the 1,000.
/// </summary>
[MemoryDiagnoser]
public class StreamToTextBenchmarks
{
    private const int DeltaCount = 1000;

    // As in the decoder benchmark: at most 8192 bytes per read of the response body.
    private const int ReadLength = 8192;

    private readonly ConverseRequest _request = new()
    {
        ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
        Messages = { Message.FromUserText("Say hello, a thousand times.") },
    };

    private ChunkedReadStream _body = null!;
    private InMemoryEventStreamHandler _handler = null!;
    private BedrockConverseClient _client = null!;

    [GlobalSetup]
    public void Setup()
    {
        var body = BedrockStreamBytes.TextAnswer(DeltaCount);
        _body = new ChunkedReadStream(body, ReadLength);
        _handler = new InMemoryEventStreamHandler(body, ReadLength);
        _client = new BedrockConverseClient(new BedrockClientOptions
        {
            Credentials = new BasicAWSCredentials("AKIDEXAMPLE", "secret"),
            Region = "us-east-1",
            Endpoint = new Uri("http://127.0.0.1:1"),
            HttpMessageHandler = _handler,
        });

        // Every path must yield exactly the 1,000 deltas, and the client must really have signed a ConverseStream call.
        Check("decoding only", DecodeOnly().GetAwaiter().GetResult());
        Check("ConverseStreamAsync", ConverseStream().GetAwaiter().GetResult());
        Check("StreamTextAsync", StreamText().GetAwaiter().GetResult());
        var request = _handler.LastRequest;
        if (request?.RequestUri?.AbsolutePath.EndsWith("/converse-stream", StringComparison.Ordinal) != true
            || !request.Headers.TryGetValues("Authorization", out var authorization)
            || !authorization.Single().StartsWith("AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/", StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"The client did not send a signed ConverseStream request: {request}");
        }
    }

    [GlobalCleanup]
    public void Cleanup()
    {
        _client.Dispose();
        _handler.Dispose();
    }

    [Benchmark(Baseline = true, Description = "EventStreamReader + ConverseJson (no HTTP)", OperationsPerInvoke = DeltaCount)]
    public async Task<DeltaTally> DecodeOnly()
    {
        _body.Rewind();
        var tally = default(DeltaTally);
        using var reader = new EventStreamReader(_body, leaveOpen: true);
        while (await reader.ReadNextAsync())
        {
            if (reader.MessageType == "event"
                && ConverseJson.DeserializeStreamEvent(reader.EventType!, reader.Payload.Span) is ContentBlockDeltaEvent { Delta.Text: { Length: > 0 } text })
            {
                tally.Add(text);
            }
        }

        return tally;
    }

    [Benchmark(Description = "BedrockConverseClient.ConverseStreamAsync", OperationsPerInvoke = DeltaCount)]
    public async Task<DeltaTally> ConverseStream()
    {
        var tally = default(DeltaTally);
        await foreach (var streamEvent in _client.ConverseStreamAsync(_request))
        {
            if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { Length: > 0 } text })
            {
                tally.Add(text);
            }
        }

        return tally;
    }

    [Benchmark(Description = "PromptInvoker.StreamTextAsync over the client", OperationsPerInvoke = DeltaCount)]
    public async Task<DeltaTally> StreamText()
    {
        var tally = default(DeltaTally);
        await foreach (var text in PromptInvoker.StreamTextAsync(_client, _request, CancellationToken.None))
        {
            tally.Add(text);
        }

        return tally;
    }

    private static void Check(string path, DeltaTally tally)
    {
        var expectedChars = DeltaCount * BedrockStreamBytes.DeltaText.Length;
        if (tally.Deltas != DeltaCount || tally.Chars != expectedChars)
        {
            throw new InvalidOperationException($"{path}: expected {DeltaCount} deltas of {expectedChars} chars in all, got {tally}.");
        }
    }
}

/// <summary>The text deltas a path yielded: how many, and their characters in all.</summary>
public record struct DeltaTally
{
    /// <summary>Deltas yielded.</summary>
    public int Deltas { get; private set; }

    /// <summary>Their characters in all.</summary>
    public int Chars { get; private set; }

    /// <summary>Counts one delta.</summary>
    public void Add(string text)
    {
        Deltas++;
        Chars += text.Length;
    }
}
