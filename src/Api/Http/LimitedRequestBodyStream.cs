namespace ProxyAdmin.Api.Http;

/// <summary>
/// A request body sent without a length, read through a count: the read that passes
/// <see cref="RequestLimits.MaxRequestBodyBytes"/> throws the <see cref="BadHttpRequestException"/> (413) that Kestrel
/// throws at its own limit, so the exception handler answers both alike. Under Kestrel its own limit, set to the same
/// value, usually notices first; this count makes every server keep the limit, the test server included.
/// </summary>
public sealed class LimitedRequestBodyStream(Stream inner, RequestLimits limits) : Stream
{
    private long _read;

    public override bool CanRead => true;

    public override bool CanSeek => false;

    public override bool CanWrite => false;

    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

    public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

    public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
        Count(await inner.ReadAsync(buffer, cancellationToken));

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    private int Count(int read)
    {
        _read += read;
        if (_read > limits.MaxRequestBodyBytes)
        {
            throw new BadHttpRequestException(limits.BodyTooLargeMessage, StatusCodes.Status413PayloadTooLarge);
        }

        return read;
    }
}
