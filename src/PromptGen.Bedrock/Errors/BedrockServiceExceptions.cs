using System.Net;

namespace PromptGen.Bedrock;

/// <summary>The caller is not authorized to perform the action, or the model is not enabled in this account (HTTP 403).</summary>
public sealed class AccessDeniedException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "AccessDeniedException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public AccessDeniedException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The request conflicts with the current state of a resource (HTTP 400).</summary>
public sealed class ConflictException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ConflictException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ConflictException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>Bedrock failed while processing the request; retrying can succeed (HTTP 500).</summary>
public sealed class InternalServerException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "InternalServerException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public InternalServerException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The model failed while processing the request (HTTP 424).</summary>
public sealed class ModelErrorException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ModelErrorException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ModelErrorException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }

    /// <summary>The HTTP status the model returned, when the service reports it.</summary>
    public int? OriginalStatusCode { get; init; }

    /// <summary>The name of the model resource that failed, when the service reports it.</summary>
    public string? ResourceName { get; init; }
}

/// <summary>The model is not ready to serve inference yet; retrying later can succeed (HTTP 429).</summary>
public sealed class ModelNotReadyException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ModelNotReadyException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ModelNotReadyException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The model failed while streaming its answer (HTTP 424, or inside a ConverseStream response).</summary>
public sealed class ModelStreamErrorException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ModelStreamErrorException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ModelStreamErrorException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }

    /// <summary>The status code the model returned, when the service reports it.</summary>
    public int? OriginalStatusCode { get; init; }

    /// <summary>The model's own error message, when the service reports it.</summary>
    public string? OriginalMessage { get; init; }
}

/// <summary>The model took too long to process the request (HTTP 408).</summary>
public sealed class ModelTimeoutException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ModelTimeoutException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ModelTimeoutException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The model or resource named by the request does not exist (HTTP 404).</summary>
public sealed class ResourceNotFoundException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ResourceNotFoundException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ResourceNotFoundException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The request exceeds a service quota of the account (HTTP 400).</summary>
public sealed class ServiceQuotaExceededException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ServiceQuotaExceededException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ServiceQuotaExceededException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The service is temporarily unavailable (HTTP 503).</summary>
public sealed class ServiceUnavailableException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ServiceUnavailableException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ServiceUnavailableException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The account's request rate or token quota is exhausted; retry with backoff (HTTP 429).</summary>
public sealed class ThrottlingException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ThrottlingException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ThrottlingException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}

/// <summary>The request is invalid, for example an unknown inference parameter or a malformed conversation (HTTP 400).</summary>
public sealed class ValidationException : BedrockException
{
    /// <summary>The error code Bedrock sends for this error.</summary>
    public const string Code = "ValidationException";

    /// <summary>Creates the exception.</summary>
    /// <param name="message">The service's message, unchanged.</param>
    /// <param name="statusCode">The HTTP status of the response, or <see langword="null"/> for an error inside a stream.</param>
    /// <param name="requestId">The <c>x-amzn-RequestId</c> of the call, if known.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public ValidationException(string message, HttpStatusCode? statusCode = null, string? requestId = null, Exception? innerException = null)
        : base(message, Code, statusCode, requestId, innerException)
    {
    }
}
