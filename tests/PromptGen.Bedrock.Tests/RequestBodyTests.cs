using System.Text;

namespace PromptGen.Bedrock.Tests;

public sealed class RequestBodyTests
{
    [Fact]
    public void HelloWorldRequestSerializesExactlyAsAwsDocumentsIt()
    {
        var request = new ConverseRequest
        {
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Messages = { Message.FromUserText("Describe the purpose of a 'hello world' program in one line.") },
            InferenceConfig = new InferenceConfiguration { MaxTokens = 512, Temperature = 0.5f, TopP = 0.9f },
        };

        Assert.Equal(
            """{"messages":[{"role":"user","content":[{"text":"Describe the purpose of a 'hello world' program in one line."}]}],"inferenceConfig":{"maxTokens":512,"temperature":0.5,"topP":0.9}}""",
            Encoding.UTF8.GetString(ConverseJson.SerializeRequest(request)));
    }
}
