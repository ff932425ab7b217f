using System.Text;

namespace PromptGen.Testing.Tests;

/// <summary>
/// What generated prompt methods send: the requests the emulator records (and the fake receives) are exactly what the
/// templates should render, on the wire and as a parsed ConverseRequest.
/// </summary>
public sealed class GeneratedRequestTests
{
    private const string OrderBody =
        """{"messages":[{"role":"user","content":[{"text":"Summarize the order of Ada:\n- tea\n- scones\n"}]}],"system":[{"text":"You are a support agent for Cosy Café."}],"inferenceConfig":{"maxTokens":200,"temperature":0.2,"stopSequences":["END"]}}""";

    [Fact]
    public async Task The_hello_world_method_sends_AWSs_hello_world_request_through_the_emulator()
    {
        await using var emulator = await BedrockEmulator.StartAsync();
        using var client = emulator.CreateClient();
        var prompts = IHelloPrompts.Create(client);

        var text = new StringBuilder();
        await foreach (var delta in prompts.DescribeAsync("hello world"))
        {
            text.Append(delta);
        }

        Assert.Equal(ConverseScript.HelloWorldAnswer, text.ToString());
        var recorded = Assert.Single(emulator.Requests);
        Assert.Equal("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", recorded.RawTarget);
        Assert.Equal(TestSupport.HelloWorldBody, recorded.BodyText);
        Assert.Equal(TestSupport.HaikuModelId, recorded.ConverseRequest!.ModelId);
    }

    [Fact]
    public async Task A_Converse_method_renders_its_prompt_and_returns_the_whole_answer()
    {
        await using var emulator = await BedrockEmulator.StartAsync();
        using var client = emulator.CreateClient();
        emulator.Enqueue(ConverseScript.Text("Wedges, levers, pulleys."));

        var answer = await IHelloPrompts.Create(client).ListUsesAsync("simple machines");

        Assert.Equal("Wedges, levers, pulleys.", answer);
        var recorded = Assert.Single(emulator.Requests);
        Assert.Equal("Converse", recorded.Operation);
        Assert.Equal("""{"messages":[{"role":"user","content":[{"text":"Name three uses of simple machines."}]}]}""", recorded.BodyText);
    }

    [Fact]
    public async Task System_prompt_sections_and_inference_settings_are_rendered_on_the_wire()
    {
        await using var emulator = await BedrockEmulator.StartAsync();
        using var client = emulator.CreateClient();

        await foreach (var _ in IOrderPrompts.Create(client).SummarizeAsync("Cosy Café", new Order("Ada", ["tea", "scones"])))
        {
        }

        var recorded = Assert.Single(emulator.Requests);
        Assert.Equal("/model/us.anthropic.claude-3-5-haiku-20241022-v1%3A0/converse-stream", recorded.RawTarget);
        Assert.Equal(OrderBody, recorded.BodyText);
        var request = recorded.ConverseRequest!;
        Assert.Equal("You are a support agent for Cosy Café.", Assert.Single(request.System!).Text);
        // Each item line keeps its newline (Mustache semantics); the standalone section tags leave none.
        Assert.Equal("Summarize the order of Ada:\n- tea\n- scones\n", Assert.Single(Assert.Single(request.Messages).Content).Text);
        Assert.Equal(["END"], request.InferenceConfig!.StopSequences!);
    }

    [Fact]
    public async Task The_fake_receives_the_same_request_the_emulator_records()
    {
        var fake = new FakeConverseClient();
        await foreach (var _ in IOrderPrompts.Create(fake).SummarizeAsync("Cosy Café", new Order("Ada", ["tea", "scones"])))
        {
        }

        var request = Assert.Single(fake.Requests);
        Assert.Equal("us.anthropic.claude-3-5-haiku-20241022-v1:0", request.ModelId);
        Assert.Equal(OrderBody, Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }
}
