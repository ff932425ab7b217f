namespace PromptGen.Bedrock;

/// <summary>
/// The client could not be configured from its options and the AWS environment: no region, or no usable
/// credentials. The message says what to set; it never contains a secret.
/// </summary>
public sealed class BedrockConfigurationException : Exception
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is missing and how to provide it.</param>
    /// <param name="innerException">The underlying exception, if any.</param>
    public BedrockConfigurationException(string message, Exception? innerException = null)
        : base(message, innerException)
    {
    }
}
