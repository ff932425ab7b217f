using System.Collections.Concurrent;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace PromptGen.Bedrock.Tests.Loopback;

/// <summary>One HTTP/1.1 request as the loopback server received it, byte for byte.</summary>
internal sealed record ReceivedRequest(string Method, string Target, string Version, IReadOnlyList<(string Name, string Value)> Headers, byte[] Body)
{
    public string RequestLine => $"{Method} {Target} {Version}";

    public string? Header(string name) =>
        Headers.Where(header => string.Equals(header.Name, name, StringComparison.OrdinalIgnoreCase)).Select(header => header.Value).SingleOrDefault();
}

/// <summary>
/// A minimal HTTP/1.1 server on 127.0.0.1 over <see cref="TcpListener"/>, standing in for Bedrock Runtime, so that
/// tests control exactly how the response bytes are sliced, when the server stalls, and observe when the client
/// closes the connection. One request per connection; every response says <c>Connection: close</c>.
/// </summary>
internal sealed class LoopbackBedrockServer : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly Func<LoopbackExchange, Task> _respond;
    private readonly CancellationTokenSource _stopping = new();
    private readonly Task _acceptLoop;
    private readonly ConcurrentQueue<Task> _exchanges = new();

    private LoopbackBedrockServer(Func<LoopbackExchange, Task> respond)
    {
        _respond = respond;
        _listener = new TcpListener(IPAddress.Loopback, 0);
        _listener.Start();
        Endpoint = new Uri($"http://127.0.0.1:{((IPEndPoint)_listener.LocalEndpoint).Port}");
        _acceptLoop = AcceptAsync();
    }

    public Uri Endpoint { get; }

    public string Host => Endpoint.Authority;

    public ConcurrentQueue<ReceivedRequest> Requests { get; } = new();

    /// <summary>Failures of the response script (for example a failed request assertion), rethrown on dispose.</summary>
    public ConcurrentQueue<Exception> Failures { get; } = new();

    public static LoopbackBedrockServer Start(Func<LoopbackExchange, Task> respond) => new(respond);

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        _listener.Stop();
        try
        {
            await _acceptLoop;
        }
        catch (Exception exception) when (exception is ObjectDisposedException or SocketException or OperationCanceledException)
        {
        }

        await Task.WhenAll(_exchanges).WaitAsync(TimeSpan.FromSeconds(10));
        _stopping.Dispose();
        if (!Failures.IsEmpty)
        {
            throw new AggregateException("The loopback server's response script failed.", Failures);
        }
    }

    private async Task AcceptAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            var client = await _listener.AcceptTcpClientAsync(_stopping.Token);
            _exchanges.Enqueue(Task.Run(() => ServeAsync(client)));
        }
    }

    private async Task ServeAsync(TcpClient client)
    {
        using (client)
        {
            client.NoDelay = true;
            var stream = client.GetStream();
            try
            {
                var request = await ReadRequestAsync(stream, _stopping.Token);
                Requests.Enqueue(request);
                await _respond(new LoopbackExchange(request, stream, _stopping.Token));
            }
            catch (Exception exception) when (exception is IOException or SocketException or OperationCanceledException)
            {
                // The client went away; tests that care observe it through LoopbackExchange.WaitForClientCloseAsync.
            }
            catch (Exception exception)
            {
                Failures.Enqueue(exception);
            }
        }
    }

    private static async Task<ReceivedRequest> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        var head = new List<byte>();
        var one = new byte[1];
        while (head.Count < 4 || !(head[^4] == '\r' && head[^3] == '\n' && head[^2] == '\r' && head[^1] == '\n'))
        {
            if (await stream.ReadAsync(one, cancellationToken) == 0)
            {
                throw new IOException("The client closed the connection before sending a whole request head.");
            }

            head.Add(one[0]);
        }

        var lines = Encoding.ASCII.GetString(head.ToArray()).Split("\r\n");
        var requestLine = lines[0].Split(' ');
        var headers = lines.Skip(1)
            .Where(line => line.Length > 0)
            .Select(line => (Name: line[..line.IndexOf(':')], Value: line[(line.IndexOf(':') + 1)..].Trim()))
            .ToList();
        var contentLength = headers
            .Where(header => string.Equals(header.Name, "Content-Length", StringComparison.OrdinalIgnoreCase))
            .Select(header => int.Parse(header.Value, CultureInfo.InvariantCulture))
            .SingleOrDefault();
        var body = new byte[contentLength];
        await stream.ReadExactlyAsync(body, cancellationToken);
        return new ReceivedRequest(requestLine[0], requestLine[1], requestLine[2], headers, body);
    }
}

/// <summary>The server side of one request: what was received, and the means to answer it byte by byte.</summary>
internal sealed class LoopbackExchange(ReceivedRequest request, NetworkStream stream, CancellationToken stopping)
{
    public ReceivedRequest Request { get; } = request;

    public CancellationToken Stopping { get; } = stopping;

    public Task WriteStreamHeadAsync(string requestId = "loopback-request-id") => WriteHeadAsync(
        200,
        "OK",
        [("Content-Type", "application/vnd.amazon.eventstream"), ("Transfer-Encoding", "chunked"), ("x-amzn-RequestId", requestId)]);

    public async Task WriteHeadAsync(int status, string reason, IEnumerable<(string Name, string Value)> headers)
    {
        var head = new StringBuilder().Append(CultureInfo.InvariantCulture, $"HTTP/1.1 {status} {reason}\r\n");
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }

        head.Append("Connection: close\r\n\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()), Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Writes one chunk of a chunked body and flushes it, so the client sees it as a separate read.</summary>
    public async Task WriteChunkAsync(ReadOnlyMemory<byte> data)
    {
        if (data.IsEmpty)
        {
            return;
        }

        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{data.Length:x}\r\n"), Stopping);
        await stream.WriteAsync(data, Stopping);
        await stream.WriteAsync("\r\n"u8.ToArray(), Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Writes bytes as chunks of the given sizes, cycling through them; each chunk is flushed on its own.</summary>
    public async Task WriteInSlicesAsync(byte[] data, params int[] sliceSizes)
    {
        for (int offset = 0, index = 0; offset < data.Length; index++)
        {
            var length = Math.Min(sliceSizes[index % sliceSizes.Length], data.Length - offset);
            await WriteChunkAsync(data.AsMemory(offset, length));
            offset += length;
        }
    }

    public async Task EndChunkedBodyAsync()
    {
        await stream.WriteAsync("0\r\n\r\n"u8.ToArray(), Stopping);
        await stream.FlushAsync(Stopping);
    }

    public async Task WriteJsonResponseAsync(int status, string reason, string json, params (string Name, string Value)[] headers)
    {
        var body = Encoding.UTF8.GetBytes(json);
        await WriteHeadAsync(
            status,
            reason,
            [("Content-Type", "application/json"), ("Content-Length", body.Length.ToString(CultureInfo.InvariantCulture)), .. headers]);
        await stream.WriteAsync(body, Stopping);
        await stream.FlushAsync(Stopping);
    }

    /// <summary>Waits until the client closes or resets the connection.</summary>
    /// <returns><see langword="true"/> when the client closed it within <paramref name="timeout"/>.</returns>
    public async Task<bool> WaitForClientCloseAsync(TimeSpan timeout)
    {
        using var timeoutSource = CancellationTokenSource.CreateLinkedTokenSource(Stopping);
        timeoutSource.CancelAfter(timeout);
        var buffer = new byte[256];
        try
        {
            while (await stream.ReadAsync(buffer, timeoutSource.Token) > 0)
            {
            }

            return true;
        }
        catch (IOException)
        {
            return true; // reset by the client
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
