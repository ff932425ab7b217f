using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Amazon.Runtime;
using Amazon.Runtime.Internal.Auth;

namespace PromptGen.Testing;

/// <summary>An error the emulator answers with: HTTP status, error type, message, and the Coral namespace of the type.</summary>
internal sealed record EmulatorError(int StatusCode, string ErrorType, string Message, string Namespace = EmulatorError.BedrockNamespace)
{
    public const string BedrockNamespace = "com.amazon.bedrock";

    // Authentication and protocol errors come from AWS's service framework, not from Bedrock, and say so in their type.
    public const string FrameworkNamespace = "com.amazon.coral.service";
}

/// <summary>
/// Verifies AWS Signature Version 4 server-side, from the request as received: it rebuilds the canonical request from
/// the headers the client says it signed, so any AWS SDK (which each sign a different set of headers) is checked.
/// The HMAC chain is AWSSDK.Core's <see cref="AWS4Signer.ComputeSignature(ImmutableCredentials, string, DateTime, string, string, string)"/>,
/// the same code <c>BedrockConverseClient</c> signs with, rather than a second implementation.
/// </summary>
/// <remarks>
/// Error types and messages are those AWS's front end sends for SigV4 failures on JSON services:
/// <c>MissingAuthenticationTokenException</c> (403) with no Authorization, <c>IncompleteSignatureException</c> (400)
/// for a malformed one, <c>UnrecognizedClientException</c> (403) for an unknown key or token,
/// <c>InvalidSignatureException</c> (403) for a wrong signature, scope or an expired date.
/// </remarks>
internal sealed class SigV4Verifier(BedrockEmulatorOptions options)
{
    private const string Algorithm = "AWS4-HMAC-SHA256";
    private const string SigningName = "bedrock";

    public EmulatorError? Verify(string method, string rawTarget, IReadOnlyDictionary<string, string> headers, ReadOnlySpan<byte> body)
    {
        if (!headers.TryGetValue("Authorization", out var authorization) || string.IsNullOrWhiteSpace(authorization))
        {
            return new EmulatorError(403, "MissingAuthenticationTokenException", "Missing Authentication Token", EmulatorError.FrameworkNamespace);
        }

        authorization = authorization.Trim();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            var token = authorization["Bearer ".Length..].Trim();
            return options.BearerToken is not null && FixedTimeEquals(token, options.BearerToken)
                ? null
                : Unrecognized();
        }

        if (!authorization.StartsWith(Algorithm + " ", StringComparison.Ordinal))
        {
            return new EmulatorError(
                400,
                "IncompleteSignatureException",
                $"Authorization header requires 'Credential' parameter. Authorization header requires 'Signature' parameter. Authorization header requires 'SignedHeaders' parameter. Authorization={authorization}",
                EmulatorError.FrameworkNamespace);
        }

        var parameters = authorization[Algorithm.Length..]
            .Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
        var missing = new StringBuilder();
        foreach (var name in (ReadOnlySpan<string>)["Credential", "Signature", "SignedHeaders"])
        {
            if (!parameters.ContainsKey(name))
            {
                missing.Append(CultureInfo.InvariantCulture, $"Authorization header requires '{name}' parameter. ");
            }
        }

        var amzDate = headers.TryGetValue("X-Amz-Date", out var dateHeader) ? dateHeader.Trim() : null;
        if (amzDate is null)
        {
            missing.Append("Authorization header requires existence of either a 'X-Amz-Date' or a 'Date' header. ");
        }

        if (missing.Length > 0)
        {
            return new EmulatorError(400, "IncompleteSignatureException", missing.Append("Authorization=").Append(authorization).ToString(), EmulatorError.FrameworkNamespace);
        }

        var scope = parameters["Credential"].Split('/');
        if (scope.Length != 5 || scope[4] != "aws4_request")
        {
            return new EmulatorError(
                400,
                "IncompleteSignatureException",
                $"Credential should have 5 slash-separated parts and end in 'aws4_request'. Authorization={authorization}",
                EmulatorError.FrameworkNamespace);
        }

        var (accessKey, scopeDate, scopeRegion, scopeService) = (scope[0], scope[1], scope[2], scope[3]);
        if (!string.Equals(accessKey, options.AccessKeyId, StringComparison.Ordinal))
        {
            return Unrecognized();
        }

        headers.TryGetValue("X-Amz-Security-Token", out var sessionToken);
        if (!string.Equals(NullIfEmpty(sessionToken?.Trim()), NullIfEmpty(options.SessionToken), StringComparison.Ordinal))
        {
            return Unrecognized();
        }

        if (!DateTime.TryParseExact(amzDate, "yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var signedAt))
        {
            return InvalidSignature($"Date must be in ISO-8601 'basic format'. Got '{amzDate}'. See http://en.wikipedia.org/wiki/ISO_8601");
        }

        if (!string.Equals(scopeDate, amzDate![..8], StringComparison.Ordinal))
        {
            return InvalidSignature($"Date in Credential scope does not match YYYYMMDD from ISO-8601 version of date from HTTP: '{scopeDate}' != '{amzDate[..8]}', from '{amzDate}'.");
        }

        if (!string.Equals(scopeRegion, options.Region, StringComparison.Ordinal))
        {
            return InvalidSignature($"Credential should be scoped to a valid region. ");
        }

        if (!string.Equals(scopeService, SigningName, StringComparison.Ordinal))
        {
            return InvalidSignature($"Credential should be scoped to correct service: '{SigningName}'. ");
        }

        if (options.MaxClockSkew != Timeout.InfiniteTimeSpan)
        {
            var now = options.TimeProvider.GetUtcNow().UtcDateTime;
            if (signedAt < now - options.MaxClockSkew)
            {
                return InvalidSignature($"Signature expired: {amzDate} is now earlier than {Format(now - options.MaxClockSkew)} ({Format(now)} - {options.MaxClockSkew.TotalMinutes:0} min.)");
            }

            if (signedAt > now + options.MaxClockSkew)
            {
                return InvalidSignature($"Signature not yet current: {amzDate} is still later than {Format(now + options.MaxClockSkew)} ({Format(now)} + {options.MaxClockSkew.TotalMinutes:0} min.)");
            }
        }

        var signedHeaders = parameters["SignedHeaders"];
        var signedHeaderNames = signedHeaders.Split(';');
        if (!signedHeaderNames.Contains("host", StringComparer.Ordinal) && !signedHeaderNames.Contains(":authority", StringComparer.Ordinal))
        {
            return InvalidSignature("'Host' or ':authority' must be a 'SignedHeader' in the AWS Authorization.");
        }

        var canonicalRequest = BuildCanonicalRequest(method, rawTarget, headers, signedHeaderNames, signedHeaders, body);
        var expected = AWS4Signer.ComputeSignature(
            new ImmutableCredentials(options.AccessKeyId, options.SecretAccessKey, options.SessionToken),
            scopeRegion,
            signedAt,
            SigningName,
            signedHeaders,
            canonicalRequest);
        return FixedTimeEquals(expected.Signature, parameters["Signature"])
            ? null
            : InvalidSignature(
                "The request signature we calculated does not match the signature you provided. Check your AWS Secret Access Key and signing method. Consult the service documentation for details.");
    }

    internal static string BuildCanonicalRequest(
        string method,
        string rawTarget,
        IReadOnlyDictionary<string, string> headers,
        IEnumerable<string> signedHeaderNames,
        string signedHeaders,
        ReadOnlySpan<byte> body)
    {
        var queryStart = rawTarget.IndexOf('?', StringComparison.Ordinal);
        var path = queryStart < 0 ? rawTarget : rawTarget[..queryStart];
        var query = queryStart < 0 ? "" : rawTarget[(queryStart + 1)..];

        // Every service but S3 signs the path encoded once more than it is sent: %3A is signed as %253A.
        var canonicalUri = path.Length == 0 ? "/" : string.Join('/', path.Split('/').Select(Uri.EscapeDataString));
        var canonicalQuery = string.Join(
            '&',
            query.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Contains('=', StringComparison.Ordinal) ? pair : pair + "=")
                .Order(StringComparer.Ordinal));
        var canonicalHeaders = new StringBuilder();
        foreach (var name in signedHeaderNames)
        {
            // Over HTTP/2 the AWS JavaScript SDK signs the :authority pseudo-header instead of Host; Kestrel exposes
            // the authority as Host.
            headers.TryGetValue(name == ":authority" ? "Host" : name, out var value);
            canonicalHeaders.Append(name).Append(':').Append(CollapseSpaces(value ?? "")).Append('\n');
        }

        return string.Join('\n', method, canonicalUri, canonicalQuery, canonicalHeaders.ToString(), signedHeaders, HexSha256(body));
    }

    private static EmulatorError Unrecognized() =>
        new(403, "UnrecognizedClientException", "The security token included in the request is invalid.", EmulatorError.FrameworkNamespace);

    private static EmulatorError InvalidSignature(string message) =>
        new(403, "InvalidSignatureException", message, EmulatorError.FrameworkNamespace);

    private static string Format(DateTime time) => time.ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);

    private static string CollapseSpaces(string value) => string.Join(' ', value.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries));

    private static string? NullIfEmpty(string? value) => string.IsNullOrEmpty(value) ? null : value;

    private static bool FixedTimeEquals(string left, string right) =>
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(left), Encoding.UTF8.GetBytes(right));

    private static string HexSha256(ReadOnlySpan<byte> data)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(data, hash);
        return Convert.ToHexString(hash).ToLowerInvariant();
    }
}
