using System.Text;
using System.Text.Json;
using Amazon.Runtime;
using PromptGen.Bedrock.Signing;

namespace PromptGen.Bedrock.Tests;

/// <summary>Requests signed by botocore (the AWS CLI) for Bedrock are reproduced byte for byte.</summary>
public sealed class SigV4VectorTests
{
    public static TheoryData<string> BedrockVectors() =>
        new(TestVectors.FilesIn("sigv4", "bedrock-derived-botocore").Select(Path.GetFileNameWithoutExtension)!);

    [Fact]
    public void AllThreeVectorsAreCovered() => Assert.Equal(3, BedrockVectors().Count);

    [Theory]
    [MemberData(nameof(BedrockVectors))]
    public void ReproducesBotocoreSignature(string name)
    {
        using var vector = JsonDocument.Parse(File.ReadAllText(TestVectors.PathOf("sigv4", "bedrock-derived-botocore", name + ".json")));
        var root = vector.RootElement;
        var credentialsJson = root.GetProperty("credentials");
        var credentials = new ImmutableCredentials(
            credentialsJson.GetProperty("aws_access_key_id").GetString(),
            credentialsJson.GetProperty("aws_secret_access_key").GetString(),
            credentialsJson.TryGetProperty("aws_session_token", out var token) ? token.GetString() : null);
        var url = new Uri(root.GetProperty("url").GetString()!);
        var headers = root.GetProperty("headers");
        var signedAt = DateTimeOffset.ParseExact(
            root.GetProperty("signing_time").GetString()!,
            "yyyyMMdd'T'HHmmss'Z'",
            System.Globalization.CultureInfo.InvariantCulture,
            System.Globalization.DateTimeStyles.AssumeUniversal);

        var signature = SigV4RequestSigner.Sign(
            root.GetProperty("method").GetString()!,
            url.Authority,
            url.AbsolutePath,
            headers.GetProperty("Content-Type").GetString()!,
            Encoding.UTF8.GetBytes(root.GetProperty("body").GetString()!),
            credentials,
            root.GetProperty("region").GetString()!,
            signedAt);

        Assert.Equal(root.GetProperty("canonical_request").GetString(), signature.CanonicalRequest);
        Assert.Equal(root.GetProperty("string_to_sign").GetString(), signature.StringToSign);
        Assert.Equal(headers.GetProperty("Authorization").GetString(), signature.Authorization);
        Assert.Equal(headers.GetProperty("X-Amz-Date").GetString(), signature.AmzDate);
        Assert.Equal(
            headers.TryGetProperty("X-Amz-Security-Token", out var sentToken) ? sentToken.GetString() : null,
            signature.SecurityToken);
    }

    [Fact]
    public void WirePathKeepsTheModelIdAsOneEncodedSegment()
    {
        // System.Uri must not unescape %3A or %2F, or the request line would differ from the signed path.
        var url = new Uri("https://bedrock-runtime.us-east-1.amazonaws.com/model/"
            + Uri.EscapeDataString("arn:aws:bedrock:us-east-1:123456789012:application-inference-profile/abc123")
            + "/converse-stream");

        Assert.Equal(
            "/model/arn%3Aaws%3Abedrock%3Aus-east-1%3A123456789012%3Aapplication-inference-profile%2Fabc123/converse-stream",
            url.AbsolutePath);
        Assert.Equal(
            "/model/arn%253Aaws%253Abedrock%253Aus-east-1%253A123456789012%253Aapplication-inference-profile%252Fabc123/converse-stream",
            SigV4RequestSigner.GetCanonicalUri(url.AbsolutePath));
    }
}
