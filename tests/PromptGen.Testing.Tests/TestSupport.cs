using System.Diagnostics;
using System.Globalization;
using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using PromptGen.Bedrock;

namespace PromptGen.Testing.Tests;

internal static class TestSupport
{
    public const string HaikuModelId = "anthropic.claude-3-haiku-20240307-v1:0";

    public const string HelloWorldPrompt = "Describe the purpose of a 'hello world' program in one line.";

    public const string HelloWorldBody =
        """{"messages":[{"role":"user","content":[{"text":"Describe the purpose of a 'hello world' program in one line."}]}],"inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9}}""";

    public static string RepositoryRoot { get; } = GetMetadata("RepositoryRoot");

    public static string Configuration { get; } = GetMetadata("Configuration");

    public static ConverseRequest HelloWorldRequest(string modelId = HaikuModelId) => new()
    {
        ModelId = modelId,
        Messages = { Message.FromUserText(HelloWorldPrompt) },
        InferenceConfig = new InferenceConfiguration { MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f },
    };

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

    /// <summary>Collects text until the stream fails; returns the text that arrived and the exception.</summary>
    public static async Task<(string Text, Exception? Error)> CollectUntilErrorAsync(IAsyncEnumerable<ConverseStreamEvent> events, CancellationToken cancellationToken = default)
    {
        var text = new StringBuilder();
        try
        {
            await foreach (var streamEvent in events.WithCancellation(cancellationToken))
            {
                if (streamEvent is ContentBlockDeltaEvent { Delta.Text: { } delta })
                {
                    text.Append(delta);
                }
            }
        }
        catch (Exception exception)
        {
            return (text.ToString(), exception);
        }

        return (text.ToString(), null);
    }

    /// <summary>A loopback port that nothing listens on (it was free a moment ago).</summary>
    public static int GetUnusedPort()
    {
        using var listener = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, 0);
        listener.Start();
        return ((System.Net.IPEndPoint)listener.LocalEndpoint).Port;
    }

    /// <summary>A client of the emulator that makes one attempt per call, so that a scripted fault reaches the test as it was sent.</summary>
    public static BedrockConverseClient CreateSingleAttemptClient(BedrockEmulator emulator)
    {
        var options = emulator.CreateClientOptions();
        options.Retry.MaxAttempts = 1;
        return new BedrockConverseClient(options);
    }

    /// <summary>A client of the emulator over HTTP/2 with prior knowledge instead of the default HTTP/1.1.</summary>
    public static BedrockConverseClient CreateHttp2Client(BedrockEmulator emulator, HttpMessageHandler handler)
    {
        var options = emulator.CreateClientOptions();
        options.HttpMessageHandler = handler;
        options.Retry.MaxAttempts = 1;
        return new BedrockConverseClient(options);
    }

    /// <summary>
    /// Gives a child process exactly <paramref name="environment"/> of the AWS settings and none of this machine's
    /// (profiles, API keys, endpoint overrides, retry settings), so that what it does depends on the test alone.
    /// </summary>
    public static void SetAwsEnvironment(ProcessStartInfo startInfo, IReadOnlyDictionary<string, string>? environment)
    {
        foreach (var name in startInfo.Environment.Keys.Where(key => key.StartsWith("AWS_", StringComparison.OrdinalIgnoreCase)).ToList())
        {
            startInfo.Environment.Remove(name);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            startInfo.Environment[name] = value;
        }
    }

    private static string GetMetadata(string key) =>
        typeof(TestSupport).Assembly.GetCustomAttributes<AssemblyMetadataAttribute>().Single(attribute => attribute.Key == key).Value!;
}

/// <summary>Sends every request as HTTP/2 with prior knowledge (cleartext), as AWS's JavaScript SDK does by default.</summary>
internal sealed class Http2PriorKnowledgeHandler() : DelegatingHandler(new SocketsHttpHandler())
{
    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        request.Version = System.Net.HttpVersion.Version20;
        request.VersionPolicy = HttpVersionPolicy.RequestVersionExact;
        return base.SendAsync(request, cancellationToken);
    }
}

/// <summary>
/// A SigV4 signer written for the tests, independent of both the emulator's verifier and the client's signer: it signs
/// content-type;host;x-amz-date exactly as botocore does for Bedrock, so raw requests can be signed and then broken on purpose.
/// </summary>
internal static class TestSigner
{
    public static HttpRequestMessage Signed(
        BedrockEmulator emulator,
        string path,
        byte[] body,
        string? secretKey = null,
        string? accessKey = null,
        DateTimeOffset? signedAt = null,
        string? region = null,
        Version? version = null)
    {
        var emulatorCredentials = emulator.Credentials.GetCredentials();
        accessKey ??= emulatorCredentials.AccessKey;
        secretKey ??= emulatorCredentials.SecretKey;
        region ??= emulator.Region;
        var time = (signedAt ?? DateTimeOffset.UtcNow).UtcDateTime;
        var amzDate = time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var date = amzDate[..8];
        var host = emulator.Endpoint.Authority;
        var canonicalUri = string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var canonicalRequest = $"POST\n{canonicalUri}\n\ncontent-type:application/json\nhost:{host}\nx-amz-date:{amzDate}\n\ncontent-type;host;x-amz-date\n{Hex(SHA256.HashData(body))}";
        var scope = $"{date}/{region}/bedrock/aws4_request";
        var stringToSign = $"AWS4-HMAC-SHA256\n{amzDate}\n{scope}\n{Hex(SHA256.HashData(Encoding.UTF8.GetBytes(canonicalRequest)))}";
        var key = Encoding.UTF8.GetBytes("AWS4" + secretKey);
        foreach (var part in new[] { date, region, "bedrock", "aws4_request" })
        {
            key = HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(part));
        }

        var signature = Hex(HMACSHA256.HashData(key, Encoding.UTF8.GetBytes(stringToSign)));
        var message = Unsigned(emulator, path, body, version);
        message.Headers.TryAddWithoutValidation("X-Amz-Date", amzDate);
        message.Headers.TryAddWithoutValidation(
            "Authorization",
            $"AWS4-HMAC-SHA256 Credential={accessKey}/{scope}, SignedHeaders=content-type;host;x-amz-date, Signature={signature}");
        return message;
    }

    public static HttpRequestMessage Unsigned(BedrockEmulator emulator, string path, byte[] body, Version? version = null)
    {
        var message = new HttpRequestMessage(HttpMethod.Post, new Uri(emulator.Endpoint, path))
        {
            Content = new ByteArrayContent(body),
            Version = version ?? System.Net.HttpVersion.Version11,
            VersionPolicy = HttpVersionPolicy.RequestVersionExact,
        };
        message.Content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        return message;
    }

    private static string Hex(byte[] bytes) => Convert.ToHexString(bytes).ToLowerInvariant();
}
