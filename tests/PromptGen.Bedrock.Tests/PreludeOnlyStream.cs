using PromptGen.Bedrock.EventStream;

namespace PromptGen.Bedrock.Tests;

/// <summary>
/// A stream that serves the 12-byte prelude of its data and fails every read after it, standing in for a peer that
/// declares a huge frame and then sends nothing more: a reader that must decide from the prelude alone may not read on.
/// </summary>
internal sealed class PreludeOnlyStream(byte[] data) : Stream
{
    private int _position;

    public int LargestReadRequested { get; private set; }

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => _position;
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        LargestReadRequested = Math.Max(LargestReadRequested, buffer.Length);
        var available = Math.Min(data.Length, EventStreamFrame.PreludeLength) - _position;
        if (available <= 0)
        {
            throw new InvalidOperationException($"The reader asked for more than the {_position}-byte prelude.");
        }

        var length = Math.Min(available, buffer.Length);
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
