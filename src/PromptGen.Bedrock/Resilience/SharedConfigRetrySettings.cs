using Amazon.Runtime;
using Amazon.Runtime.CredentialManagement;

namespace PromptGen.Bedrock.Resilience;

/// <summary>
/// The <c>retry_mode</c> and <c>max_attempts</c> of an AWS profile in the shared config files (<c>~/.aws/config</c>
/// and <c>~/.aws/credentials</c>), the settings every AWS SDK falls back to when the environment sets none.
/// </summary>
/// <param name="RetryMode"><c>standard</c> or <c>adaptive</c>, or <see langword="null"/> when the profile sets none.</param>
/// <param name="MaxAttempts">The profile's number of attempts, or <see langword="null"/> when it sets none.</param>
/// <param name="ProfileName">The profile the values come from, for error messages.</param>
internal readonly record struct SharedConfigRetrySettings(string? RetryMode, int? MaxAttempts, string ProfileName)
{
    /// <summary>The profile used when <c>AWS_PROFILE</c> names none.</summary>
    public const string DefaultProfileName = "default";

    /// <summary>
    /// Reads the profile with AWSSDK.Core's own profile store, which finds and parses the files exactly as the AWS SDK
    /// for .NET does (<c>AWS_CONFIG_FILE</c> and <c>AWS_SHARED_CREDENTIALS_FILE</c> included).
    /// </summary>
    /// <param name="profileName">The profile: <c>AWS_PROFILE</c>, else <see cref="DefaultProfileName"/>.</param>
    /// <param name="credentialsFile">A credentials file to read instead of the default one; the tests' seam.</param>
    /// <returns>The profile's settings; none when the files or the profile do not exist.</returns>
    public static SharedConfigRetrySettings Read(string profileName, string? credentialsFile = null)
    {
        var store = credentialsFile is null ? new CredentialProfileStoreChain() : new CredentialProfileStoreChain(credentialsFile);
        if (!store.TryGetProfile(profileName, out var profile))
        {
            return new SharedConfigRetrySettings(null, null, profileName);
        }

        var mode = profile.RetryMode switch
        {
            RequestRetryMode.Standard => "standard",
            RequestRetryMode.Adaptive => "adaptive",
            _ => null,
        };
        return new SharedConfigRetrySettings(mode, profile.MaxAttempts, profileName);
    }
}
