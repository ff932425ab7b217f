// Runs both kinds of generated method through BedrockConverseClient against the in-process emulator and prints what
// crossed the wire, so run.sh can compare stdout exactly on every target framework and as a native executable.
// The stream's frames carry CRC-32 checksums that the client verifies (System.IO.Hashing): on net8.0 that is the
// build of System.IO.Hashing the PromptGen.Bedrock package tells NuGet not to warn about.
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Consumer;
using PromptGen.Bedrock;
using PromptGen.Testing;

await using var emulator = await BedrockEmulator.StartAsync();
emulator.Enqueue(
    ConverseScript.Text("Hello from a package consumer.").WithDeltaSize(5),
    ConverseScript.Text("Checksums, hash tables and file integrity."));

using var bedrock = new BedrockConverseClient(emulator.CreateClientOptions());
var prompts = IConsumerPrompts.Create(bedrock);

var deltas = new List<string>();
await foreach (var delta in prompts.DescribeAsync("hello world"))
{
    deltas.Add(delta);
}

Console.WriteLine("stream: " + string.Join("|", deltas));
Console.WriteLine("converse: " + await prompts.ListUsesAsync("CRC-32", 3));
foreach (var request in emulator.Requests)
{
    Console.WriteLine($"{request.Operation} {request.ModelId} {request.StatusCode} {request.BodyText}");
}

// stderr: the run's log says which runtime served the answer, stdout stays the same everywhere.
Console.Error.WriteLine($"consumer ran on {RuntimeInformation.FrameworkDescription}, {(RuntimeFeature.IsDynamicCodeSupported ? "JIT" : "Native AOT")}");
