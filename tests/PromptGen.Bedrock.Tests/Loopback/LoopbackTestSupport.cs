using System.Text;
using Amazon.Runtime;
using PromptGen.Bedrock.Signing;

namespace PromptGen.Bedrock.Tests.Loopback;

/// <summary>A clock pinned to one instant, so signatures are reproducible.</summary>
internal sealed class FixedTimeProvider(DateTimeOffset now) : TimeProvider
{
    public override DateTimeOffset GetUtcNow() => now;
}

/// <summary>Shared fixtures of the loopback tests: credentials, clock, the hello-world request, client factory.</summary>
internal static class LoopbackTestSupport
{
    public const string AccessKey = "AKIDEXAMPLE";
    public const string SecretKey = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";
    public const string Region = "us-east-1";
    public const string HaikuModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    public const string HelloWorldBody =
        """{"messages":[{"role":"user","content":[{"text":"Describe the purpose of a 'hello world' program in one line."}]}],"inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9}}""";

    public static readonly DateTimeOffset SigningTime = new(2015, 8, 30, 12, 36, 0, TimeSpan.Zero);

    /// <summary>The text of the recorded basic ConverseStream response.</summary>
    public const string BasicAnswer =
        "Hello! As an AI language model, I don't have feelings, but I'm functioning well and ready to assist you. How can I help you today?";

    /// <summary>The recorded basic ConverseStream response body, read from tests/TestData.</summary>
    public static byte[] BasicRecording => File.ReadAllBytes(
        TestVectors.PathOf("bedrock", "recorded", "should-handle-basic-converse-stream-responses.response.bin"));

    public static ConverseRequest HelloWorldRequest(string modelId = HaikuModelId) => new()
    {
        ModelId = modelId,
        Messages = { Message.FromUserText("Describe the purpose of a 'hello world' program in one line.") },
        InferenceConfig = new InferenceConfiguration { MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f },
    };

    // One attempt by default: each test scripts exactly the responses it asserts on; retries have their own tests.
    public static BedrockConverseClient CreateClient(
        LoopbackBedrockServer server,
        AWSCredentials? credentials = null,
        string? bearerToken = null,
        int maxAttempts = 1,
        TimeSpan? idleTimeout = null) =>
        new(
            new BedrockClientOptions
            {
                Region = Region,
                Endpoint = server.Endpoint,
                Credentials = bearerToken is null ? credentials ?? new BasicAWSCredentials(AccessKey, SecretKey) : null,
                BearerToken = bearerToken,
                TimeProvider = new FixedTimeProvider(SigningTime),
                IdleTimeout = idleTimeout ?? TimeSpan.FromSeconds(60),

                // Backoff is random up to this, doubling per retry: tests keep it short.
                Retry = { MaxAttempts = maxAttempts, BaseDelay = TimeSpan.FromMilliseconds(5) },
            },
            // The machine's AWS_* variables must not leak into the tests.
            getEnvironmentVariable: _ => null);

    /// <summary>
    /// Checks, from the bytes the server received, that the request was signed over exactly what was sent: the
    /// signature is recomputed from the received request line, Host, Content-Type and body.
    /// </summary>
    public static void AssertSignedOverWhatWasSent(ReceivedRequest request, string? sessionToken = null)
    {
        Assert.Equal("20150830T123600Z", request.Header("X-Amz-Date"));
        Assert.Equal(sessionToken, request.Header("X-Amz-Security-Token"));
        var expected = SigV4RequestSigner.Sign(
            request.Method,
            request.Header("Host")!,
            request.Target,
            request.Header("Content-Type")!,
            request.Body,
            new ImmutableCredentials(AccessKey, SecretKey, sessionToken),
            Region,
            SigningTime);
        Assert.Equal(expected.Authorization, request.Header("Authorization"));
        Assert.StartsWith(
            $"AWS4-HMAC-SHA256 Credential={AccessKey}/20150830/{Region}/bedrock/aws4_request, SignedHeaders=content-type;host;x-amz-date",
            request.Header("Authorization"),
            StringComparison.Ordinal);
    }

    public static string BodyText(ReceivedRequest request) => Encoding.UTF8.GetString(request.Body);

    public static async Task<string> CollectTextAsync(IAsyncEnumerable<ConverseStreamEvent> events, List<ConverseStreamEvent>? received = null)
    {
        var text = new StringBuilder();
        await foreach (var streamEvent in events)
        {
            received?.Add(streamEvent);
            if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
            {
                text.Append(delta);
            }
        }

        return text.ToString();
    }
}
