namespace PromptGen.Testing;

/// <summary>Error types of Bedrock Runtime and the HTTP statuses the service model gives them.</summary>
internal static class BedrockErrors
{
    // From the Bedrock Runtime service model (botocore bedrock-runtime/2023-09-30/service-2.json, "error": httpStatusCode).
    private static readonly Dictionary<string, int> s_statusCodes = new(StringComparer.Ordinal)
    {
        ["AccessDeniedException"] = 403,
        ["ConflictException"] = 400,
        ["InternalServerException"] = 500,
        ["ModelErrorException"] = 424,
        ["ModelNotReadyException"] = 429,
        ["ModelStreamErrorException"] = 424,
        ["ModelTimeoutException"] = 408,
        ["ResourceNotFoundException"] = 404,
        ["ServiceQuotaExceededException"] = 400,
        ["ServiceUnavailableException"] = 503,
        ["ThrottlingException"] = 429,
        ["ValidationException"] = 400,
    };

    public static int GetStatusCode(string errorType) => s_statusCodes.TryGetValue(errorType, out var status) ? status : 400;

    public static string ToPascalCase(string type) =>
        type.Length > 0 && char.IsLower(type[0]) ? char.ToUpperInvariant(type[0]) + type[1..] : type;

    public static string ToCamelCase(string type) =>
        type.Length > 0 && char.IsUpper(type[0]) ? char.ToLowerInvariant(type[0]) + type[1..] : type;
}

/// <summary>Creates the typed <see cref="PromptGen.Bedrock.BedrockException"/> a <c>BedrockConverseClient</c> throws for an error type.</summary>
internal static class BedrockExceptions
{
    public static PromptGen.Bedrock.BedrockException Create(string errorType, string message, System.Net.HttpStatusCode? statusCode)
    {
        var code = BedrockErrors.ToPascalCase(errorType);
        return code switch
        {
            "AccessDeniedException" => new PromptGen.Bedrock.AccessDeniedException(message, statusCode),
            "ConflictException" => new PromptGen.Bedrock.ConflictException(message, statusCode),
            "InternalServerException" => new PromptGen.Bedrock.InternalServerException(message, statusCode),
            "ModelErrorException" => new PromptGen.Bedrock.ModelErrorException(message, statusCode),
            "ModelNotReadyException" => new PromptGen.Bedrock.ModelNotReadyException(message, statusCode),
            "ModelStreamErrorException" => new PromptGen.Bedrock.ModelStreamErrorException(message, statusCode),
            "ModelTimeoutException" => new PromptGen.Bedrock.ModelTimeoutException(message, statusCode),
            "ResourceNotFoundException" => new PromptGen.Bedrock.ResourceNotFoundException(message, statusCode),
            "ServiceQuotaExceededException" => new PromptGen.Bedrock.ServiceQuotaExceededException(message, statusCode),
            "ServiceUnavailableException" => new PromptGen.Bedrock.ServiceUnavailableException(message, statusCode),
            "ThrottlingException" => new PromptGen.Bedrock.ThrottlingException(message, statusCode),
            "ValidationException" => new PromptGen.Bedrock.ValidationException(message, statusCode),
            _ => new PromptGen.Bedrock.BedrockException(message, code, statusCode),
        };
    }
}
