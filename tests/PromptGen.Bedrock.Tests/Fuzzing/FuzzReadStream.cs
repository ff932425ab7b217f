namespace PromptGen.Bedrock.Tests.Fuzzing;

/// <summary>Thrown when a guard of the fuzz harness trips: the code under test looped instead of terminating.</summary>
internal sealed class FuzzGuardException(string message) : Exception(message);

/// <summary>
/// A read-only stream over fixed bytes whose reads return between 1 and a maximum number of bytes, chosen at random
/// (seeded, so reproducible). It counts reads and trips a guard if the reader keeps reading past the end instead
/// of finishing: over a finite stream, the reader must terminate.
/// </summary>
internal sealed class FuzzReadStream(byte[] data, Random random, int maxSliceLength) : Stream
{
    private int _position;
    private int _readsAfterEnd;

    public int ReadCount { get; private set; }

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
        ReadCount++;
        if (_position == data.Length && ++_readsAfterEnd > 2)
        {
            throw new FuzzGuardException($"The reader read {_readsAfterEnd} times after the end of a {data.Length}-byte stream.");
        }

        var slice = maxSliceLength == 1 ? 1 : random.Next(maxSliceLength) + 1;
        var length = Math.Min(Math.Min(slice, buffer.Length), data.Length - _position);
        data.AsSpan(_position, length).CopyTo(buffer);
        _position += length;
        return length;
    }

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return ValueTask.FromResult(Read(buffer.Span));
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        return Task.FromResult(Read(buffer.AsSpan(offset, count)));
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
