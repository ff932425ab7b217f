using System.Net;
using System.Text.Json;

namespace PromptGen.Bedrock;

/// <summary>The members of a Bedrock error document (<c>{"message": ...}</c> and the shape-specific extras).</summary>
internal readonly record struct ServiceErrorDocument(
    string? Message,
    string? Type,
    int? OriginalStatusCode,
    string? OriginalMessage,
    string? ResourceName)
{
    /// <summary>Reads an error document; members it does not know are skipped.</summary>
    /// <exception cref="JsonException">The bytes are not a JSON object.</exception>
    public static ServiceErrorDocument Parse(ReadOnlySpan<byte> utf8Json)
    {
        try
        {
            return ParseObject(utf8Json);
        }
        catch (InvalidOperationException exception)
        {
            // Utf8JsonReader throws this, not JsonException, when it unescapes a name or string that is not valid
            // UTF-16 or UTF-8 (a lone surrogate escape, stray bytes): the document is malformed, and is reported so.
            throw new JsonException("The error document holds text that is not valid UTF-8 or UTF-16.", exception);
        }
    }

    private static ServiceErrorDocument ParseObject(ReadOnlySpan<byte> utf8Json)
    {
        var reader = new Utf8JsonReader(utf8Json);
        if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
        {
            throw new JsonException("The error document is not a JSON object.");
        }

        string? message = null, type = null, originalMessage = null, resourceName = null;
        int? originalStatusCode = null;
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            // Bedrock writes "message"; some AWS front ends write "Message". Both are accepted.
            if (reader.ValueTextEquals("message"u8) || reader.ValueTextEquals("Message"u8))
            {
                message = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("__type"u8))
            {
                type = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("originalStatusCode"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.Number && reader.TryGetInt32(out var code))
                {
                    originalStatusCode = code;
                }
                else
                {
                    // Any other value, an object or array included, is skipped whole so its members are not read as ours.
                    reader.Skip();
                }
            }
            else if (reader.ValueTextEquals("originalMessage"u8))
            {
                originalMessage = ReadString(ref reader);
            }
            else if (reader.ValueTextEquals("resourceName"u8))
            {
                resourceName = ReadString(ref reader);
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        return new ServiceErrorDocument(message, type, originalStatusCode, originalMessage, resourceName);
    }

    private static string? ReadString(ref Utf8JsonReader reader)
    {
        reader.Read();
        if (reader.TokenType == JsonTokenType.String)
        {
            return reader.GetString();
        }

        reader.Skip();
        return null;
    }
}

/// <summary>Turns Bedrock error codes into the typed exceptions of the service model.</summary>
internal static class BedrockErrorFactory
{
    /// <summary>
    /// Normalizes an error type as AWS sends it: <c>x-amzn-ErrorType</c> values carry a URI after a colon
    /// (<c>ThrottlingException:http://internal.amazon.com/...</c>), <c>__type</c> values may carry a namespace before
    /// a hash (<c>com.amazon.bedrock#ThrottlingException</c>), and in-stream exception types are camelCase.
    /// </summary>
    public static string? NormalizeErrorCode(string? errorType)
    {
        if (string.IsNullOrWhiteSpace(errorType))
        {
            return null;
        }

        var code = errorType.AsSpan().Trim();
        var colon = code.IndexOf(':');
        if (colon >= 0)
        {
            code = code[..colon];
        }

        var hash = code.LastIndexOf('#');
        if (hash >= 0)
        {
            code = code[(hash + 1)..];
        }

        if (code.IsEmpty)
        {
            return null;
        }

        return char.IsLower(code[0]) ? string.Concat(char.ToUpperInvariant(code[0]).ToString(), code[1..]) : code.ToString();
    }

    /// <summary>Creates the exception the service model names for an error code, or a <see cref="BedrockException"/>.</summary>
    public static BedrockException Create(
        string? errorCode,
        string message,
        HttpStatusCode? statusCode,
        string? requestId,
        in ServiceErrorDocument document = default) => errorCode switch
    {
        AccessDeniedException.Code => new AccessDeniedException(message, statusCode, requestId),
        ConflictException.Code => new ConflictException(message, statusCode, requestId),
        InternalServerException.Code => new InternalServerException(message, statusCode, requestId),
        ModelErrorException.Code => new ModelErrorException(message, statusCode, requestId)
        {
            OriginalStatusCode = document.OriginalStatusCode,
            ResourceName = document.ResourceName,
        },
        ModelNotReadyException.Code => new ModelNotReadyException(message, statusCode, requestId),
        ModelStreamErrorException.Code => new ModelStreamErrorException(message, statusCode, requestId)
        {
            OriginalStatusCode = document.OriginalStatusCode,
            OriginalMessage = document.OriginalMessage,
        },
        ModelTimeoutException.Code => new ModelTimeoutException(message, statusCode, requestId),
        ResourceNotFoundException.Code => new ResourceNotFoundException(message, statusCode, requestId),
        ServiceQuotaExceededException.Code => new ServiceQuotaExceededException(message, statusCode, requestId),
        ServiceUnavailableException.Code => new ServiceUnavailableException(message, statusCode, requestId),
        ThrottlingException.Code => new ThrottlingException(message, statusCode, requestId),
        ValidationException.Code => new ValidationException(message, statusCode, requestId),
        _ => new BedrockException(message, errorCode, statusCode, requestId),
    };
}
