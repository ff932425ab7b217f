using System.Globalization;
using BenchmarkDotNet.Attributes;
using Microsoft.SemanticKernel;

namespace PromptGen.Benchmarks.Rendering;

/// <summary>
/// One prompt rendered three ways: by the generated method (templates compiled to straight-line code, plus building
/// the request), by hand-written interpolation of the same parts building the same request, and by Semantic Kernel's
/// KernelPromptTemplate rendering the same text. The transport answers instantly from a cache.
/// </summary>
[MemoryDiagnoser]
public class RenderingBenchmarks
{
    private const string SemanticKernelTemplate =
        "Customer {{$name}} (tier {{$tier}}) asks about order {{$orderId}} placed on {{$placedAt}} totalling {{$total}}: {{$question}}";

    private static readonly Customer s_customer = new("Ada Lovelace", "Gold");
    private static readonly DateTime s_placedAt = new(2026, 11, 25, 9, 30, 0);

    private readonly InstantConverseClient _client = new();
    private ISupportPrompts _prompts = null!;
    private IPromptTemplate _semanticKernelTemplate = null!;
    private Kernel _kernel = null!;
    private KernelArguments _arguments = null!;

    [GlobalSetup]
    public void Setup()
    {
        _prompts = ISupportPrompts.Create(_client);
        _kernel = new Kernel();
        _semanticKernelTemplate = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig(SemanticKernelTemplate));
        _arguments = new KernelArguments
        {
            ["name"] = s_customer.Name,
            ["tier"] = s_customer.Tier,
            ["orderId"] = 4711,
            ["placedAt"] = s_placedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["total"] = 1234.5m.ToString("N2", CultureInfo.InvariantCulture),
            ["question"] = "Where is my parcel?",
        };

        // The three must produce the same user text, or the comparison means nothing.
        var generated = RenderGenerated();
        var handWritten = RenderHandWritten();
        var semanticKernel = RenderSemanticKernel().GetAwaiter().GetResult();
        if (generated != handWritten || generated != semanticKernel)
        {
            throw new InvalidOperationException($"Renderings differ:\n{generated}\n{handWritten}\n{semanticKernel}");
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written interpolation + request")]
    public Task<string> HandWritten()
    {
        var request = new ConverseRequest
        {
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Messages =
            {
                Message.FromUserText(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Customer {s_customer.Name} (tier {s_customer.Tier}) asks about order {4711} placed on {s_placedAt:yyyy-MM-dd} totalling {1234.5m:N2}: {"Where is my parcel?"}")),
            },
            System = new[] { new SystemContentBlock { Text = string.Create(CultureInfo.InvariantCulture, $"You are a support assistant for {"PromptGen"}. Answer in one paragraph.") } },
        };
        return PromptInvoker.ConverseTextAsync(_client, request, default);
    }

    [Benchmark(Description = "PromptGen generated method")]
    public Task<string> Generated() =>
        _prompts.AskAsync("PromptGen", s_customer, 4711, s_placedAt, 1234.5m, "Where is my parcel?");

    [Benchmark(Description = "Semantic Kernel KernelPromptTemplate")]
    public Task<string> SemanticKernel() => _semanticKernelTemplate.RenderAsync(_kernel, _arguments);

    private string RenderGenerated()
    {
        Generated().GetAwaiter().GetResult();
        return _client.LastRequest!.Messages[0].Content[0].Text!;
    }

    private string RenderHandWritten()
    {
        HandWritten().GetAwaiter().GetResult();
        return _client.LastRequest!.Messages[0].Content[0].Text!;
    }

    private Task<string> RenderSemanticKernel() => _semanticKernelTemplate.RenderAsync(_kernel, _arguments);
}
