// The AWS "hello world" ConverseStream example, written the PromptGen way: the request, the streaming loop and the
// wire protocol come from the generated IHelloPrompts implementation and BedrockConverseClient.
using HelloBedrock;
using PromptGen.Bedrock;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    // Like the AWS example, call us-east-1 unless AWS_REGION names another region. Credentials, endpoint overrides
    // (AWS_ENDPOINT_URL_BEDROCK_RUNTIME) and Bedrock API keys come from the standard AWS configuration.
    var region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } configured ? configured : "us-east-1";
    using var bedrock = new BedrockConverseClient(new BedrockClientOptions { Region = region });
    var prompts = IHelloPrompts.Create(bedrock);

    await foreach (var text in prompts.DescribeAsync("hello world", cancellation.Token))
    {
        Console.Write(text);
    }

    Console.WriteLine();
    return 0;
}
catch (Exception e)
{
    Console.WriteLine($"ERROR: Can't invoke '{IHelloPrompts.ModelId}'. Reason: {e.Message}");
    return 1;
}
