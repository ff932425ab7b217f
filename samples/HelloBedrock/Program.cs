// The AWS "hello world" ConverseStream example, written the PromptGen way: the request, the streaming loop and the
// wire protocol come from the generated IHelloPrompts implementation and BedrockConverseClient.
//
// With --emulator the sample runs offline against PromptGen.Testing's in-process Bedrock emulator, over real HTTP and
// SigV4, so it needs no AWS account; without it, it calls Amazon Bedrock.
using HelloBedrock;
using PromptGen.Bedrock;
using PromptGen.Testing;

using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

var useEmulator = args.Contains("--emulator", StringComparer.Ordinal);
BedrockEmulator? emulator = null;
try
{
    BedrockClientOptions options;
    if (useEmulator)
    {
        emulator = await BedrockEmulator.StartAsync(cancellationToken: cancellation.Token);

        // stderr, so that stdout stays exactly the model's answer, as without the emulator.
        Console.Error.WriteLine($"Using the local Bedrock emulator at {emulator.Endpoint} (no AWS call, no credentials needed).");
        options = emulator.CreateClientOptions();
    }
    else
    {
        // Like the AWS example, call us-east-1 unless AWS_REGION names another region. Credentials, endpoint overrides
        // (AWS_ENDPOINT_URL_BEDROCK_RUNTIME) and Bedrock API keys come from the standard AWS configuration.
        var region = Environment.GetEnvironmentVariable("AWS_REGION") is { Length: > 0 } configured ? configured : "us-east-1";
        options = new BedrockClientOptions { Region = region };
    }

    using var bedrock = new BedrockConverseClient(options);
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
finally
{
    if (emulator is not null)
    {
        await emulator.DisposeAsync();
    }
}
