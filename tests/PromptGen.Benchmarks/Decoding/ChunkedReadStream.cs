using System.Runtime.CompilerServices;

namespace PromptGen.Benchmarks.Decoding;

/// <summary>
/// A read-only stream over fixed bytes that returns at most <c>maxReadLength</c> bytes per read, the way a network
/// stream hands over what has arrived, so that every decoder sees the same read boundaries. Reads complete
/// synchronously, or, with <c>completeAsynchronously</c>, each read first yields to the thread pool, as a network read
/// that has to wait for the next bytes does. The stream itself allocates nothing per read either way;
/// <see cref="Rewind"/> lets one instance serve every benchmark invocation.
/// </summary>
internal sealed class ChunkedReadStream(byte[] data, int maxReadLength, bool completeAsynchronously = false) : Stream
{
    private int _position;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public void Rewind() => _position = 0;

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var length = Math.Min(Math.Min(maxReadLength, buffer.Length), data.Length - _position);
        data.AsSpan(_position, length).CopyTo(buffer);
        _position += length;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        completeAsynchronously ? ReadAfterYieldAsync(buffer) : new(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    // Pooled, so that the stream's own state machine is not what the allocation figures measure.
    [AsyncMethodBuilder(typeof(PoolingAsyncValueTaskMethodBuilder<>))]
    private async ValueTask<int> ReadAfterYieldAsync(Memory<byte> buffer)
    {
        await Task.Yield();
        return Read(buffer.Span);
    }
}
