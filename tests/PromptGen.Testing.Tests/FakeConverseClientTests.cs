using System.Net;
using PromptGen.Bedrock;
using PromptGen.Bedrock.EventStream;

namespace PromptGen.Testing.Tests;

public sealed class FakeConverseClientTests
{
    [Fact]
    public async Task It_streams_the_scripted_text_and_records_the_request()
    {
        var fake = new FakeConverseClient(ConverseScript.Text("Hi there!").WithDeltaSize(3).WithUsage(5, 2));
        var events = new List<ConverseStreamEvent>();

        var text = await TestSupport.CollectTextAsync(fake.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events);

        Assert.Equal("Hi there!", text);
        Assert.Equal(["Hi ", "the", "re!"], events.OfType<ContentBlockDeltaEvent>().Select(e => e.Delta!.Text!));
        Assert.Equal(
            [typeof(MessageStartEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockDeltaEvent), typeof(ContentBlockStopEvent), typeof(MessageStopEvent), typeof(MetadataEvent)],
            events.Select(e => e.GetType()));
        Assert.Equal(7, events.OfType<MetadataEvent>().Single().Usage!.TotalTokens);
        Assert.Same(fake.Requests.Single().Messages[0].Content[0].Text, TestSupport.HelloWorldPrompt);
    }

    [Fact]
    public async Task A_stream_is_sent_when_enumeration_starts()
    {
        var fake = new FakeConverseClient();
        var stream = fake.ConverseStreamAsync(TestSupport.HelloWorldRequest());
        Assert.Empty(fake.Requests);

        Assert.Equal(ConverseScript.HelloWorldAnswer, await TestSupport.CollectTextAsync(stream));
        Assert.Single(fake.Requests);
    }

    [Fact]
    public async Task Converse_returns_text_stop_reason_and_usage_and_the_default_script_follows_the_queue()
    {
        var fake = new FakeConverseClient(ConverseScript.Text("one").WithStopReason(StopReason.MaxTokens));

        var first = await fake.ConverseAsync(TestSupport.HelloWorldRequest());
        var second = await fake.ConverseAsync(TestSupport.HelloWorldRequest());

        Assert.Equal(("one", StopReason.MaxTokens), (first.GetText(), first.StopReason));
        Assert.Equal(ConverseScript.HelloWorldAnswer, second.GetText());
        Assert.Equal(2, fake.Requests.Count);
    }

    [Fact]
    public async Task Tool_use_and_reasoning_are_skipped_like_the_real_client_skips_them()
    {
        var fake = new FakeConverseClient(new ConverseScript().WithReasoning("Hmm.").WithText("Calling.").WithToolUse("t1", "lookup", "{}"));
        var events = new List<ConverseStreamEvent>();

        Assert.Equal("Calling.", await TestSupport.CollectTextAsync(fake.ConverseStreamAsync(TestSupport.HelloWorldRequest()), events));
        Assert.Equal(1, events.OfType<ContentBlockDeltaEvent>().Single().ContentBlockIndex);
        Assert.Equal(StopReason.ToolUse, events.OfType<MessageStopEvent>().Single().StopReason);
    }

    /// <summary>Each fault: the fake throws what BedrockConverseClient throws against the emulator, after the same text.</summary>
    public static TheoryData<string> Faults => new() { "service-error", "stream-exception", "corrupt", "drop", "converse-service-error", "converse-stream-exception" };

    [Theory]
    [MemberData(nameof(Faults))]
    public async Task Faults_fail_like_the_real_client_against_the_emulator(string fault)
    {
        ConverseScript Script() => fault switch
        {
            "service-error" or "converse-service-error" => ConverseScript.Throttling(),
            "stream-exception" or "converse-stream-exception" => ConverseScript.Text("abcdef").WithDeltaSize(2).FailAfterDeltas(2, "modelStreamErrorException", "Stream broke."),
            "corrupt" => ConverseScript.Text("abcdef").WithDeltaSize(2).CorruptFrameAfterDeltas(1),
            _ => ConverseScript.Text("abcdef").WithDeltaSize(2).DropConnectionAfterDeltas(2),
        };

        await using var emulator = await BedrockEmulator.StartAsync();
        // The fake plays one script per call, as one attempt of the real client does.
        using var real = TestSupport.CreateSingleAttemptClient(emulator);
        emulator.Enqueue(Script());
        var fake = new FakeConverseClient(Script());

        var (realText, realError) = await RunAsync(real);
        var (fakeText, fakeError) = await RunAsync(fake);

        Assert.Equal(realText, fakeText);
        Assert.NotNull(realError);
        Assert.Equal(realError.GetType(), fakeError!.GetType());
        if (realError is BedrockException realBedrock and not EventStreamException)
        {
            var fakeBedrock = (BedrockException)fakeError;
            Assert.Equal(realError.Message, fakeError.Message);
            Assert.Equal((realBedrock.ErrorCode, realBedrock.StatusCode), (fakeBedrock.ErrorCode, fakeBedrock.StatusCode));
        }

        if (realError is BedrockConnectionException)
        {
            Assert.Equal(realError.InnerException!.GetType(), fakeError.InnerException!.GetType());
            Assert.Equal(realError.InnerException.Message, fakeError.InnerException.Message);
        }

        if (realError is EventStreamException realStream)
        {
            // The messages differ only in the checksums the real one quotes.
            Assert.Equal(realStream.Reason, ((EventStreamException)fakeError).Reason);
            Assert.StartsWith("Message checksum mismatch", fakeError.Message, StringComparison.Ordinal);
        }

        async Task<(string Text, Exception? Error)> RunAsync(IConverseClient client)
        {
            if (fault.StartsWith("converse-", StringComparison.Ordinal))
            {
                try
                {
                    await client.ConverseAsync(TestSupport.HelloWorldRequest());
                    return ("", null);
                }
                catch (Exception exception)
                {
                    return ("", exception);
                }
            }

            return await TestSupport.CollectUntilErrorAsync(client.ConverseStreamAsync(TestSupport.HelloWorldRequest()));
        }
    }

    [Fact]
    public async Task A_stall_waits_and_honours_cancellation()
    {
        var fake = new FakeConverseClient(ConverseScript.Text("ab").WithDeltaSize(1).StallAfterDeltas(1, Timeout.InfiniteTimeSpan));
        using var cancellation = new CancellationTokenSource(TimeSpan.FromMilliseconds(100));

        var (text, error) = await TestSupport.CollectUntilErrorAsync(fake.ConverseStreamAsync(TestSupport.HelloWorldRequest()), cancellation.Token);

        Assert.Equal("a", text);
        Assert.IsAssignableFrom<OperationCanceledException>(error);
    }

    [Fact]
    public async Task A_service_error_on_Converse_carries_its_status()
    {
        var fake = new FakeConverseClient(ConverseScript.Error("AccessDeniedException", "No access."));
        var error = await Assert.ThrowsAsync<AccessDeniedException>(() => fake.ConverseAsync(TestSupport.HelloWorldRequest()));
        Assert.Equal((HttpStatusCode.Forbidden, "No access."), (error.StatusCode!.Value, error.Message));
    }
}
