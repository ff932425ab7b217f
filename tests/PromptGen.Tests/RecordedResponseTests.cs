using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>Every Converse response body recorded against real Bedrock, read with the model.</summary>
public class RecordedResponseTests
{
    public static TheoryData<string, string, int, int, int, long, string> Responses => new()
    {
        { "should-handle-basic-converse-api-calls", "end_turn", 13, 35, 48, 1071, "Hello! As an AI language model, I don't have feelings, but I'm functioning well and ready to assist you. How can I help you today?" },
        { "should-handle-inference-config-in-converse-api", "max_tokens", 13, 150, 163, 3474, "Machine learning is a branch of artificial intelligence" },
        { "should-handle-system-prompt-with-multi-turn-conversation", "end_turn", 50, 83, 133, 2597, "Alright, here's a joke for you:\n\nWhy don't scientists trust atoms?" },
        { "should-handle-text-plus-image-content-with-detailed-structure", "max_tokens", 17, 100, 117, 3802, "This image appears to be a handwritten note" },
        { "should-handle-tool-configuration", "max_tokens", 408, 100, 508, 2930, "Certainly! I'd be happy to check the current weather in San Francisco for you. To get this information, I'll need to use the weather tool. Let me fetch that data for you." },
        { "should-handle-tool-response-processing", "tool_use", 369, 81, 450, 2249, "To calculate 15 * 23, I can use the \"calculate\" function. Let me do that for you." },
    };

    [Fact]
    public void EverySuccessfulConverseRecordingIsCovered()
    {
        var recorded = Directory.EnumerateFiles(TestVectors.PathOf("bedrock", "recorded", "nock"), "*.json")
            .Where(path =>
            {
                using var document = JsonDocument.Parse(File.ReadAllBytes(path));
                var interaction = document.RootElement[0];
                return interaction.GetProperty("status").GetInt32() == 200 && interaction.GetProperty("response").ValueKind == JsonValueKind.Object;
            })
            .Select(Path.GetFileNameWithoutExtension)
            .Order(StringComparer.Ordinal);

        Assert.Equal(recorded, ((IEnumerable<object[]>)Responses).Select(row => (string)row[0]).Order(StringComparer.Ordinal));
    }

    [Theory]
    [MemberData(nameof(Responses))]
    public void RecordedResponse_ReadsItsValues(string recording, string stopReason, int input, int output, int total, long latencyMs, string textStart)
    {
        var body = RecordedBody(recording);

        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes(body.GetRawText()));

        Assert.Equal(new StopReason(stopReason), response.StopReason);
        Assert.Equal(ConversationRole.Assistant, response.Output!.Message!.Role);
        Assert.Equal((input, output, total), (response.Usage!.InputTokens, response.Usage.OutputTokens, response.Usage.TotalTokens));
        Assert.Null(response.Usage.CacheReadInputTokens);
        Assert.Equal(latencyMs, response.Metrics!.LatencyMs);
        Assert.StartsWith(textStart, response.GetText(), StringComparison.Ordinal);
        // Writing the response back gives the recorded body, member for member.
        JsonAssert.Equal(body, JsonDocument.Parse(ConverseJson.SerializeResponse(response)).RootElement);
    }

    [Fact]
    public void RecordedToolUse_KeepsIdNameAndInput()
    {
        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes(RecordedBody("should-handle-tool-response-processing").GetRawText()));

        var content = response.Output!.Message!.Content;
        Assert.Equal(2, content.Count);
        var toolUse = content[1].ToolUse!;
        Assert.Null(content[1].Text);
        Assert.Equal("tooluse_RVjyNbnRRAqT_YlXqlJDUQ", toolUse.ToolUseId);
        Assert.Equal("calculate", toolUse.Name);
        Assert.Equal("15 * 23", toolUse.Input!.Value.GetProperty("expression").GetString());
        Assert.Equal("To calculate 15 * 23, I can use the \"calculate\" function. Let me do that for you.", response.GetText());
    }

    [Fact]
    public void RecordedErrorBodies_AreNotResponses()
    {
        // A 400 body is {"message": ...}: it reads as an empty response rather than failing; the transport decides by
        // status before it gets here.
        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes(RecordedBody("should-handle-api-error-scenarios").GetRawText()));

        Assert.Null(response.Output);
        Assert.Equal("", response.GetText());
    }

    private static JsonElement RecordedBody(string recording)
    {
        using var document = JsonDocument.Parse(File.ReadAllBytes(TestVectors.PathOf("bedrock", "recorded", "nock", recording + ".json")));
        return document.RootElement[0].GetProperty("response").Clone();
    }
}
