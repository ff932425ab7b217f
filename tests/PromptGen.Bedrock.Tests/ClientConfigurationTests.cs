using Amazon.Runtime;

namespace PromptGen.Bedrock.Tests;

/// <summary>How the client finds its region, endpoint and authentication, with a fake environment.</summary>
public sealed class ClientConfigurationTests
{
    [Fact]
    public void RegionFromAwsRegionGivesThePublicEndpoint()
    {
        using var client = Create(new(), ("AWS_REGION", "eu-west-3"), ("AWS_DEFAULT_REGION", "us-west-2"));

        Assert.Equal("eu-west-3", client.Region);
        Assert.Equal(new Uri("https://bedrock-runtime.eu-west-3.amazonaws.com"), client.Endpoint);
    }

    [Fact]
    public void AwsDefaultRegionIsTheFallback()
    {
        using var client = Create(new(), ("AWS_DEFAULT_REGION", "us-west-2"));

        Assert.Equal("us-west-2", client.Region);
    }

    [Fact]
    public void ChinaRegionsUseTheirPartitionSuffix()
    {
        using var client = Create(new() { Region = "cn-north-1" });

        Assert.Equal(new Uri("https://bedrock-runtime.cn-north-1.amazonaws.com.cn"), client.Endpoint);
    }

    [Fact]
    public void ServiceSpecificEndpointVariableWinsOverTheGlobalOne()
    {
        using var client = Create(
            new() { Region = "us-east-1" },
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://localhost:4566"),
            ("AWS_ENDPOINT_URL", "http://localhost:9999"));

        Assert.Equal(new Uri("http://localhost:4566"), client.Endpoint);
    }

    [Fact]
    public void GlobalEndpointVariableIsUsedAlone()
    {
        using var client = Create(new() { Region = "us-east-1" }, ("AWS_ENDPOINT_URL", "http://localhost:9999"));

        Assert.Equal(new Uri("http://localhost:9999"), client.Endpoint);
    }

    [Theory]
    [InlineData("true")]
    [InlineData("TRUE")]
    public void ConfiguredEndpointsCanBeIgnored(string ignore)
    {
        using var client = Create(
            new() { Region = "us-east-1" },
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://localhost:4566"),
            ("AWS_ENDPOINT_URL", "http://localhost:9999"),
            ("AWS_IGNORE_CONFIGURED_ENDPOINT_URLS", ignore));

        Assert.Equal(new Uri("https://bedrock-runtime.us-east-1.amazonaws.com"), client.Endpoint);
    }

    [Fact]
    public void ExplicitOptionsWinOverTheEnvironment()
    {
        using var client = Create(
            new() { Region = "ap-northeast-1", Endpoint = new Uri("https://proxy.example.com/bedrock") },
            ("AWS_REGION", "us-east-1"),
            ("AWS_ENDPOINT_URL_BEDROCK_RUNTIME", "http://localhost:4566"));

        Assert.Equal("ap-northeast-1", client.Region);
        Assert.Equal(new Uri("https://proxy.example.com/bedrock"), client.Endpoint);
    }

    [Fact]
    public void ApiKeyWithExplicitEndpointNeedsNoRegion()
    {
        using var client = Create(new() { Endpoint = new Uri("http://127.0.0.1:5123") }, ("AWS_BEARER_TOKEN_BEDROCK", "key"));

        Assert.Null(client.Region);
        Assert.Equal("127.0.0.1:5123", client.Endpoint.Authority);
    }

    [Fact]
    public void InvalidEndpointVariableIsAClearError()
    {
        var exception = Assert.Throws<BedrockConfigurationException>(
            () => Create(new() { Region = "us-east-1" }, ("AWS_ENDPOINT_URL", "not a uri")));

        Assert.Equal("AWS_ENDPOINT_URL is not an absolute URI: 'not a uri'.", exception.Message);
    }

    [Fact]
    public async Task CredentialProviderFailureIsAClearErrorWithoutSecrets()
    {
        using var client = Create(new() { Region = "us-east-1", Endpoint = new Uri("http://127.0.0.1:9"), Credentials = new FailingCredentials() });

        var exception = await Assert.ThrowsAsync<BedrockConfigurationException>(() => client.ConverseAsync(new ConverseRequest
        {
            ModelId = "anthropic.claude-3-haiku-20240307-v1:0",
            Messages = { Message.FromUserText("Hi") },
        }));

        Assert.StartsWith("No AWS credentials could be resolved for Amazon Bedrock.", exception.Message, StringComparison.Ordinal);
        Assert.DoesNotContain(FailingCredentials.Secret, exception.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task RequestWithoutModelIdIsRejected()
    {
        using var client = Create(new() { Region = "us-east-1", Endpoint = new Uri("http://127.0.0.1:9"), BearerToken = "key" });

        var exception = await Assert.ThrowsAsync<ArgumentException>(() => client.ConverseAsync(new ConverseRequest()));

        Assert.Equal("request", exception.ParamName);
    }

    private static BedrockConverseClient Create(BedrockClientOptions options, params (string Name, string Value)[] environment)
    {
        var variables = environment.ToDictionary(variable => variable.Name, variable => variable.Value);
        return new BedrockConverseClient(options, name => variables.GetValueOrDefault(name));
    }

    private sealed class FailingCredentials : AWSCredentials
    {
        public const string Secret = "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY";

        public override ImmutableCredentials GetCredentials() => throw new AmazonClientException("The SSO session has expired.");

        public override Task<ImmutableCredentials> GetCredentialsAsync() => Task.FromException<ImmutableCredentials>(
            new AmazonClientException("The SSO session has expired."));
    }
}
