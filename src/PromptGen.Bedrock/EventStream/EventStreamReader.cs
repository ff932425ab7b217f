using System.Buffers;
using System.Runtime.CompilerServices;

namespace PromptGen.Bedrock.EventStream;

/// <summary>
/// Reads event-stream frames from a <see cref="Stream"/>, one at a time, into a reusable pooled buffer.
/// Frames are reassembled across arbitrary read boundaries. The current frame's payload and headers are views
/// into that buffer, valid until the next call to <see cref="ReadNextAsync"/>; the routing headers Bedrock uses
/// are exposed as strings, cached for their common values, so a frame costs no allocation of its own.
/// </summary>
/// <remarks>Not thread-safe: one reader serves one consumer.</remarks>
internal sealed class EventStreamReader : IDisposable
{
    private const int InitialBufferSize = 16 * 1024;

    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private byte[]? _buffer;

    // Bytes received but not yet consumed are _buffer[_start.._end); the current frame starts at _start.
    private int _start;
    private int _end;
    private int _currentFrameLength;
    private int _currentHeadersLength;

    /// <summary>Creates a reader over a stream.</summary>
    /// <param name="stream">The stream of frames, for example an HTTP response body.</param>
    /// <param name="leaveOpen"><see langword="true"/> to leave <paramref name="stream"/> open when the reader is disposed.</param>
    public EventStreamReader(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
        _buffer = ArrayPool<byte>.Shared.Rent(InitialBufferSize);
    }

    /// <summary>The current frame's <c>:message-type</c> header (<c>event</c>, <c>exception</c> or <c>error</c>), if present.</summary>
    public string? MessageType { get; private set; }

    /// <summary>The current frame's <c>:event-type</c> header, for example <c>contentBlockDelta</c>, if present.</summary>
    public string? EventType { get; private set; }

    /// <summary>The current frame's <c>:exception-type</c> header, for example <c>throttlingException</c>, if present.</summary>
    public string? ExceptionType { get; private set; }

    /// <summary>The current frame's <c>:content-type</c> header, for example <c>application/json</c>, if present.</summary>
    public string? ContentType { get; private set; }

    /// <summary>The current frame's <c>:error-code</c> header, if present.</summary>
    public string? ErrorCode { get; private set; }

    /// <summary>The current frame's <c>:error-message</c> header, if present.</summary>
    public string? ErrorMessage { get; private set; }

    /// <summary>The current frame's payload; valid until the next call to <see cref="ReadNextAsync"/>.</summary>
    public ReadOnlyMemory<byte> Payload =>
        _currentFrameLength == 0
            ? ReadOnlyMemory<byte>.Empty
            : new ReadOnlyMemory<byte>(
                CurrentBuffer,
                _start + EventStreamFrame.PreludeLength + _currentHeadersLength,
                _currentFrameLength - EventStreamFrame.MinFrameLength - _currentHeadersLength);

    /// <summary>
    /// The current frame, with every header and its checksums; valid until the next call to <see cref="ReadNextAsync"/>.
    /// </summary>
    /// <exception cref="InvalidOperationException">No frame has been read.</exception>
    public EventStreamFrame CurrentFrame =>
        _currentFrameLength == 0
            ? throw new InvalidOperationException("No frame has been read; call ReadNextAsync first.")
            : EventStreamFrame.FromVerifiedBytes(CurrentBuffer.AsSpan(_start, _currentFrameLength), _currentHeadersLength);

    private byte[] CurrentBuffer => _buffer ?? throw new ObjectDisposedException(nameof(EventStreamReader));

    /// <summary>Reads the next frame, waiting for as many reads of the stream as it takes.</summary>
    /// <param name="cancellationToken">Cancels the pending read.</param>
    /// <returns>
    /// <see langword="true"/> when a frame was read; <see langword="false"/> when the stream ended cleanly,
    /// exactly at a frame boundary.
    /// </returns>
    /// <exception cref="EventStreamException">The frame is corrupt, too large, or the stream ended inside it.</exception>
    public ValueTask<bool> ReadNextAsync(CancellationToken cancellationToken = default)
    {
        ConsumeCurrentFrame();

        // A network read usually delivers several frames at once: those are decoded synchronously, without an
        // async state machine, and only a frame still incomplete in the buffer waits for the stream.
        try
        {
            return TryDecodeBufferedFrame() ? new ValueTask<bool>(true) : ReadNextFromStreamAsync(cancellationToken);
        }
        catch (EventStreamException exception)
        {
            // Fail through the returned task, as an async method would, rather than throwing at the call.
            return ValueTask.FromException<bool>(exception);
        }
    }

    // Reads that wait for the network reuse pooled state machines: a frame that arrives on its own costs nothing.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<bool> ReadNextFromStreamAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            var needed = _end - _start < EventStreamFrame.PreludeLength
                ? EventStreamFrame.PreludeLength
                : EventStreamFrame.ReadPrelude(CurrentBuffer.AsSpan(_start, EventStreamFrame.PreludeLength)).TotalLength;
            if (await ReadMoreAsync(needed, cancellationToken).ConfigureAwait(false) == 0)
            {
                if (_end == _start)
                {
                    return false;
                }

                throw Truncated(needed);
            }

            if (TryDecodeBufferedFrame())
            {
                return true;
            }
        }
    }

    private bool TryDecodeBufferedFrame()
    {
        var buffered = _end - _start;
        if (buffered < EventStreamFrame.PreludeLength)
        {
            return false;
        }

        var buffer = CurrentBuffer;
        var (totalLength, headersLength) = EventStreamFrame.ReadPrelude(buffer.AsSpan(_start, EventStreamFrame.PreludeLength));
        if (buffered < totalLength)
        {
            return false;
        }

        // One pass over the headers both validates every one of them and picks out the routing headers.
        var bytes = buffer.AsSpan(_start, totalLength);
        EventStreamFrame.VerifyMessageChecksum(bytes);
        ReadRoutingHeaders(EventStreamFrame.FromVerifiedBytes(bytes, headersLength));
        _currentFrameLength = totalLength;
        _currentHeadersLength = headersLength;
        return true;
    }

    /// <summary>Returns the buffer to the pool and, unless asked to leave it open, disposes the stream.</summary>
    public void Dispose()
    {
        var buffer = _buffer;
        if (buffer is null)
        {
            return;
        }

        _buffer = null;
        ArrayPool<byte>.Shared.Return(buffer);
        if (!_leaveOpen)
        {
            _stream.Dispose();
        }
    }

    private void ConsumeCurrentFrame()
    {
        _start += _currentFrameLength;
        _currentFrameLength = 0;
        _currentHeadersLength = 0;
        if (_start == _end)
        {
            _start = _end = 0;
        }

        MessageType = EventType = ExceptionType = ContentType = ErrorCode = ErrorMessage = null;
    }

    // Reads once from the stream, first making room for a frame of frameLength bytes starting at _start.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadMoreAsync(int frameLength, CancellationToken cancellationToken)
    {
        var buffer = CurrentBuffer;
        if (buffer.Length - _start < frameLength || _end == buffer.Length)
        {
            var buffered = _end - _start;
            if (frameLength <= buffer.Length)
            {
                // Slide the partial frame to the front; the tail of the buffer becomes free again.
                Buffer.BlockCopy(buffer, _start, buffer, 0, buffered);
            }
            else
            {
                var larger = ArrayPool<byte>.Shared.Rent(Math.Max(frameLength, buffer.Length * 2));
                Buffer.BlockCopy(buffer, _start, larger, 0, buffered);
                ArrayPool<byte>.Shared.Return(buffer);
                _buffer = buffer = larger;
            }

            _start = 0;
            _end = buffered;
        }

        var read = await _stream.ReadAsync(buffer.AsMemory(_end), cancellationToken).ConfigureAwait(false);
        _end += read;
        return read;
    }

    private void ReadRoutingHeaders(EventStreamFrame frame)
    {
        foreach (var header in frame.EnumerateHeaders())
        {
            // Routing headers are short names starting with ':'; skip the rest without comparing.
            var name = header.Name;
            if (name.Length < 11 || name[0] != (byte)':' || header.Type != EventStreamHeaderType.String)
            {
                continue;
            }

            if (name.SequenceEqual(":message-type"u8))
            {
                MessageType = KnownHeaderValues.GetString(header.Value);
            }
            else if (name.SequenceEqual(":event-type"u8))
            {
                EventType = KnownHeaderValues.GetString(header.Value);
            }
            else if (name.SequenceEqual(":exception-type"u8))
            {
                ExceptionType = KnownHeaderValues.GetString(header.Value);
            }
            else if (name.SequenceEqual(":content-type"u8))
            {
                ContentType = KnownHeaderValues.GetString(header.Value);
            }
            else if (name.SequenceEqual(":error-code"u8))
            {
                ErrorCode = KnownHeaderValues.GetString(header.Value);
            }
            else if (name.SequenceEqual(":error-message"u8))
            {
                ErrorMessage = KnownHeaderValues.GetString(header.Value);
            }
        }
    }

    private EventStreamException Truncated(int expected) =>
        new(
            EventStreamErrorReason.TruncatedFrame,
            $"Truncated event-stream frame: the stream ended after {_end - _start} of {expected} bytes.");
}
