using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>
/// Every request recorded against real Bedrock (tests/TestData/bedrock/recorded/nock) is rebuilt here with the
/// model types, serialized, and compared with the recorded body field for field (see <see cref="JsonAssert"/>).
/// </summary>
public class RecordedRequestTests
{
    private const string Sonnet = "anthropic.claude-3-5-sonnet-20240620-v1:0";

    private const string WeatherSchema = """
        {"type": "object", "properties": {"location": {"type": "string", "description": "The city and state, e.g. San Francisco, CA"},
         "unit": {"type": "string", "enum": ["celsius", "fahrenheit"], "description": "Temperature unit"}}, "required": ["location"]}
        """;

    // A 1x1 PNG, as the recording sends it.
    private const string PixelPng = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8/5+hHgAHggJ/PchI7wAAAABJRU5ErkJggg==";

    private static readonly Dictionary<string, Func<ConverseRequest>> s_requests = new(StringComparer.Ordinal)
    {
        ["should-handle-api-error-scenarios"] = () => new ConverseRequest
        {
            ModelId = "invalid-model-id",
            Messages = [Message.FromUserText("This should fail")],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 50 },
        },
        ["should-handle-basic-converse-api-calls"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("Hello, how are you?")],
        },
        ["should-handle-basic-converse-stream-responses"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("Hello, how are you?")],
        },
        ["should-handle-inference-config-in-converse-api"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("Explain machine learning briefly.")],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 150, Temperature = 0.7f, TopP = 0.9f, StopSequences = ["END", "STOP"] },
        },
        ["should-handle-streaming-api-errors-gracefully"] = () => new ConverseRequest
        {
            ModelId = "invalid-streaming-model-id",
            Messages = [Message.FromUserText("This streaming request should fail")],
        },
        ["should-handle-streaming-tool-calls-and-responses"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("What's the weather in San Francisco and what time is it there?")],
            ToolConfig = Tools(("get_weather", "Get current weather for a location", WeatherSchema)),
        },
        ["should-handle-system-prompt-with-multi-turn-conversation"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            System = [new SystemContentBlock { Text = "You are a helpful assistant that tells jokes." }],
            Messages =
            [
                Message.FromUserText("Tell me about yourself."),
                new Message
                {
                    Role = ConversationRole.Assistant,
                    Content = [new ContentBlock { Text = "I'm Claude, an AI assistant who loves to help and tell jokes!" }],
                },
                Message.FromUserText("Great! Tell me a joke then."),
            ],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 100, Temperature = 0.1f },
        },
        ["should-handle-system-prompts-with-streaming-responses"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            System =
            [
                new SystemContentBlock { Text = "You are a helpful assistant that responds very concisely." },
                new SystemContentBlock { Text = "Always end your responses with 'Hope this helps!'" },
            ],
            Messages = [Message.FromUserText("What is the capital of France?")],
        },
        ["should-handle-text-plus-image-content-with-detailed-structure"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages =
            [
                new Message
                {
                    Role = ConversationRole.User,
                    Content =
                    [
                        new ContentBlock { Text = "What's in this image?" },
                        new ContentBlock
                        {
                            Image = new ImageBlock { Format = ImageFormat.Png, Source = new ImageSource { Bytes = Convert.FromBase64String(PixelPng) } },
                        },
                    ],
                },
            ],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 100, Temperature = 0.1f },
        },
        ["should-handle-tool-configuration"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("What's the weather in San Francisco?")],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 100, Temperature = 0.1f },
            ToolConfig = Tools(("get_weather", "Get current weather for a location", WeatherSchema)),
        },
        ["should-handle-tool-response-processing"] = () => new ConverseRequest
        {
            ModelId = Sonnet,
            Messages = [Message.FromUserText("What is 15 * 23?")],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 100, Temperature = 0.1f },
            ToolConfig = Tools((
                "calculate",
                "Perform mathematical calculations",
                """{"type": "object", "properties": {"expression": {"type": "string", "description": "Mathematical expression to evaluate"}}, "required": ["expression"]}""")),
        },
    };

    public static TheoryData<string> Recordings => new(s_requests.Keys.Order(StringComparer.Ordinal));

    [Fact]
    public void EveryRecordingHasARequestBuiltHere()
    {
        var recorded = Directory.EnumerateFiles(TestVectors.PathOf("bedrock", "recorded", "nock"), "*.json")
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal)
            .ToArray();

        Assert.Equal(11, recorded.Length);
        Assert.Equal(recorded, s_requests.Keys.Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void Request_SerializesToTheRecordedBody(string recording)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "nock", recording + ".json")));
        var interaction = Assert.Single(document.RootElement.EnumerateArray());
        var request = s_requests[recording]();

        var body = ConverseJson.SerializeRequest(request);

        JsonAssert.Equal(interaction.GetProperty("body"), JsonDocument.Parse(body).RootElement, System.Text.Encoding.UTF8.GetString(body));
        // The model id travels in the path: /model/{percent-encoded id}/converse[-stream].
        var path = interaction.GetProperty("path").GetString()!;
        Assert.Equal(request.ModelId, Uri.UnescapeDataString(path.Split('/')[2]));
    }

    [Theory]
    [MemberData(nameof(Recordings))]
    public void RecordedBody_RoundTripsThroughTheModel(string recording)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "nock", recording + ".json")));
        var recordedBody = Assert.Single(document.RootElement.EnumerateArray()).GetProperty("body");

        var request = ConverseJson.DeserializeRequest(System.Text.Encoding.UTF8.GetBytes(recordedBody.GetRawText()));

        Assert.Equal("", request.ModelId);
        JsonAssert.Equal(recordedBody, JsonDocument.Parse(ConverseJson.SerializeRequest(request)).RootElement);
    }

    [Fact]
    public void ImageBytes_AreBase64OnTheWireAndBytesInTheModel()
    {
        var request = s_requests["should-handle-text-plus-image-content-with-detailed-structure"]();
        var roundTripped = ConverseJson.DeserializeRequest(ConverseJson.SerializeRequest(request));

        var image = roundTripped.Messages[0].Content[1].Image!;
        Assert.Equal(ImageFormat.Png, image.Format);
        Assert.Equal(70, image.Source!.Bytes!.Value.Length);
        Assert.Equal(new byte[] { 0x89, (byte)'P', (byte)'N', (byte)'G' }, image.Source.Bytes.Value[..4].ToArray());
    }

    private static ToolConfiguration Tools(params (string Name, string Description, string Schema)[] tools) => new()
    {
        Tools = tools.Select(tool => new Tool
        {
            ToolSpec = new ToolSpecification
            {
                Name = tool.Name,
                Description = tool.Description,
                InputSchema = new ToolInputSchema { Json = JsonDocument.Parse(tool.Schema).RootElement.Clone() },
            },
        }).ToList(),
    };
}
