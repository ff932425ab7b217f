using System.Text;

namespace PromptGen.Testing.Tests;

/// <summary>
/// The emulator against AWS's own client: the JavaScript SDK (pinned in AwsSdkJs/package-lock.json) runs AWS's
/// hello-world ConverseStream example and the Converse call, with its default HTTP/2 handler and its HTTP/1.1 handler.
/// </summary>
public sealed class AwsSdkJsTests(AwsSdkJsFixture sdk) : IClassFixture<AwsSdkJsFixture>, IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;

    public static TheoryData<string, string> Handlers => new() { { "http2", "HTTP/2" }, { "http1", "HTTP/1.1" } };

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task The_hello_world_ConverseStream_example_prints_the_scripted_answer(string handler, string protocol)
    {
        var result = await sdk.RunHelloBedrockAsync(_emulator, "converse-stream", handler);

        Assert.Equal(new AwsSdkJsResult(ConverseScript.HelloWorldAnswer, null, null), result);
        var recorded = Assert.Single(_emulator.Requests);
        Assert.Equal(protocol, recorded.Protocol);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", recorded.RawTarget);

        // AWS's SDK and PromptGen send the same request.
        Assert.Equal(TestSupport.HelloWorldBody, Encoding.UTF8.GetString(ConverseJson.SerializeRequest(recorded.ConverseRequest!)));
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task The_Converse_call_returns_the_scripted_answer(string handler, string protocol)
    {
        _emulator.Enqueue(ConverseScript.Text("Converse from the emulator."));

        var result = await sdk.RunHelloBedrockAsync(_emulator, "converse", handler);

        Assert.Equal(new AwsSdkJsResult("Converse from the emulator.", null, null), result);
        Assert.Equal(protocol, Assert.Single(_emulator.Requests).Protocol);
        Assert.Equal("Converse", _emulator.Requests[0].Operation);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task Throttling_is_reported_as_ThrottlingException(string handler, string protocol)
    {
        _emulator.Enqueue(ConverseScript.Throttling());

        var result = await sdk.RunHelloBedrockAsync(_emulator, "converse-stream", handler);

        Assert.Equal(new AwsSdkJsResult("", "ThrottlingException", "Too many requests, please wait before trying again."), result);
        Assert.Equal(429, Assert.Single(_emulator.Requests).StatusCode);
        Assert.Equal(protocol, _emulator.Requests[0].Protocol);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_mid_stream_exception_is_reported_after_the_text_before_it(string handler, string protocol)
    {
        _emulator.Enqueue(ConverseScript.Text("Hello from the emulator").WithDeltaSize(4).FailAfterDeltas(3, "modelStreamErrorException", "The model stream failed."));

        var result = await sdk.RunHelloBedrockAsync(_emulator, "converse-stream", handler);

        Assert.Equal(new AwsSdkJsResult("Hello from t", "ModelStreamErrorException", "The model stream failed."), result);
        Assert.Equal(protocol, Assert.Single(_emulator.Requests).Protocol);
    }

    [Theory]
    [MemberData(nameof(Handlers))]
    public async Task A_wrong_secret_is_reported_as_InvalidSignatureException(string handler, string protocol)
    {
        var result = await sdk.RunHelloBedrockAsync(_emulator, "converse-stream", handler, secretAccessKey: "not-the-emulator-secret");

        Assert.Equal("InvalidSignatureException", result.Error);
        var recorded = Assert.Single(_emulator.Requests);
        Assert.Equal((protocol, 403), (recorded.Protocol, recorded.StatusCode));
    }
}
