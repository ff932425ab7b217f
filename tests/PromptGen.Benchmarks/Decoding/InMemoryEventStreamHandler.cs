using System.Net;

namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// An HTTP handler that answers every request at once with a 200 ConverseStream response whose body is the given
/// event stream, handed over at most <c>maxReadLength</c> bytes per read. Nothing touches a socket.
/// </summary>
internal sealed class InMemoryEventStreamHandler(byte[] body, int maxReadLength) : HttpMessageHandler
{
    /// <summary>The last request sent, for the setup to check that the client signed and addressed it.</summary>
    public HttpRequestMessage? LastRequest { get; private set; }

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        LastRequest = request;
        var response = new HttpResponseMessage(HttpStatusCode.OK)
        {
            RequestMessage = request,
            Content = new StreamContent(new ChunkedReadStream(body, maxReadLength)),
        };
        response.Content.Headers.TryAddWithoutValidation("Content-Type", "application/vnd.amazon.eventstream");
        response.Headers.TryAddWithoutValidation("x-amzn-RequestId", "0b5c4a4e-2c4f-4a3b-9a57-6f1e0f2d7c11");
        return Task.FromResult(response);
    }
}
