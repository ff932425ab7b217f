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

    private const string SemanticKernelSystemTemplate = "You are a support assistant for {{$product}}. Answer in one paragraph.";

    private const string Product = "PromptGen";
    private const string Question = "Where is my parcel?";

    private readonly InstantConverseClient _client = new();
    private readonly Customer _customer = new("Ada Lovelace", "Gold");
    private readonly DateTime _placedAt = new(2026, 11, 25, 9, 30, 0);
    private readonly decimal _total = 1234.5m;
    private readonly int _orderId = 4711;
    private ISupportPrompts _prompts = null!;
    private IPromptTemplate _semanticKernelTemplate = null!;
    private IPromptTemplate _semanticKernelSystemTemplate = null!;
    private Kernel _kernel = null!;

    [GlobalSetup]
    public void Setup()
    {
        _prompts = ISupportPrompts.Create(_client);
        _kernel = new Kernel();
        _semanticKernelTemplate = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig(SemanticKernelTemplate));
        _semanticKernelSystemTemplate = new KernelPromptTemplateFactory().Create(new PromptTemplateConfig(SemanticKernelSystemTemplate));

        // The three must produce the same texts, or the comparison means nothing.
        var generated = RenderGenerated();
        var generatedSystem = _client.LastRequest!.System![0].Text;
        var handWritten = RenderHandWritten();
        var semanticKernel = SemanticKernel().GetAwaiter().GetResult();
        var stringsOnly = StringsOnly();
        if (generated != handWritten || generated + "\n" + generatedSystem != semanticKernel
            || stringsOnly.User != generated || stringsOnly.System != generatedSystem)
        {
            throw new InvalidOperationException($"Renderings differ:\n{generated}\n{handWritten}\n{semanticKernel}");
        }
    }

    [Benchmark(Baseline = true, Description = "Hand-written interpolation + request")]
    public Task<string> HandWritten() => AskByHand(Product, _customer, _orderId, _placedAt, _total, Question);

    /// <summary>
    /// The floor for allocation: the same two texts by hand-written interpolation, without the request, so the other
    /// rows can be read as "the two strings plus the request objects".
    /// </summary>
    [Benchmark(Description = "Hand-written interpolation, the two strings only")]
    public (string User, string System) StringsOnly() => (
        string.Create(
            CultureInfo.InvariantCulture,
            $"Customer {_customer.Name} (tier {_customer.Tier}) asks about order {_orderId} placed on {_placedAt:yyyy-MM-dd} totalling {_total:N2}: {Question}"),
        string.Create(CultureInfo.InvariantCulture, $"You are a support assistant for {Product}. Answer in one paragraph."));

    [Benchmark(Description = "PromptGen generated method")]
    public Task<string> Generated() => _prompts.AskAsync(Product, _customer, _orderId, _placedAt, _total, Question);

    /// <summary>
    /// Semantic Kernel renders the same two templates (user and system) from per-call arguments, as a caller would
    /// pass them. Its template language has no format strings, so the two formatted values are formatted here, as a
    /// caller would have to. It builds no request; the result joins the two texts so that setup can compare them.
    /// </summary>
    [Benchmark(Description = "Semantic Kernel KernelPromptTemplate")]
    public async Task<string> SemanticKernel()
    {
        var arguments = new KernelArguments
        {
            ["product"] = Product,
            ["name"] = _customer.Name,
            ["tier"] = _customer.Tier,
            ["orderId"] = _orderId,
            ["placedAt"] = _placedAt.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
            ["total"] = _total.ToString("N2", CultureInfo.InvariantCulture),
            ["question"] = Question,
        };
        var user = await _semanticKernelTemplate.RenderAsync(_kernel, arguments).ConfigureAwait(false);
        var system = await _semanticKernelSystemTemplate.RenderAsync(_kernel, arguments).ConfigureAwait(false);
        return user + "\n" + system;
    }

    private Task<string> AskByHand(string product, Customer customer, int orderId, DateTime placedAt, decimal total, string question)
    {
        var request = new ConverseRequest
        {
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Messages =
            {
                Message.FromUserText(string.Create(
                    CultureInfo.InvariantCulture,
                    $"Customer {customer.Name} (tier {customer.Tier}) asks about order {orderId} placed on {placedAt:yyyy-MM-dd} totalling {total:N2}: {question}")),
            },
            System = new[] { new SystemContentBlock { Text = string.Create(CultureInfo.InvariantCulture, $"You are a support assistant for {product}. Answer in one paragraph.") } },
        };
        return PromptInvoker.ConverseTextAsync(_client, request, default);
    }

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
}
