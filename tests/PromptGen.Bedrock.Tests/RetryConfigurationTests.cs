using Amazon.Runtime;
using PromptGen.Bedrock.Resilience;
using PromptGen.Bedrock.Tests.Loopback;

namespace PromptGen.Bedrock.Tests;

/// <summary>How many attempts a call makes, from options and from AWS_MAX_ATTEMPTS / AWS_RETRY_MODE, counted at a loopback server.</summary>
public sealed class RetryConfigurationTests
{
    [Theory]
    [InlineData(null, null, 3)]
    [InlineData("2", null, 2)]
    [InlineData("1", null, 1)]
    [InlineData(" 4 ", "standard", 4)]
    [InlineData(null, "standard", 3)]
    [InlineData(null, "adaptive", 3)]
    [InlineData(null, "legacy", 5)]
    [InlineData("2", "LEGACY", 2)]
    public async Task TheEnvironmentSetsTheNumberOfAttempts(string? maxAttempts, string? retryMode, int expectedAttempts)
    {
        await using var server = StartAlwaysUnavailable();
        using var client = Create(server, new BedrockRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) }, ("AWS_MAX_ATTEMPTS", maxAttempts), ("AWS_RETRY_MODE", retryMode));

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ConverseAsync(LoopbackTestSupport.HelloWorldRequest()));

        Assert.Equal(expectedAttempts, server.Requests.Count);
    }

    [Fact]
    public async Task OptionsWinOverTheEnvironment()
    {
        await using var server = StartAlwaysUnavailable();
        using var client = Create(server, new BedrockRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) }, ("AWS_MAX_ATTEMPTS", "7"));

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ConverseAsync(LoopbackTestSupport.HelloWorldRequest()));

        Assert.Equal(2, server.Requests.Count);
    }

    [Fact]
    public async Task EveryAttemptSendsTheSameBodySigned()
    {
        await using var server = StartAlwaysUnavailable();
        using var client = Create(server, new BedrockRetryOptions { MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) });

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ConverseAsync(LoopbackTestSupport.HelloWorldRequest()));

        var requests = server.Requests.ToArray();
        Assert.Equal(2, requests.Length);
        foreach (var request in requests)
        {
            LoopbackTestSupport.AssertSignedOverWhatWasSent(request);
        }

        Assert.Equal(requests[0].Body, requests[1].Body);
    }

    [Theory]
    [InlineData("AWS_MAX_ATTEMPTS", "0", "AWS_MAX_ATTEMPTS is '0'; it must be a whole number of at least 1.")]
    [InlineData("AWS_MAX_ATTEMPTS", "three", "AWS_MAX_ATTEMPTS is 'three'; it must be a whole number of at least 1.")]
    [InlineData("AWS_MAX_ATTEMPTS", "-1", "AWS_MAX_ATTEMPTS is '-1'; it must be a whole number of at least 1.")]
    [InlineData("AWS_RETRY_MODE", "aggressive", "AWS_RETRY_MODE is 'aggressive'; the AWS SDKs accept standard, adaptive or legacy.")]
    public void InvalidEnvironmentValuesAreConfigurationErrors(string variable, string value, string message)
    {
        var exception = Assert.Throws<BedrockConfigurationException>(() => new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key" },
            name => name == variable ? value : null));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void InvalidOptionsAreRejected()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key", Retry = { MaxAttempts = 0 } },
            _ => null));
        Assert.Throws<ArgumentOutOfRangeException>(() => new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key", Retry = { BaseDelay = TimeSpan.FromSeconds(-1) } },
            _ => null));
    }

    [Theory]
    [InlineData(null, null, 4, null, 4)]
    [InlineData(null, null, null, "adaptive", 3)]
    [InlineData("2", null, 4, null, 2)]
    [InlineData(null, "legacy", 4, "standard", 4)]
    [InlineData(null, "legacy", null, "standard", 5)]
    public async Task TheProfileSetsWhatTheEnvironmentLeavesUnset(string? maxAttempts, string? retryMode, int? profileAttempts, string? profileMode, int expectedAttempts)
    {
        await using var server = StartAlwaysUnavailable();
        using var client = Create(
            server,
            new BedrockRetryOptions { BaseDelay = TimeSpan.FromMilliseconds(1) },
            profile => new SharedConfigRetrySettings(profileMode, profileAttempts, profile),
            ("AWS_MAX_ATTEMPTS", maxAttempts),
            ("AWS_RETRY_MODE", retryMode));

        await Assert.ThrowsAsync<ServiceUnavailableException>(() => client.ConverseAsync(LoopbackTestSupport.HelloWorldRequest()));

        Assert.Equal(expectedAttempts, server.Requests.Count);
    }

    [Theory]
    [InlineData(null, "default")]
    [InlineData("bedrock-dev", "bedrock-dev")]
    public void AwsProfileNamesTheProfileRead(string? awsProfile, string expectedProfile)
    {
        var read = new List<string>();

        using var client = new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key" },
            name => name == "AWS_PROFILE" ? awsProfile : null,
            profile =>
            {
                read.Add(profile);
                return new SharedConfigRetrySettings(null, null, profile);
            });

        Assert.Equal([expectedProfile], read);
    }

    [Fact]
    public void TheProfileIsNotReadWhenTheOptionsAndTheEnvironmentSetEverything()
    {
        using var client = new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key", Retry = { MaxAttempts = 2 } },
            name => name == "AWS_RETRY_MODE" ? "standard" : null,
            _ => throw new InvalidOperationException("The profile was read."));
    }

    [Theory]
    [InlineData(null, 0, "The max_attempts of AWS profile 'default' is 0; it must be at least 1.")]
    [InlineData("aggressive", null, "The retry_mode of AWS profile 'default' is 'aggressive'; the AWS SDKs accept standard, adaptive or legacy.")]
    public void InvalidProfileValuesAreConfigurationErrors(string? profileMode, int? profileAttempts, string message)
    {
        var exception = Assert.Throws<BedrockConfigurationException>(() => new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key" },
            _ => null,
            profile => new SharedConfigRetrySettings(profileMode, profileAttempts, profile)));

        Assert.Equal(message, exception.Message);
    }

    [Fact]
    public void AwsSdkCoresProfileStoreReadsTheRetrySettingsOfAProfile()
    {
        var directory = Directory.CreateTempSubdirectory("promptgen-profile-");
        try
        {
            var credentialsFile = Path.Combine(directory.FullName, "credentials");
            File.WriteAllText(credentialsFile, """
                [promptgen-retry]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
                retry_mode = adaptive
                max_attempts = 7

                [promptgen-plain]
                aws_access_key_id = AKIDEXAMPLE
                aws_secret_access_key = wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY
                """);

            Assert.Equal(new SharedConfigRetrySettings("adaptive", 7, "promptgen-retry"), SharedConfigRetrySettings.Read("promptgen-retry", credentialsFile));
            Assert.Equal(new SharedConfigRetrySettings(null, null, "promptgen-plain"), SharedConfigRetrySettings.Read("promptgen-plain", credentialsFile));
            Assert.Equal(new SharedConfigRetrySettings(null, null, "promptgen-missing"), SharedConfigRetrySettings.Read("promptgen-missing", credentialsFile));
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }

    [Theory]
    [InlineData(null, null, null, BedrockRetryMode.Standard)]
    [InlineData(null, null, "adaptive", BedrockRetryMode.Adaptive)]
    [InlineData(null, "adaptive", "standard", BedrockRetryMode.Adaptive)]
    [InlineData(null, "LEGACY", null, BedrockRetryMode.Legacy)]
    [InlineData(BedrockRetryMode.Adaptive, "legacy", "standard", BedrockRetryMode.Adaptive)]
    [InlineData(BedrockRetryMode.Standard, "adaptive", null, BedrockRetryMode.Standard)]
    public void TheModeComesFromTheOptionsThenTheEnvironmentThenTheProfile(BedrockRetryMode? option, string? environment, string? profile, BedrockRetryMode expected)
    {
        using var client = new BedrockConverseClient(
            new BedrockClientOptions { Region = "us-east-1", BearerToken = "key", Retry = { Mode = option } },
            name => name == "AWS_RETRY_MODE" ? environment : null,
            name => new SharedConfigRetrySettings(profile, null, name));

        Assert.Equal(expected, client.Retry.Mode);
        Assert.Equal(expected == BedrockRetryMode.Adaptive, client.Retry.SendRate is not null);
        Assert.Equal(expected != BedrockRetryMode.Legacy, client.Retry.Quota is not null);
    }

    [Theory]
    [InlineData(429, "ThrottlingException", true)]
    [InlineData(400, "ThrottlingException", true)]
    [InlineData(429, "ModelNotReadyException", false)]
    [InlineData(503, "ServiceUnavailableException", false)]
    [InlineData(500, "InternalServerException", false)]
    public async Task OnlyThrottlingTurnsTheAdaptiveSendRateLimiterOn(int status, string errorType, bool limiting)
    {
        var requests = 0;
        var recording = LoopbackTestSupport.BasicRecording;
        await using var server = LoopbackBedrockServer.Start(async exchange =>
        {
            if (Interlocked.Increment(ref requests) == 1)
            {
                await exchange.WriteJsonResponseAsync(status, "Error", """{"message":"Try again."}""", ("x-amzn-ErrorType", errorType));
                return;
            }

            await exchange.WriteStreamHeadAsync();
            await exchange.WriteInSlicesAsync(recording, 7, 64);
            await exchange.EndChunkedBodyAsync();
        });
        using var client = Create(server, new BedrockRetryOptions { Mode = BedrockRetryMode.Adaptive, MaxAttempts = 2, BaseDelay = TimeSpan.FromMilliseconds(1) });

        var text = new System.Text.StringBuilder();
        await foreach (var delta in client.ConverseStreamTextAsync(LoopbackTestSupport.HelloWorldRequest()))
        {
            text.Append(delta);
        }

        Assert.Equal(LoopbackTestSupport.BasicAnswer, text.ToString());
        Assert.Equal(2, server.Requests.Count);
        Assert.Equal(limiting, client.Retry.SendRate!.IsLimiting);
    }

    private static LoopbackBedrockServer StartAlwaysUnavailable() =>
        LoopbackBedrockServer.Start(exchange => exchange.WriteJsonResponseAsync(
            503,
            "Service Unavailable",
            """{"message":"Bedrock is unable to process your request."}""",
            ("x-amzn-ErrorType", "ServiceUnavailableException:http://internal.amazon.com/coral/com.amazon.bedrock/")));

    private static BedrockConverseClient Create(LoopbackBedrockServer server, BedrockRetryOptions retry, params (string Name, string? Value)[] environment) =>
        Create(server, retry, readSharedConfig: null, environment);

    private static BedrockConverseClient Create(
        LoopbackBedrockServer server,
        BedrockRetryOptions retry,
        Func<string, SharedConfigRetrySettings>? readSharedConfig,
        params (string Name, string? Value)[] environment)
    {
        var variables = environment.Where(variable => variable.Value is not null).ToDictionary(variable => variable.Name, variable => variable.Value);
        return new BedrockConverseClient(
            new BedrockClientOptions
            {
                Region = LoopbackTestSupport.Region,
                Endpoint = server.Endpoint,
                Credentials = new BasicAWSCredentials(LoopbackTestSupport.AccessKey, LoopbackTestSupport.SecretKey),
                TimeProvider = new FixedTimeProvider(LoopbackTestSupport.SigningTime),
                Retry = retry,
            },
            name => variables.GetValueOrDefault(name),
            readSharedConfig);
    }
}
