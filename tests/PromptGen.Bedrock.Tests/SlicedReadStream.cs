namespace PromptGen.Bedrock.Tests;

/// <summary>
/// A read-only stream over fixed bytes that returns at most a given number of bytes per read, cycling through
/// slice sizes, to exercise reassembly across arbitrary read boundaries.
/// </summary>
internal sealed class SlicedReadStream(byte[] data, params int[] sliceSizes) : Stream
{
    private int _position;
    private int _readCount;

    public int ReadCount => _readCount;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => data.Length;

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        var slice = sliceSizes[_readCount++ % sliceSizes.Length];
        var length = Math.Min(Math.Min(slice, buffer.Length), data.Length - _position);
        data.AsSpan(_position, length).CopyTo(buffer);
        _position += length;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Task.FromResult(Read(buffer.AsSpan(offset, count)));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
