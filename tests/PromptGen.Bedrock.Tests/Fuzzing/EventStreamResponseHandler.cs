using System.Net;
using System.Net.Http.Headers;

namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>
/// An in-memory stand-in for Bedrock: answers every request with 200, <c>application/vnd.amazon.eventstream</c>
/// and the body set for the next call, served in reads of random sizes. One call at a time.
/// </summary>
internal sealed class EventStreamResponseHandler : HttpMessageHandler
{
    public const string RequestId = "fuzz-request-id";

    private Func<Stream>? _nextBody;

    public int RequestCount { get; private set; }

    public void SetNextBody(Func<Stream> body) => _nextBody = body;

    /// <summary>
    /// A client that sends through this handler, one attempt a call: each call must meet exactly the bytes set for it,
    /// where a retry would read them again.
    /// </summary>
    public BedrockConverseClient CreateClient() => new(new BedrockClientOptions
    {
        HttpMessageHandler = this,
        Credentials = new Amazon.Runtime.BasicAWSCredentials(Loopback.LoopbackTestSupport.AccessKey, Loopback.LoopbackTestSupport.SecretKey),
        Region = Loopback.LoopbackTestSupport.Region,
        Endpoint = new Uri("http://127.0.0.1:1"),
        Retry = { MaxAttempts = 1 },
    });

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        RequestCount++;
        var body = _nextBody ?? throw new InvalidOperationException("No body was set for this call.");
        _nextBody = null;
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            Content = new StreamContent(body()),
            RequestMessage = request,
        };
        response.Content.Headers.ContentType = new MediaTypeHeaderValue("application/vnd.amazon.eventstream");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", RequestId);
        return Task.FromResult(response);
    }
}
