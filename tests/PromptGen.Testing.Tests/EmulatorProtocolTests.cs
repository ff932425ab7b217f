using System.Net;
using System.Text;
using System.Text.Json;

namespace PromptGen.Testing.Tests;

/// <summary>
/// Raw HTTP against the emulator, over HTTP/1.1 and HTTP/2 prior knowledge: malformed and wrongly authenticated
/// requests get Bedrock's status and x-amzn-ErrorType, are recorded, and leave the emulator serving.
/// </summary>
public sealed class EmulatorProtocolTests : IAsyncLifetime
{
    private const string ConversePath = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse";
    private const string StreamPath = "/model/anthropic.claude-3-haiku-20240307-v1%3A0/converse-stream";

    private static readonly byte[] s_helloBody = Encoding.UTF8.GetBytes(TestSupport.HelloWorldBody);

    private readonly HttpClient _http = new();
    private BedrockEmulator _emulator = null!;

    public static TheoryData<string> Versions => new() { "1.1", "2.0" };

    public async Task InitializeAsync() =>
        _emulator = await BedrockEmulator.StartAsync(new BedrockEmulatorOptions { MaxRequestBodySize = 64 * 1024 });

    public async Task DisposeAsync()
    {
        _http.Dispose();
        await _emulator.DisposeAsync();
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_signed_Converse_request_is_answered_and_recorded_with_its_protocol(string version)
    {
        using var response = await _http.SendAsync(TestSigner.Signed(_emulator, ConversePath, s_helloBody, version: Version.Parse(version)));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(Version.Parse(version), response.Version);
        Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
        Assert.True(response.Headers.Contains("x-amzn-RequestId"));
        var body = ConverseJson.DeserializeResponse(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(ConverseScript.HelloWorldAnswer, body.GetText());
        Assert.Equal(StopReason.EndTurn, body.StopReason);

        var recorded = Assert.Single(_emulator.Requests);
        Assert.Equal(version == "1.1" ? "HTTP/1.1" : "HTTP/2", recorded.Protocol);
        Assert.Equal(ConversePath, recorded.RawTarget);
        Assert.Equal("Converse", recorded.Operation);
        Assert.Equal(TestSupport.HaikuModelId, recorded.ModelId);
        Assert.Equal(TestSupport.HelloWorldBody, recorded.BodyText);
        Assert.Equal(TestSupport.HelloWorldBody, Encoding.UTF8.GetString(ConverseJson.SerializeRequest(recorded.ConverseRequest!)));
        Assert.Equal(200, recorded.StatusCode);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task An_unsigned_request_is_MissingAuthenticationToken(string version)
    {
        await AssertRejectedAsync(TestSigner.Unsigned(_emulator, ConversePath, s_helloBody, Version.Parse(version)), 403, "MissingAuthenticationTokenException", "Missing Authentication Token");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task A_wrong_secret_is_InvalidSignature(string version)
    {
        await AssertRejectedAsync(
            TestSigner.Signed(_emulator, StreamPath, s_helloBody, secretKey: "not-the-secret", version: Version.Parse(version)),
            403,
            "InvalidSignatureException",
            "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    [Fact]
    public async Task A_body_changed_after_signing_is_InvalidSignature()
    {
        var message = TestSigner.Signed(_emulator, ConversePath, s_helloBody);
        message.Content = new ByteArrayContent(Encoding.UTF8.GetBytes(TestSupport.HelloWorldBody.Replace("512", "999", StringComparison.Ordinal)));
        message.Content.Headers.ContentType = new("application/json");
        await AssertRejectedAsync(message, 403, "InvalidSignatureException", expectedMessage: null);
    }

    [Fact]
    public async Task An_unknown_access_key_is_UnrecognizedClient()
    {
        await AssertRejectedAsync(
            TestSigner.Signed(_emulator, ConversePath, s_helloBody, accessKey: "AKIDUNKNOWN"),
            403,
            "UnrecognizedClientException",
            "The security token included in the request is invalid.");
    }

    [Fact]
    public async Task A_signature_older_than_five_minutes_is_expired()
    {
        var message = TestSigner.Signed(_emulator, ConversePath, s_helloBody, signedAt: DateTimeOffset.UtcNow.AddMinutes(-20));
        var (document, _) = await AssertRejectedAsync(message, 403, "InvalidSignatureException", expectedMessage: null);
        Assert.StartsWith("Signature expired: ", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_signature_scoped_to_another_region_is_InvalidSignature()
    {
        await AssertRejectedAsync(
            TestSigner.Signed(_emulator, ConversePath, s_helloBody, region: "eu-west-1"),
            403,
            "InvalidSignatureException",
            "Credential should be scoped to a valid region. ");
    }

    [Fact]
    public async Task A_malformed_authorization_header_is_IncompleteSignature()
    {
        var message = TestSigner.Unsigned(_emulator, ConversePath, s_helloBody);
        message.Headers.TryAddWithoutValidation("Authorization", "AWS4-HMAC-SHA256 Credential=AKIAIOSFODNN7EXAMPLE/20250101/us-east-1/bedrock/aws4_request");
        await AssertRejectedAsync(message, 400, "IncompleteSignatureException", expectedMessage: null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task The_bearer_token_is_accepted_and_another_is_UnrecognizedClient(string version)
    {
        var good = TestSigner.Unsigned(_emulator, StreamPath, s_helloBody, Version.Parse(version));
        good.Headers.Authorization = new("Bearer", _emulator.BearerToken);
        using (var response = await _http.SendAsync(good))
        {
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/vnd.amazon.eventstream", response.Content.Headers.ContentType?.MediaType);
        }

        var bad = TestSigner.Unsigned(_emulator, StreamPath, s_helloBody, Version.Parse(version));
        bad.Headers.Authorization = new("Bearer", "ABSKnot-the-key");
        await AssertRejectedAsync(bad, 403, "UnrecognizedClientException", "The security token included in the request is invalid.");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task Malformed_JSON_is_SerializationException(string version)
    {
        var (_, recorded) = await AssertRejectedAsync(
            TestSigner.Signed(_emulator, ConversePath, Encoding.UTF8.GetBytes("""{"messages":[{"role":"user","content":"""), version: Version.Parse(version)),
            400,
            "SerializationException",
            expectedMessage: null);
        Assert.Null(recorded.ConverseRequest);
        Assert.Equal("""{"messages":[{"role":"user","content":""", recorded.BodyText);
    }

    [Fact]
    public async Task A_body_of_the_wrong_shape_is_SerializationException()
    {
        await AssertRejectedAsync(
            TestSigner.Signed(_emulator, ConversePath, Encoding.UTF8.GetBytes("""{"messages":{"role":"user"}}""")),
            400,
            "SerializationException",
            "Start of structure or map found where not expected.");
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task An_unknown_model_is_ValidationException_as_Bedrock_answers(string version)
    {
        var (_, recorded) = await AssertRejectedAsync(
            TestSigner.Signed(_emulator, "/model/invalid-model-id/converse-stream", s_helloBody, version: Version.Parse(version)),
            400,
            "ValidationException",
            "The provided model identifier is invalid.");
        Assert.Equal("invalid-model-id", recorded.ModelId);
        Assert.Equal("ConverseStream", recorded.Operation);
    }

    [Fact]
    public async Task Inference_profiles_and_ARNs_of_known_models_are_accepted()
    {
        foreach (var modelId in new[]
        {
            "us.anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1::foundation-model/anthropic.claude-3-haiku-20240307-v1:0",
            "arn:aws:bedrock:us-east-1:123456789012:inference-profile/us.anthropic.claude-3-haiku-20240307-v1:0",
        })
        {
            using var response = await _http.SendAsync(TestSigner.Signed(_emulator, $"/model/{Uri.EscapeDataString(modelId)}/converse", s_helloBody));
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal(modelId, _emulator.Requests[^1].ModelId);
        }
    }

    [Theory]
    [InlineData("/model/anthropic.claude-3-haiku-20240307-v1%3A0/invoke-something")]
    [InlineData("/models")]
    [InlineData("/")]
    public async Task An_unknown_path_is_UnknownOperationException(string path)
    {
        await AssertRejectedAsync(TestSigner.Signed(_emulator, path, s_helloBody), 404, "UnknownOperationException", expectedMessage: null);
    }

    [Theory]
    [MemberData(nameof(Versions))]
    public async Task An_oversized_body_is_413_ValidationException(string version)
    {
        var body = Encoding.UTF8.GetBytes($$"""{"messages":[{"role":"user","content":[{"text":"{{new string('x', 70 * 1024)}}"}]}]}""");
        await AssertRejectedAsync(TestSigner.Signed(_emulator, ConversePath, body, version: Version.Parse(version)), 413, "ValidationException", "Request exceeds the maximum allowed size");
    }

    [Fact]
    public async Task An_oversized_chunked_body_without_a_length_is_413_too()
    {
        var body = Encoding.UTF8.GetBytes($$"""{"messages":[{"role":"user","content":[{"text":"{{new string('y', 70 * 1024)}}"}]}]}""");
        var message = TestSigner.Signed(_emulator, StreamPath, body);
        message.Content = new StreamContent(new MemoryStream(body));
        message.Content.Headers.ContentType = new("application/json");
        message.Headers.TransferEncodingChunked = true;
        await AssertRejectedAsync(message, 413, "ValidationException", "Request exceeds the maximum allowed size");
    }

    [Fact]
    public async Task The_default_limit_is_20_MiB()
    {
        await using var emulator = await BedrockEmulator.StartAsync();
        var body = new byte[(20 * 1024 * 1024) + 1];
        using var response = await _http.SendAsync(TestSigner.Signed(emulator, ConversePath, body));
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Fact]
    public async Task A_conversation_that_does_not_start_with_a_user_message_is_ValidationException()
    {
        var body = Encoding.UTF8.GetBytes("""{"messages":[{"role":"assistant","content":[{"text":"hi"}]}]}""");
        await AssertRejectedAsync(
            TestSigner.Signed(_emulator, ConversePath, body),
            400,
            "ValidationException",
            "A conversation must start with a user message. Try again with a conversation that starts with a user message.");
    }

    [Fact]
    public async Task Rejected_requests_consume_no_script()
    {
        _emulator.Enqueue(ConverseScript.Text("scripted"));
        using (await _http.SendAsync(TestSigner.Unsigned(_emulator, ConversePath, s_helloBody)))
        {
        }

        using var response = await _http.SendAsync(TestSigner.Signed(_emulator, ConversePath, s_helloBody));
        Assert.Equal("scripted", ConverseJson.DeserializeResponse(await response.Content.ReadAsByteArrayAsync()).GetText());
    }

    /// <summary>Sends the request, asserts Bedrock's error answer, then that the emulator still answers a good request.</summary>
    private async Task<(string Message, EmulatorRequest Recorded)> AssertRejectedAsync(HttpRequestMessage message, int status, string errorType, string? expectedMessage)
    {
        string documentMessage;
        using (message)
        using (var response = await _http.SendAsync(message))
        {
            Assert.Equal(status, (int)response.StatusCode);
            Assert.Equal("application/json", response.Content.Headers.ContentType?.MediaType);
            var typeHeader = Assert.Single(response.Headers.GetValues("x-amzn-ErrorType"));
            Assert.Equal(errorType, typeHeader[..typeHeader.IndexOf(':', StringComparison.Ordinal)]);
            Assert.StartsWith($"{errorType}:http://internal.amazon.com/coral/", typeHeader, StringComparison.Ordinal);
            using var document = JsonDocument.Parse(await response.Content.ReadAsByteArrayAsync());
            var property = document.RootElement.EnumerateObject().Single();
            Assert.Equal("message", property.Name, ignoreCase: true);
            documentMessage = property.Value.GetString()!;
            if (expectedMessage is not null)
            {
                Assert.Equal(expectedMessage, documentMessage);
            }
        }

        var rejected = _emulator.Requests[^1];
        Assert.Equal(status, rejected.StatusCode);
        Assert.Equal(errorType, rejected.ErrorType);
        Assert.Null(rejected.Script);

        // The emulator keeps serving, on a fresh connection and the pooled one alike.
        using var after = await _http.SendAsync(TestSigner.Signed(_emulator, ConversePath, s_helloBody));
        Assert.Equal(HttpStatusCode.OK, after.StatusCode);
        return (documentMessage, rejected);
    }
}
