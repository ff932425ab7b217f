using System.Text;

namespace PromptGen.Testing;

/// <summary>One request as a <see cref="BedrockEmulator"/> received it, and how it answered.</summary>
public sealed class EmulatorRequest
{
    internal EmulatorRequest(
        string protocol,
        string method,
        string rawTarget,
        IReadOnlyDictionary<string, string> headers,
        byte[] body)
    {
        Protocol = protocol;
        Method = method;
        RawTarget = rawTarget;
        Headers = headers;
        Body = body;
    }

    /// <summary>The HTTP version, <c>HTTP/1.1</c> or <c>HTTP/2</c>.</summary>
    public string Protocol { get; }

    /// <summary>The HTTP method.</summary>
    public string Method { get; }

    /// <summary>The request target exactly as sent, still percent-encoded (for example <c>/model/a%3A0/converse</c>).</summary>
    public string RawTarget { get; }

    /// <summary>The request headers by name (case-insensitive); repeated headers are joined with commas.</summary>
    public IReadOnlyDictionary<string, string> Headers { get; }

    /// <summary>The body bytes exactly as received.</summary>
    public byte[] Body { get; }

    /// <summary>The body as UTF-8 text.</summary>
    public string BodyText => Encoding.UTF8.GetString(Body);

    /// <summary><c>Converse</c> or <c>ConverseStream</c>, or <see langword="null"/> when the path names no operation.</summary>
    public string? Operation { get; internal set; }

    /// <summary>The model id from the path, percent-decoded, or <see langword="null"/>.</summary>
    public string? ModelId { get; internal set; }

    /// <summary>The parsed body with <see cref="ConverseRequest.ModelId"/> set, or <see langword="null"/> when it was not valid.</summary>
    public ConverseRequest? ConverseRequest { get; internal set; }

    /// <summary>The HTTP status the emulator answered with.</summary>
    public int StatusCode { get; internal set; }

    /// <summary>The <c>x-amzn-ErrorType</c> the emulator answered with (without the URI suffix), or <see langword="null"/>.</summary>
    public string? ErrorType { get; internal set; }

    /// <summary>The script that answered, or <see langword="null"/> when the request was rejected before reaching one.</summary>
    public ConverseScript? Script { get; internal set; }
}
