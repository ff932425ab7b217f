using System.Text.Json.Nodes;

namespace PromptGen.Testing.Tests;

/// <summary>
/// The hello-world sample as a user runs it against real Bedrock, pointed by <c>AWS_ENDPOINT_URL_BEDROCK_RUNTIME</c>
/// at the independent endpoint (AWS's SigV4 signer and event-stream codec), credentials in the standard environment
/// variables: it sends the hello-world request, prints exactly the streamed text, and reports failures as AWS's example does.
/// </summary>
public sealed class HelloBedrockAgainstIndependentEndpointTests(IndependentBedrockEndpoint endpoint) : IClassFixture<IndependentBedrockEndpoint>
{
    private const string ErrorPrefix = "ERROR: Can't invoke 'anthropic.claude-3-haiku-20240307-v1:0'. Reason: ";

    [Fact]
    public async Task The_sample_prints_exactly_the_streamed_text_of_the_hello_world_request()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject { ["events"] = recording.Events(), ["slice"] = 5 });

        var (exitCode, stdout, _) = await RunSampleAsync();

        Assert.Equal((0, recording.Text + Environment.NewLine), (exitCode, stdout));
        var request = (await endpoint.ReceivedAsync()).Last();
        Assert.Equal(("/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream", true), (request.Path, request.Verified));
        Assert.Equal(TestSupport.HelloWorldBody, request.Body);
    }

    [Fact]
    public async Task Throttling_prints_the_error_line_and_exits_1()
    {
        await endpoint.ScriptAsync(new JsonObject
        {
            ["httpError"] = new JsonObject
            {
                ["status"] = 429,
                ["type"] = "ThrottlingException",
                ["message"] = "Too many requests, please wait before trying again.",
            },
        });

        var (exitCode, stdout, _) = await RunSampleAsync(("AWS_MAX_ATTEMPTS", "1"));

        Assert.Equal((1, ErrorPrefix + "Too many requests, please wait before trying again." + Environment.NewLine), (exitCode, stdout));
    }

    [Fact]
    public async Task A_mid_stream_exception_prints_the_text_before_it_then_the_error_line()
    {
        var recording = Recording.Load("should-handle-basic-converse-stream-responses");
        await endpoint.ScriptAsync(new JsonObject
        {
            ["events"] = recording.Events(),
            ["exceptionAfter"] = 5,
            ["exception"] = new JsonObject { ["type"] = "modelStreamErrorException", ["message"] = "The model stream failed." },
        });

        var (exitCode, stdout, _) = await RunSampleAsync();

        Assert.Equal((1, recording.TextOfFirstEvents(5) + ErrorPrefix + "The model stream failed." + Environment.NewLine), (exitCode, stdout));
    }

    [Fact]
    public async Task A_wrong_secret_prints_the_signature_error_and_exits_1()
    {
        var (exitCode, stdout, _) = await RunSampleAsync(("AWS_SECRET_ACCESS_KEY", "not-the-endpoint-secret"));

        Assert.Equal(
            (1, ErrorPrefix + "The request signature we calculated does not match the signature you provided." + Environment.NewLine),
            (exitCode, stdout));
        Assert.False((await endpoint.ReceivedAsync()).Last().Verified);
    }

    private Task<(int ExitCode, string Stdout, string Stderr)> RunSampleAsync(params (string Name, string Value)[] overrides)
    {
        // The standard variables a user sets, and none of this machine's AWS configuration: no region (the sample's
        // us-east-1 default applies), no API key, no shared config files, no instance metadata lookups.
        var environment = new Dictionary<string, string>
        {
            ["AWS_ENDPOINT_URL_BEDROCK_RUNTIME"] = endpoint.Endpoint.ToString(),
            ["AWS_ACCESS_KEY_ID"] = IndependentBedrockEndpoint.AccessKey,
            ["AWS_SECRET_ACCESS_KEY"] = IndependentBedrockEndpoint.SecretKey,
            ["AWS_CONFIG_FILE"] = Path.Combine(Path.GetTempPath(), "promptgen-no-aws-config"),
            ["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(Path.GetTempPath(), "promptgen-no-aws-credentials"),
            ["AWS_EC2_METADATA_DISABLED"] = "true",
        };
        foreach (var (name, value) in overrides)
        {
            environment[name] = value;
        }

        return HelloBedrockSampleTests.RunSampleAsync(environment);
    }
}
