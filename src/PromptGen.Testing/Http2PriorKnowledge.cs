using System.Buffers;
using System.IO.Pipelines;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Server.Kestrel.Core.Features;
using Microsoft.AspNetCore.Http.Features;

namespace PromptGen.Testing;

/// <summary>
/// Serves HTTP/2 with prior knowledge and HTTP/1.1 on one cleartext port. Kestrel alone cannot: on a cleartext
/// <c>Http1AndHttp2</c> endpoint it picks HTTP/1.1 and answers the HTTP/2 preface with <c>HTTP_1_1_REQUIRED</c>
/// (verified by test). This connection middleware peeks at the first bytes without consuming them and, when they are
/// the HTTP/2 connection preface, tells Kestrel the connection negotiated <c>h2</c>, the same signal ALPN gives.
/// </summary>
internal static class Http2PriorKnowledge
{
    private static ReadOnlySpan<byte> Preface => "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n"u8;

    public static Func<ConnectionDelegate, ConnectionDelegate> Middleware => next => async connection =>
    {
        if (await StartsWithPrefaceAsync(connection.Transport.Input, connection.ConnectionClosed).ConfigureAwait(false))
        {
            connection.Features.Set<ITlsConnectionFeature>(NegotiatedH2.Instance);
            connection.Features.Set<ITlsApplicationProtocolFeature>(NegotiatedH2.Instance);
        }

        await next(connection).ConfigureAwait(false);
    };

    private static async Task<bool> StartsWithPrefaceAsync(PipeReader input, CancellationToken cancellationToken)
    {
        var head = new byte[Preface.Length];
        while (true)
        {
            ReadResult result;
            try
            {
                result = await input.ReadAsync(cancellationToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return false;
            }

            var buffer = result.Buffer;
            var length = (int)Math.Min(buffer.Length, head.Length);
            buffer.Slice(0, length).CopyTo(head);
            var matches = head.AsSpan(0, length).SequenceEqual(Preface[..length]);
            if (!matches || length == head.Length || result.IsCompleted || result.IsCanceled)
            {
                // Nothing consumed: Kestrel reads the same bytes next.
                input.AdvanceTo(buffer.Start);
                return matches && length == head.Length;
            }

            input.AdvanceTo(buffer.Start, buffer.End);
        }
    }

    private sealed class NegotiatedH2 : ITlsConnectionFeature, ITlsApplicationProtocolFeature
    {
        public static readonly NegotiatedH2 Instance = new();

        public ReadOnlyMemory<byte> ApplicationProtocol { get; } = "h2"u8.ToArray();

        public X509Certificate2? ClientCertificate
        {
            get => null;
            set => throw new NotSupportedException();
        }

        public Task<X509Certificate2?> GetClientCertificateAsync(CancellationToken cancellationToken) => Task.FromResult<X509Certificate2?>(null);
    }
}
