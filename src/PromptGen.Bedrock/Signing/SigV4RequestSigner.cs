using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace PromptGen.Bedrock.Signing;

/// <summary>The headers and intermediate strings of one SigV4-signed Bedrock request.</summary>
/// <param name="AmzDate">The <c>X-Amz-Date</c> header value, for example <c>20150830T123600Z</c>.</param>
/// <param name="CanonicalRequest">The canonical request that was signed.</param>
/// <param name="StringToSign">The string to sign derived from the canonical request.</param>
/// <param name="Authorization">The <c>Authorization</c> header value.</param>
/// <param name="SecurityToken">The <c>X-Amz-Security-Token</c> header value, or <see langword="null"/> without a session token.</param>
internal sealed record SigV4Signature(string AmzDate, string CanonicalRequest, string StringToSign, string Authorization, string? SecurityToken);

/// <summary>
/// Signs Bedrock Runtime requests with AWS Signature Version 4, producing byte for byte what botocore (the AWS CLI)
/// produces for the same request.
/// </summary>
/// <remarks>
/// AWSSDK.Core's high-level <c>AWSSigV4Signer.Sign</c> always adds and signs <c>x-amz-content-sha256</c>, a header
/// botocore does not send to Bedrock, so its signatures cannot be checked against botocore's. The canonical request
/// is therefore built here (it is short and fully specified for Bedrock's POST-only, query-less operations), while
/// the cryptography (key derivation, string to sign, HMAC) stays with AWSSDK.Core's
/// <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>.
/// </remarks>
internal static class SigV4RequestSigner
{
    /// <summary>The SigV4 signing name of Bedrock Runtime (not the endpoint prefix <c>bedrock-runtime</c>).</summary>
    public const string SigningName = "bedrock";

    private const string Algorithm = "AWS4-HMAC-SHA256";

    /// <summary>Signs a request.</summary>
    /// <param name="method">The HTTP method, <c>POST</c> for every Bedrock Runtime operation.</param>
    /// <param name="host">The Host header exactly as sent, with the port when it is not the scheme's default.</param>
    /// <param name="wirePath">The request path exactly as sent, already percent-encoded, for example <c>/model/a%3Ab/converse</c>.</param>
    /// <param name="contentType">The Content-Type header exactly as sent.</param>
    /// <param name="body">The body bytes exactly as sent.</param>
    /// <param name="credentials">The credentials; a session token adds the signed <c>x-amz-security-token</c> header.</param>
    /// <param name="region">The signing region, for example <c>us-east-1</c>.</param>
    /// <param name="signedAt">The signing time; the request is valid for 15 minutes around it.</param>
    /// <returns>The headers to send and the intermediate strings, for diagnostics and tests.</returns>
    public static SigV4Signature Sign(
        string method,
        string host,
        string wirePath,
        string contentType,
        ReadOnlySpan<byte> body,
        ImmutableCredentials credentials,
        string region,
        DateTimeOffset signedAt)
    {
        var signedAtUtc = signedAt.UtcDateTime;
        var amzDate = signedAtUtc.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        var securityToken = string.IsNullOrEmpty(credentials.Token) ? null : credentials.Token;

        // Canonical headers are lowercase and sorted; these four are already in order.
        var canonicalHeaders = new StringBuilder()
            .Append("content-type:").Append(contentType.Trim()).Append('\n')
            .Append("host:").Append(host).Append('\n')
            .Append("x-amz-date:").Append(amzDate).Append('\n');
        var signedHeaders = "content-type;host;x-amz-date";
        if (securityToken is not null)
        {
            canonicalHeaders.Append("x-amz-security-token:").Append(securityToken.Trim()).Append('\n');
            signedHeaders += ";x-amz-security-token";
        }

        var canonicalRequest = string.Join(
            '\n',
            method,
            GetCanonicalUri(wirePath),
            "", // Bedrock Runtime operations carry no query string.
            canonicalHeaders.ToString(),
            signedHeaders,
            HexSha256(body));

        var stringToSign = string.Join(
            '\n',
            Algorithm,
            amzDate,
            $"{amzDate[..8]}/{region}/{SigningName}/aws4_request",
            HexSha256(Encoding.UTF8.GetBytes(canonicalRequest)));

        var result = AWS4Signer.ComputeSignature(credentials, region, signedAtUtc, SigningName, signedHeaders, canonicalRequest);
        return new SigV4Signature(amzDate, canonicalRequest, stringToSign, result.ForAuthorizationHeader, securityToken);
    }

    /// <summary>
    /// Encodes every segment of the wire path once more, as SigV4 requires for every service but S3: a model id
    /// sent as <c>v1%3A0</c> is signed as <c>v1%253A0</c>.
    /// </summary>
    /// <param name="wirePath">The percent-encoded path as sent.</param>
    /// <returns>The canonical URI.</returns>
    public static string GetCanonicalUri(string wirePath)
    {
        if (wirePath.Length == 0)
        {
            return "/";
        }

        var segments = wirePath.Split('/');
        for (var i = 0; i < segments.Length; i++)
        {
            segments[i] = Uri.EscapeDataString(segments[i]);
        }

        return string.Join('/', segments);
    }

    private static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
