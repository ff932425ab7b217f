using PromptGen.Bedrock;

namespace PromptGen.Testing.Tests;

/// <summary>
/// Wrappers derived from <see cref="DelegatingConverseClient"/> see every call and keep the text-stream fast path of
/// the client they wrap, however many of them are stacked.
/// </summary>
public sealed class DelegatingConverseClientTests : IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_generated_streaming_method_over_two_wrappers_streams_through_the_text_path_of_BedrockConverseClient()
    {
        using var bedrock = _emulator.CreateClient();
        var inner = new CountingClient(bedrock);
        var outer = new CountingClient(inner);
        var prompts = IHelloPrompts.Create(outer);

        var text = string.Concat(await prompts.DescribeAsync("hello world").ToListAsync());

        Assert.Equal(ConverseScript.HelloWorldAnswer, text);

        // Both wrappers saw the call, on the text path: no event stream was read anywhere, so the deltas reached the
        // caller as BedrockConverseClient's strings, without an event object per delta.
        Assert.Equal((Converse: 0, Stream: 0, Text: 1), outer.Calls);
        Assert.Equal((Converse: 0, Stream: 0, Text: 1), inner.Calls);
        Assert.Same(outer, outer.GetService<IConverseTextStreamClient>());
        Assert.Equal(TestSupport.HelloWorldBody, Assert.Single(_emulator.Requests).BodyText);
    }

    [Fact]
    public async Task Every_call_reaches_the_wrapper_and_then_the_inner_client()
    {
        using var bedrock = _emulator.CreateClient();
        var wrapper = new CountingClient(bedrock);
        var prompts = IHelloPrompts.Create(wrapper);

        Assert.Equal(ConverseScript.HelloWorldAnswer, await prompts.ListUsesAsync("templates"));
        var events = await wrapper.ConverseStreamAsync(TestSupport.HelloWorldRequest()).ToListAsync();

        Assert.Equal((Converse: 1, Stream: 1, Text: 0), wrapper.Calls);
        Assert.Equal(ConverseScript.HelloWorldAnswer, string.Concat(events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta!.Text)));
        Assert.Equal(["Converse", "ConverseStream"], _emulator.Requests.Select(r => r.Operation!));
    }

    [Fact]
    public async Task Over_a_client_without_a_text_stream_the_text_comes_from_the_wrappers_own_event_stream()
    {
        var fake = new FakeConverseClient(ConverseScript.Text("from events").WithDeltaSize(3));
        var wrapper = new CountingClient(fake);
        var prompts = IHelloPrompts.Create(wrapper);

        var deltas = await prompts.DescribeAsync("hello world").ToListAsync();

        Assert.Equal(["fro", "m e", "ven", "ts"], deltas);
        Assert.Equal((Converse: 0, Stream: 1, Text: 1), wrapper.Calls);
    }

    [Fact]
    public void GetService_answers_for_the_wrapper_then_asks_the_inner_client()
    {
        using var bedrock = _emulator.CreateClient();
        using var wrapper = new CountingClient(new CountingClient(bedrock));

        Assert.Same(wrapper, wrapper.GetService<CountingClient>());
        Assert.Same(bedrock, wrapper.GetService<BedrockConverseClient>());
        Assert.Null(wrapper.GetService<FakeConverseClient>());
        Assert.Null(wrapper.GetService(typeof(CountingClient), serviceKey: "keyed"));
        Assert.Throws<ArgumentNullException>(() => wrapper.GetService(null!));
        Assert.Same(bedrock, ((IConverseClient)bedrock).GetService(typeof(IConverseTextStreamClient)));
        Assert.Null(((IConverseClient)new FakeConverseClient()).GetService(typeof(IConverseTextStreamClient)));
    }

    [Fact]
    public void Disposing_a_wrapper_disposes_the_inner_client()
    {
        var inner = new DisposableClient();
        new CountingClient(inner).Dispose();
        Assert.True(inner.Disposed);
    }

    private sealed class CountingClient(IConverseClient inner) : DelegatingConverseClient(inner)
    {
        private int _converse;
        private int _stream;
        private int _text;

        public (int Converse, int Stream, int Text) Calls => (_converse, _stream, _text);

        public override Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _converse);
            return base.ConverseAsync(request, cancellationToken);
        }

        public override IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _stream);
            return base.ConverseStreamAsync(request, cancellationToken);
        }

        public override IAsyncEnumerable<string> ConverseStreamTextAsync(ConverseRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref _text);
            return base.ConverseStreamTextAsync(request, cancellationToken);
        }
    }

    private sealed class DisposableClient : IConverseClient, IDisposable
    {
        public bool Disposed { get; private set; }

        public Task<ConverseResponse> ConverseAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not called.");

        public IAsyncEnumerable<ConverseStreamEvent> ConverseStreamAsync(ConverseRequest request, CancellationToken cancellationToken = default) =>
            throw new InvalidOperationException("Not called.");

        public void Dispose() => Disposed = true;
    }
}
