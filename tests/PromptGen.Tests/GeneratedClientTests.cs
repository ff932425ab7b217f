using System.Globalization;
using System.Text;

namespace PromptGen.Tests;

/// <summary>Compile-and-run tests: generated implementations called against a recording client.</summary>
public class GeneratedClientTests
{
    [Fact]
    public async Task HelloWorld_SendsTheAwsExampleRequest_AndStreamsTheDeltas()
    {
        var client = new RecordingConverseClient("Hello", ", ", "world");
        var prompts = IHelloPrompts.Create(client);

        var received = new List<string>();
        await foreach (var text in prompts.DescribeAsync("hello world"))
        {
            received.Add(text);
        }

        Assert.Equal(["Hello", ", ", "world"], received);
        var request = Assert.Single(client.Requests);
        Assert.Equal("anthropic.claude-3-haiku-20240307-v1:0", request.ModelId);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Describe the purpose of a 'hello world' program in one line."}]}],"inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }

    [Fact]
    public async Task TaskMethod_UsesConverse_AndReturnsTheText()
    {
        var client = new RecordingConverseClient("Logging, ", "testing, ", "teaching.");
        var prompts = IHelloPrompts.Create(client);
        using var cts = new CancellationTokenSource();

        var answer = await prompts.ListUsesAsync("hello world programs", cts.Token);

        Assert.Equal("Logging, testing, teaching.", answer);
        Assert.Equal(cts.Token, client.LastToken);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Name three uses of hello world programs."}]}]}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(Assert.Single(client.Requests))));
    }

    [Fact]
    public async Task InterfaceAttributesApply_AndMethodAttributesWinPropertyByProperty()
    {
        var client = new RecordingConverseClient("ok");
        var prompts = ISupportPrompts.Create(client);

        await foreach (var _ in prompts.AnswerAsync("PromptGen", "What is it?"))
        {
        }

        await prompts.ReleaseNotesAsync("PromptGen", new Version(1, 2), new DateTime(2026, 11, 25), 1234567, 4.5, CancellationToken.None);

        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Answer: What is it?"}]}],"system":[{"text":"You are a concise assistant for PromptGen."}],"inferenceConfig":{"maxTokens":256,"temperature":0.2}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(client.Requests[0])));
        Assert.Equal("amazon.nova-lite-v1:0", client.Requests[0].ModelId);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Summarize PromptGen 1.2, released 2026-11-25, 1,234,567 downloads, rated 4.5."}]}],"system":[{"text":"You write release notes."}],"inferenceConfig":{"maxTokens":256,"temperature":0.7,"stopSequences":["END"]}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(client.Requests[1])));
        Assert.Equal("amazon.nova-pro-v1:0", client.Requests[1].ModelId);
    }

    [Fact]
    public async Task Rendering_UsesTheInvariantCulture_WhateverTheCurrentCulture()
    {
        var previous = CultureInfo.CurrentCulture;
        CultureInfo.CurrentCulture = new CultureInfo("de-DE");
        try
        {
            var client = new RecordingConverseClient("ok");
            await ISupportPrompts.Create(client).ReleaseNotesAsync("X", new Version(2, 0), new DateTime(2026, 1, 2), 1000, 0.25, default);

            Assert.Equal("Summarize X 2.0, released 2026-01-02, 1,000 downloads, rated 0.25.", client.Requests[0].Messages[0].Content[0].Text);
        }
        finally
        {
            CultureInfo.CurrentCulture = previous;
        }
    }

    [Fact]
    public async Task ValuesAreInsertedAsData_NeverInterpretedAsTemplates()
    {
        var client = new RecordingConverseClient("ok");
        await IHelloPrompts.Create(client).ListUsesAsync("{{topic}} and }} and {{#each x}}");

        Assert.Equal("Name three uses of {{topic}} and }} and {{#each x}}.", client.Requests[0].Messages[0].Content[0].Text);
    }

    [Fact]
    public async Task Options_OverrideModelAndInference()
    {
        var client = new RecordingConverseClient("ok");
        var options = new PromptClientOptions
        {
            ModelId = "us.anthropic.claude-3-5-haiku-20241022-v1:0",
            Inference = new InferenceConfiguration { Temperature = 0.1f },
        };

        await foreach (var _ in IHelloPrompts.Create(client, options).DescribeAsync("hello world"))
        {
        }

        var request = client.Requests[0];
        Assert.Equal("us.anthropic.claude-3-5-haiku-20241022-v1:0", request.ModelId);
        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Describe the purpose of a 'hello world' program in one line."}]}],"inferenceConfig":{"maxTokens":512,"temperature":0.1,"topP":0.9}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }

    [Fact]
    public async Task NoModelAnywhere_FailsWithAClearError()
    {
        var prompts = IUnboundModelPrompts.Create(new RecordingConverseClient("ok"));

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => prompts.GreetAsync("Ada"));

        Assert.Equal(
            "No model id for prompt method 'GreetAsync': add [Model(\"...\")] to the method or interface, or set PromptClientOptions.ModelId.",
            error.Message);
    }

    [Fact]
    public void Create_RejectsANullClient() =>
        Assert.Throws<ArgumentNullException>("client", () => IHelloPrompts.Create(null!));

    [Fact]
    public async Task MethodToken_ReachesTheClient_AndCancelsMidStream()
    {
        var client = new RecordingConverseClient("one", "two") { Gate = new TaskCompletionSource() };
        using var cts = new CancellationTokenSource();
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var text in IHelloPrompts.Create(client).DescribeAsync("hello world", cts.Token))
            {
                received.Add(text);
                cts.Cancel();
            }
        });

        Assert.Equal(["one"], received);
        Assert.True(client.LastToken.IsCancellationRequested);
    }

    [Fact]
    public async Task WithCancellationToken_IsHonoured_ThroughEnumeratorCancellation()
    {
        var client = new RecordingConverseClient("one", "two") { Gate = new TaskCompletionSource() };
        using var cts = new CancellationTokenSource();
        var received = new List<string>();

        await Assert.ThrowsAnyAsync<OperationCanceledException>(async () =>
        {
            await foreach (var text in IHelloPrompts.Create(client).DescribeAsync("hello world").WithCancellation(cts.Token))
            {
                received.Add(text);
                cts.Cancel();
            }
        });

        Assert.Equal(["one"], received);
        Assert.True(client.LastToken.IsCancellationRequested);
    }
}
