using System.Text;
using System.Text.Json;

namespace PromptGen.Tests;

/// <summary>Every block kind and member of the Converse model, written and read back, against hand-written wire JSON.</summary>
public class ConverseModelRoundTripTests
{
    private static readonly byte[] s_bytes = [1, 2, 3, 250];

    [Fact]
    public void Request_WithEveryMember_WritesTheServiceModelShapeAndReadsBack()
    {
        var request = new ConverseRequest
        {
            ModelId = "arn:aws:bedrock:us-east-1:123456789012:prompt/ABCDEFGHIJ",
            System =
            [
                new SystemContentBlock { Text = "Be brief." },
                new SystemContentBlock
                {
                    GuardContent = new GuardrailConverseContentBlock
                    {
                        Text = new GuardrailConverseTextBlock { Text = "policy", Qualifiers = [GuardrailConverseContentQualifier.GuardContent, GuardrailConverseContentQualifier.Query] },
                    },
                },
                new SystemContentBlock { CachePoint = new CachePointBlock() },
            ],
            Messages =
            [
                new Message
                {
                    Role = ConversationRole.User,
                    Content =
                    [
                        new ContentBlock { Text = "Look:" },
                        new ContentBlock { Image = new ImageBlock { Format = ImageFormat.Jpeg, Source = new ImageSource { Bytes = s_bytes } } },
                        new ContentBlock
                        {
                            Image = new ImageBlock
                            {
                                Format = ImageFormat.Webp,
                                Source = new ImageSource { S3Location = new S3Location { Uri = "s3://bucket/a.webp", BucketOwner = "123456789012" } },
                            },
                        },
                        new ContentBlock
                        {
                            Document = new DocumentBlock
                            {
                                Format = DocumentFormat.Pdf,
                                Name = "report",
                                Source = new DocumentSource { Bytes = s_bytes },
                                Context = "Q3",
                                Citations = new CitationsConfig { Enabled = true },
                            },
                        },
                        new ContentBlock { Document = new DocumentBlock { Format = DocumentFormat.Txt, Name = "notes", Source = new DocumentSource { Text = "plain" } } },
                        new ContentBlock
                        {
                            Document = new DocumentBlock { Name = "parts", Source = new DocumentSource { Content = [new DocumentContentBlock { Text = "part one" }] } },
                        },
                        new ContentBlock { Video = new VideoBlock { Format = VideoFormat.ThreeGp, Source = new VideoSource { S3Location = new S3Location { Uri = "s3://bucket/v.3gp" } } } },
                        new ContentBlock { Audio = new AudioBlock { Format = AudioFormat.XAac, Source = new AudioSource { Bytes = s_bytes } } },
                        new ContentBlock
                        {
                            GuardContent = new GuardrailConverseContentBlock
                            {
                                Image = new GuardrailConverseImageBlock { Format = GuardrailConverseImageFormat.Png, Source = new GuardrailConverseImageSource { Bytes = s_bytes } },
                            },
                        },
                        new ContentBlock { CachePoint = new CachePointBlock { Ttl = CacheTtl.OneHour } },
                        new ContentBlock
                        {
                            SearchResult = new SearchResultBlock
                            {
                                Source = "https://example.com/a",
                                Title = "A",
                                Content = [new SearchResultContentBlock { Text = "first" }],
                                Citations = new CitationsConfig { Enabled = false },
                            },
                        },
                        new ContentBlock { ToolAddition = new ToolAdditionBlock { Tool = new ToolReference { Type = "mcp", Name = "search", ServerName = "docs" } } },
                        new ContentBlock { ToolRemoval = new ToolRemovalBlock { Tool = new ToolReference { Name = "calc" } } },
                    ],
                },
                new Message
                {
                    Role = ConversationRole.Assistant,
                    Content =
                    [
                        new ContentBlock { ReasoningContent = new ReasoningContentBlock { ReasoningText = new ReasoningTextBlock { Text = "6 * 7", Signature = "sig" } } },
                        new ContentBlock { ReasoningContent = new ReasoningContentBlock { RedactedContent = s_bytes } },
                        new ContentBlock
                        {
                            ToolUse = new ToolUseBlock { ToolUseId = "tooluse_1", Name = "calc", Input = Json("""{"expression":"6*7","precision":2}""") },
                        },
                    ],
                },
                new Message
                {
                    Role = ConversationRole.User,
                    Content =
                    [
                        new ContentBlock
                        {
                            ToolResult = new ToolResultBlock
                            {
                                ToolUseId = "tooluse_1",
                                Status = ToolResultStatus.Error,
                                Content =
                                [
                                    new ToolResultContentBlock { Json = Json("""{"error":"overflow","codes":[1,2.5,null,true]}""") },
                                    new ToolResultContentBlock { Text = "overflow" },
                                    new ToolResultContentBlock { Image = new ImageBlock { Format = ImageFormat.Gif, Source = new ImageSource { Bytes = s_bytes } } },
                                    new ToolResultContentBlock { Document = new DocumentBlock { Name = "log", Format = DocumentFormat.Md, Source = new DocumentSource { Text = "# log" } } },
                                    new ToolResultContentBlock { Video = new VideoBlock { Format = VideoFormat.Mp4, Source = new VideoSource { Bytes = s_bytes } } },
                                ],
                            },
                        },
                    ],
                },
            ],
            InferenceConfig = new InferenceConfiguration { MaxTokens = 1, Temperature = 0f, TopP = 1f, StopSequences = ["\n\nHuman:"] },
            ToolConfig = new ToolConfiguration
            {
                Tools =
                [
                    new Tool
                    {
                        ToolSpec = new ToolSpecification
                        {
                            Name = "calc",
                            Description = "Calculates.",
                            InputSchema = new ToolInputSchema { Json = Json("""{"type":"object","properties":{"expression":{"type":"string"}}}""") },
                            Strict = true,
                        },
                    },
                    new Tool { SystemTool = new SystemTool { Name = "nova_grounding" } },
                    new Tool { CachePoint = new CachePointBlock() },
                ],
                ToolChoice = new ToolChoice { Tool = new SpecificToolChoice { Name = "calc" } },
            },
            GuardrailConfig = new GuardrailStreamConfiguration
            {
                GuardrailIdentifier = "gr1",
                GuardrailVersion = "DRAFT",
                Trace = GuardrailTrace.EnabledFull,
                StreamProcessingMode = GuardrailStreamProcessingMode.Async,
            },
            AdditionalModelRequestFields = Json("""{"top_k":200,"thinking":{"type":"enabled","budget_tokens":1024}}"""),
            PromptVariables = new Dictionary<string, PromptVariableValues> { ["Genre"] = new() { Text = "jazz" } },
            AdditionalModelResponseFieldPaths = ["/stop_sequence"],
            RequestMetadata = new Dictionary<string, string> { ["team"] = "search", ["Cost Center"] = "42" },
            PerformanceConfig = new PerformanceConfiguration { Latency = PerformanceConfigLatency.Optimized },
            ServiceTier = new ServiceTier { Type = ServiceTierType.Flex },
            OutputConfig = new OutputConfig
            {
                TextFormat = new OutputFormat
                {
                    Structure = new OutputFormatStructure
                    {
                        JsonSchema = new JsonSchemaDefinition { Schema = """{"type":"object"}""", Name = "answer", Description = "The answer." },
                    },
                },
                Effort = "low",
            },
        };

        const string Expected = """
            {
              "system": [
                {"text": "Be brief."},
                {"guardContent": {"text": {"text": "policy", "qualifiers": ["guard_content", "query"]}}},
                {"cachePoint": {"type": "default"}}
              ],
              "messages": [
                {"role": "user", "content": [
                  {"text": "Look:"},
                  {"image": {"format": "jpeg", "source": {"bytes": "AQID+g=="}}},
                  {"image": {"format": "webp", "source": {"s3Location": {"uri": "s3://bucket/a.webp", "bucketOwner": "123456789012"}}}},
                  {"document": {"format": "pdf", "name": "report", "source": {"bytes": "AQID+g=="}, "context": "Q3", "citations": {"enabled": true}}},
                  {"document": {"format": "txt", "name": "notes", "source": {"text": "plain"}}},
                  {"document": {"name": "parts", "source": {"content": [{"text": "part one"}]}}},
                  {"video": {"format": "three_gp", "source": {"s3Location": {"uri": "s3://bucket/v.3gp"}}}},
                  {"audio": {"format": "x-aac", "source": {"bytes": "AQID+g=="}}},
                  {"guardContent": {"image": {"format": "png", "source": {"bytes": "AQID+g=="}}}},
                  {"cachePoint": {"type": "default", "ttl": "1h"}},
                  {"searchResult": {"source": "https://example.com/a", "title": "A", "content": [{"text": "first"}], "citations": {"enabled": false}}},
                  {"toolAddition": {"tool": {"type": "mcp", "name": "search", "serverName": "docs"}}},
                  {"toolRemoval": {"tool": {"name": "calc"}}}
                ]},
                {"role": "assistant", "content": [
                  {"reasoningContent": {"reasoningText": {"text": "6 * 7", "signature": "sig"}}},
                  {"reasoningContent": {"redactedContent": "AQID+g=="}},
                  {"toolUse": {"toolUseId": "tooluse_1", "name": "calc", "input": {"expression": "6*7", "precision": 2}}}
                ]},
                {"role": "user", "content": [
                  {"toolResult": {"toolUseId": "tooluse_1", "status": "error", "content": [
                    {"json": {"error": "overflow", "codes": [1, 2.5, null, true]}},
                    {"text": "overflow"},
                    {"image": {"format": "gif", "source": {"bytes": "AQID+g=="}}},
                    {"document": {"format": "md", "name": "log", "source": {"text": "# log"}}},
                    {"video": {"format": "mp4", "source": {"bytes": "AQID+g=="}}}
                  ]}}
                ]}
              ],
              "inferenceConfig": {"maxTokens": 1, "temperature": 0, "topP": 1, "stopSequences": ["\n\nHuman:"]},
              "toolConfig": {
                "tools": [
                  {"toolSpec": {"name": "calc", "description": "Calculates.", "inputSchema": {"json": {"type": "object", "properties": {"expression": {"type": "string"}}}}, "strict": true}},
                  {"systemTool": {"name": "nova_grounding"}},
                  {"cachePoint": {"type": "default"}}
                ],
                "toolChoice": {"tool": {"name": "calc"}}
              },
              "guardrailConfig": {"guardrailIdentifier": "gr1", "guardrailVersion": "DRAFT", "trace": "enabled_full", "streamProcessingMode": "async"},
              "additionalModelRequestFields": {"top_k": 200, "thinking": {"type": "enabled", "budget_tokens": 1024}},
              "promptVariables": {"Genre": {"text": "jazz"}},
              "additionalModelResponseFieldPaths": ["/stop_sequence"],
              "requestMetadata": {"team": "search", "Cost Center": "42"},
              "performanceConfig": {"latency": "optimized"},
              "serviceTier": {"type": "flex"},
              "outputConfig": {"textFormat": {"type": "json_schema", "structure": {"jsonSchema": {"schema": "{\"type\":\"object\"}", "name": "answer", "description": "The answer."}}}, "effort": "low"}
            }
            """;

        var body = ConverseJson.SerializeRequest(request);
        JsonAssert.Equal(Expected, body);

        var read = ConverseJson.DeserializeRequest(body);
        JsonAssert.Equal(Expected, ConverseJson.SerializeRequest(read));
        Assert.Equal(GuardrailStreamProcessingMode.Async, Assert.IsType<GuardrailStreamConfiguration>(read.GuardrailConfig).StreamProcessingMode);
        Assert.Equal(s_bytes, read.Messages[0].Content[1].Image!.Source!.Bytes!.Value.ToArray());
        Assert.Equal(VideoFormat.ThreeGp, read.Messages[0].Content[6].Video!.Format);
        Assert.Equal(CacheTtl.OneHour, read.Messages[0].Content[9].CachePoint!.Ttl);
        Assert.Equal("sig", read.Messages[1].Content[0].ReasoningContent!.ReasoningText!.Signature);
        Assert.Equal(2, read.Messages[1].Content[2].ToolUse!.Input!.Value.GetProperty("precision").GetInt32());
        Assert.Equal(ToolResultStatus.Error, read.Messages[2].Content[0].ToolResult!.Status);
        Assert.Equal("calc", read.ToolConfig!.ToolChoice!.Tool!.Name);
        Assert.Equal(1024, read.AdditionalModelRequestFields!.Value.GetProperty("thinking").GetProperty("budget_tokens").GetInt32());
        Assert.Equal("42", read.RequestMetadata!["Cost Center"]);
        Assert.Equal("docs", read.Messages[0].Content[11].ToolAddition!.Tool!.ServerName);
        Assert.Equal(OutputFormatType.JsonSchema, read.OutputConfig!.TextFormat!.Type);
    }

    [Fact]
    public void GuardrailConfiguration_ForConverse_HasNoStreamProcessingMode()
    {
        var request = new ConverseRequest
        {
            Messages = [Message.FromUserText("Hi")],
            GuardrailConfig = new GuardrailConfiguration { GuardrailIdentifier = "gr1", GuardrailVersion = "1" },
        };

        var body = ConverseJson.SerializeRequest(request);

        JsonAssert.Equal("""{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"guardrailConfig":{"guardrailIdentifier":"gr1","guardrailVersion":"1"}}""", body);
        Assert.IsType<GuardrailConfiguration>(ConverseJson.DeserializeRequest(body).GuardrailConfig);
    }

    [Theory]
    [InlineData("auto", """{"auto":{}}""")]
    [InlineData("any", """{"any":{}}""")]
    public void ToolChoice_AutoAndAny_AreEmptyObjects(string kind, string expected)
    {
        var choice = kind == "auto" ? new ToolChoice { Auto = new AutoToolChoice() } : new ToolChoice { Any = new AnyToolChoice() };
        var request = new ConverseRequest
        {
            Messages = [Message.FromUserText("Hi")],
            ToolConfig = new ToolConfiguration { Tools = [new Tool { SystemTool = new SystemTool { Name = "t" } }], ToolChoice = choice },
        };

        var body = ConverseJson.SerializeRequest(request);

        using var document = JsonDocument.Parse(body);
        JsonAssert.Equal(expected, document.RootElement.GetProperty("toolConfig").GetProperty("toolChoice").GetRawText());
        var read = ConverseJson.DeserializeRequest(body).ToolConfig!.ToolChoice!;
        Assert.Equal(kind == "auto", read.Auto is not null);
        Assert.Equal(kind == "any", read.Any is not null);
        Assert.Null(read.Tool);
    }

    [Fact]
    public void Request_EmptyCollectionsAndDictionariesAreNotSent()
    {
        var request = new ConverseRequest
        {
            Messages = [Message.FromUserText("Hi")],
            PromptVariables = new Dictionary<string, PromptVariableValues>(),
            RequestMetadata = new Dictionary<string, string>(),
            AdditionalModelResponseFieldPaths = [],
            ToolConfig = new ToolConfiguration { Tools = [new Tool { ToolSpec = new ToolSpecification { Name = "t" } }] },
        };

        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Hi"}]}],"toolConfig":{"tools":[{"toolSpec":{"name":"t"}}]}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }

    [Fact]
    public void Response_WithEveryMember_ReadsAndWritesBack()
    {
        const string Body = """
            {
              "output": {"message": {"role": "assistant", "content": [
                {"reasoningContent": {"reasoningText": {"text": "thinking", "signature": "sig"}}},
                {"reasoningContent": {"redactedContent": "AQID+g=="}},
                {"text": "Answer."},
                {"toolUse": {"toolUseId": "t1", "name": "web", "input": {"q": "x"}, "type": "server_tool_use"}},
                {"text": " More."}
              ]}},
              "stopReason": "tool_use",
              "usage": {"inputTokens": 10, "outputTokens": 5, "totalTokens": 15, "cacheReadInputTokens": 7, "cacheWriteInputTokens": 3,
                        "cacheDetails": [{"ttl": "5m", "inputTokens": 3}]},
              "metrics": {"latencyMs": 9000000000},
              "additionalModelResponseFields": {"stop_sequence": null},
              "trace": {"guardrail": {"inputAssessment": {"gr1": {"topicPolicy": {"topics": [{"name": "x", "type": "DENY", "action": "BLOCKED"}]}}}},
                        "promptRouter": {"invokedModelId": "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0"}},
              "performanceConfig": {"latency": "standard"},
              "serviceTier": {"type": "priority"}
            }
            """;

        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes(Body));

        Assert.Equal("Answer. More.", response.GetText());
        Assert.Equal(StopReason.ToolUse, response.StopReason);
        var content = response.Output!.Message!.Content;
        Assert.Equal("thinking", content[0].ReasoningContent!.ReasoningText!.Text);
        Assert.Equal(s_bytes, content[1].ReasoningContent!.RedactedContent!.Value.ToArray());
        Assert.Equal(ToolUseType.ServerToolUse, content[3].ToolUse!.Type);
        Assert.Equal(7, response.Usage!.CacheReadInputTokens);
        Assert.Equal(3, response.Usage.CacheWriteInputTokens);
        Assert.Equal(CacheTtl.FiveMinutes, Assert.Single(response.Usage.CacheDetails!).Ttl);
        Assert.Equal(9_000_000_000L, response.Metrics!.LatencyMs);
        Assert.Equal(JsonValueKind.Null, response.AdditionalModelResponseFields!.Value.GetProperty("stop_sequence").ValueKind);
        Assert.Equal("BLOCKED", response.Trace!.Guardrail!.Value.GetProperty("inputAssessment").GetProperty("gr1")
            .GetProperty("topicPolicy").GetProperty("topics")[0].GetProperty("action").GetString());
        Assert.EndsWith("anthropic.claude-3-haiku-20240307-v1:0", response.Trace.PromptRouter!.InvokedModelId, StringComparison.Ordinal);
        Assert.Equal(PerformanceConfigLatency.Standard, response.PerformanceConfig!.Latency);
        Assert.Equal(ServiceTierType.Priority, response.ServiceTier!.Type);
        JsonAssert.Equal(Body, ConverseJson.SerializeResponse(response));
    }

    [Fact]
    public void Response_CitationsContent_ReadsEveryLocationKind()
    {
        const string Body = """
            {"output":{"message":{"role":"assistant","content":[{"citationsContent":{
              "content":[{"text":"Paris is the capital."}],
              "citations":[
                {"title":"Atlas","source":"atlas.pdf","sourceContent":[{"text":"Paris, capital of France"}],"location":{"documentPage":{"documentIndex":0,"start":12,"end":13}}},
                {"location":{"documentChunk":{"documentIndex":1,"start":2,"end":3}}},
                {"location":{"documentChar":{"documentIndex":2,"start":0,"end":24}}},
                {"location":{"web":{"url":"https://example.com/paris","domain":"example.com"}}},
                {"location":{"searchResultLocation":{"searchResultIndex":0,"start":0,"end":1}}}]}}]}},
             "stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":1,"totalTokens":2},"metrics":{"latencyMs":1}}
            """;

        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes(Body));

        var cited = response.Output!.Message!.Content[0].CitationsContent!;
        Assert.Equal("Paris is the capital.", cited.Content![0].Text);
        Assert.Equal(("Atlas", "atlas.pdf", "Paris, capital of France", 12), (cited.Citations![0].Title, cited.Citations[0].Source, cited.Citations[0].SourceContent![0].Text, cited.Citations[0].Location!.DocumentPage!.Start));
        Assert.Equal(1, cited.Citations[1].Location!.DocumentChunk!.DocumentIndex);
        Assert.Equal(24, cited.Citations[2].Location!.DocumentChar!.End);
        Assert.Equal("example.com", cited.Citations[3].Location!.Web!.Domain);
        Assert.Equal(1, cited.Citations[4].Location!.SearchResultLocation!.End);
        Assert.Equal("", response.GetText()); // cited text is not a text block
        JsonAssert.Equal(Body, ConverseJson.SerializeResponse(response));
    }

    [Theory]
    [InlineData("end_turn")]
    [InlineData("tool_use")]
    [InlineData("max_tokens")]
    [InlineData("stop_sequence")]
    [InlineData("guardrail_intervened")]
    [InlineData("content_filtered")]
    [InlineData("malformed_model_output")]
    [InlineData("malformed_tool_use")]
    [InlineData("model_context_window_exceeded")]
    [InlineData("a_reason_from_the_future")]
    public void MessageStop_EveryStopReasonIsKept(string reason)
    {
        var known = new[]
        {
            StopReason.EndTurn, StopReason.ToolUse, StopReason.MaxTokens, StopReason.StopSequence, StopReason.GuardrailIntervened,
            StopReason.ContentFiltered, StopReason.MalformedModelOutput, StopReason.MalformedToolUse, StopReason.ModelContextWindowExceeded,
        };

        var stop = Assert.IsType<MessageStopEvent>(ConverseJson.DeserializeStreamEvent("messageStop", Encoding.UTF8.GetBytes($$"""{"p":"abc","stopReason":"{{reason}}"}""")));
        var response = ConverseJson.DeserializeResponse(Encoding.UTF8.GetBytes($$"""{"stopReason":"{{reason}}"}"""));

        Assert.Equal(reason, stop.StopReason.Value);
        Assert.Equal(stop.StopReason, response.StopReason);
        Assert.Equal(reason != "a_reason_from_the_future", known.Contains(stop.StopReason));
        Assert.Equal($$"""{"stopReason":"{{reason}}"}""", Encoding.UTF8.GetString(ConverseJson.SerializeStreamEvent(stop, out var eventType)));
        Assert.Equal("messageStop", eventType);
    }

    [Fact]
    public void UnknownEnumValues_RoundTripUnchanged()
    {
        var request = ConverseJson.DeserializeRequest(
            """{"messages":[{"role":"system","content":[{"image":{"format":"avif","source":{"bytes":"AQID+g=="}}},{"cachePoint":{"type":"ephemeral","ttl":"1d"}}]}],"serviceTier":{"type":"batch"}}"""u8);

        Assert.Equal(new ConversationRole("system"), request.Messages[0].Role);
        Assert.Equal(new ImageFormat("avif"), request.Messages[0].Content[0].Image!.Format);
        Assert.Equal("ephemeral", request.Messages[0].Content[1].CachePoint!.Type.Value);
        Assert.Equal(new CacheTtl("1d"), request.Messages[0].Content[1].CachePoint!.Ttl);
        Assert.Equal("batch", request.ServiceTier!.Type.ToString());
        JsonAssert.Equal(
            """{"messages":[{"role":"system","content":[{"image":{"format":"avif","source":{"bytes":"AQID+g=="}}},{"cachePoint":{"type":"ephemeral","ttl":"1d"}}]}],"serviceTier":{"type":"batch"}}""",
            ConverseJson.SerializeRequest(request));
    }

    [Fact]
    public void UnknownMembersAndBlockKinds_AreSkipped()
    {
        var response = ConverseJson.DeserializeResponse("""
            {"output":{"message":{"role":"assistant","content":[
              {"hologram":{"content":[{"text":"cited"}],"frames":[]}},
              {"text":"kept","futureFlag":true}]},"futureOutput":[1]},
             "stopReason":"end_turn","usage":{"inputTokens":1,"outputTokens":2,"totalTokens":3,"futureTokens":4},
             "metrics":{"latencyMs":5,"futureMetric":{"a":[{}]}},"p":"padding"}
            """u8);

        Assert.Equal("kept", response.GetText());
        Assert.Equal(2, response.Output!.Message!.Content.Count);
        var unknownBlock = response.Output.Message.Content[0];
        Assert.True(unknownBlock is { Text: null, Image: null, Document: null, ToolUse: null, ReasoningContent: null, CitationsContent: null });
        Assert.Equal(3, response.Usage!.TotalTokens);
    }

    private static JsonElement Json(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.Clone();
    }
}
