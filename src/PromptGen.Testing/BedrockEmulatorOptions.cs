namespace PromptGen.Testing;

/// <summary>Settings of a <see cref="BedrockEmulator"/>. The defaults suit tests and the offline quick start.</summary>
public sealed class BedrockEmulatorOptions
{
    /// <summary>The port to listen on at 127.0.0.1; 0 (the default) takes a free one.</summary>
    public int Port { get; set; }

    /// <summary>The region signatures must be scoped to. Default: <c>us-east-1</c>.</summary>
    public string Region { get; set; } = "us-east-1";

    /// <summary>The access key id requests must be signed with. Default: AWS's documentation example key.</summary>
    public string AccessKeyId { get; set; } = "AKIAIOSFODNN7EXAMPLE";

    /// <summary>The secret key requests must be signed with. Default: AWS's documentation example secret.</summary>
    public string SecretAccessKey { get; set; } = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY";

    /// <summary>The session token a SigV4 request must carry (<c>X-Amz-Security-Token</c>), or <see langword="null"/> for none.</summary>
    public string? SessionToken { get; set; }

    /// <summary>The Bedrock API key accepted as <c>Authorization: Bearer</c>, or <see langword="null"/> to accept none.</summary>
    public string? BearerToken { get; set; } = "ABSKemulatorkey";

    /// <summary>
    /// How far a signature's <c>X-Amz-Date</c> may be from the emulator's clock, as AWS enforces (5 minutes by
    /// default). <see cref="Timeout.InfiniteTimeSpan"/> accepts any date, for signatures made with a pinned clock.
    /// </summary>
    public TimeSpan MaxClockSkew { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>The clock that judges signature dates. Default: <see cref="TimeProvider.System"/>.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The largest request body accepted, in bytes; a larger one gets HTTP 413. Default: 20 MiB.</summary>
    public long MaxRequestBodySize { get; set; } = 20 * 1024 * 1024;

    /// <summary>
    /// The model ids (and inference-profile ids) the emulator knows; any other gets Bedrock's 400
    /// <c>ValidationException</c> "The provided model identifier is invalid.". Geographic inference profiles
    /// (<c>us.</c>, <c>eu.</c>, <c>apac.</c>, <c>global.</c> ...) and ARNs ending in a known id are accepted too.
    /// </summary>
    public ISet<string> ModelIds { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "anthropic.claude-3-haiku-20240307-v1:0",
        "anthropic.claude-3-sonnet-20240229-v1:0",
        "anthropic.claude-3-opus-20240229-v1:0",
        "anthropic.claude-3-5-haiku-20241022-v1:0",
        "anthropic.claude-3-5-sonnet-20240620-v1:0",
        "anthropic.claude-3-5-sonnet-20241022-v2:0",
        "anthropic.claude-3-7-sonnet-20250219-v1:0",
        "anthropic.claude-sonnet-4-20250514-v1:0",
        "anthropic.claude-opus-4-20250514-v1:0",
        "amazon.nova-micro-v1:0",
        "amazon.nova-lite-v1:0",
        "amazon.nova-pro-v1:0",
        "amazon.titan-text-express-v1",
        "meta.llama3-8b-instruct-v1:0",
        "meta.llama3-70b-instruct-v1:0",
        "mistral.mistral-large-2402-v1:0",
        "cohere.command-r-plus-v1:0",
        "ai21.jamba-1-5-mini-v1:0",
    };

    /// <summary>Accept every model id, known or not. Default: <see langword="false"/>.</summary>
    public bool AcceptAnyModelId { get; set; }

    /// <summary>The script that answers when the queue is empty. Default: <see cref="ConverseScript.HelloWorld"/>.</summary>
    public ConverseScript DefaultScript { get; set; } = ConverseScript.HelloWorld();

    /// <summary>
    /// Chooses the answer to each valid request from the request itself, for example to answer concurrent calls each
    /// with its own text; returning <see langword="null"/> falls back to the queue, then <see cref="DefaultScript"/>.
    /// Called concurrently when requests arrive concurrently. Default: none.
    /// </summary>
    public Func<ConverseRequest, ConverseScript?>? Responder { get; set; }
}
