namespace PromptGen.Testing.Tests;

/// <summary>PromptStream and PromptResponse over real HTTP, SigV4 and event-stream frames, against the emulator.</summary>
public sealed class PromptResultsAgainstEmulatorTests : IAsyncLifetime
{
    private BedrockEmulator _emulator = null!;

    public async Task InitializeAsync() => _emulator = await BedrockEmulator.StartAsync();

    public async Task DisposeAsync() => await _emulator.DisposeAsync();

    [Fact]
    public async Task A_PromptStream_reads_the_deltas_reasoning_stop_reason_usage_and_latency_from_the_wire()
    {
        _emulator.Enqueue(ConverseScript.Text("Hello, world!")
            .WithReasoning("The user wants one line.")
            .WithDeltaSize(4)
            .WithStopReason(StopReason.MaxTokens)
            .WithUsage(inputTokens: 17, outputTokens: 4)
            .WithLatency(250));
        using var bedrock = _emulator.CreateClient();

        var stream = IDetailedPrompts.Create(bedrock).DescribeAsync("hello world");
        var deltas = await stream.ToListAsync();

        Assert.Equal(["Hell", "o, w", "orld", "!"], deltas);
        Assert.Equal(StopReason.MaxTokens, stream.StopReason);
        Assert.Equal((17, 4, 21), (stream.Usage!.InputTokens, stream.Usage.OutputTokens, stream.Usage.TotalTokens));
        Assert.Equal(250, stream.Metrics!.LatencyMs);
        Assert.Equal("The user wants one line.", stream.ReasoningText);
        Assert.Equal(TestSupport.HelloWorldBody, Assert.Single(_emulator.Requests).BodyText);
    }

    [Fact]
    public async Task A_PromptResponse_reads_the_text_and_what_Bedrock_said_about_it()
    {
        _emulator.Enqueue(ConverseScript.Text("One line.").WithReasoning("Keep it short.").WithUsage(inputTokens: 17, outputTokens: 3).WithLatency(90));
        using var bedrock = _emulator.CreateClient();

        var response = await IDetailedPrompts.Create(bedrock).DescribeWholeAsync("hello world");

        Assert.Equal("One line.", response.Value);
        Assert.Equal("One line.", response.Text);
        Assert.Equal(StopReason.EndTurn, response.StopReason);
        Assert.Equal((17, 3, 20), (response.Usage!.InputTokens, response.Usage.OutputTokens, response.Usage.TotalTokens));
        Assert.Equal(90, response.Metrics!.LatencyMs);
        Assert.Equal("Keep it short.", response.ReasoningText);
        Assert.Equal("Converse", Assert.Single(_emulator.Requests).Operation);
    }
}
