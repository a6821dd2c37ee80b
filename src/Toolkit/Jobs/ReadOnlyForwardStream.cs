namespace Fleetbook.Jobs;

/// <summary>A read-only, forward-only view of another stream, which it disposes.</summary>
internal abstract class ReadOnlyForwardStream(Stream file) : Stream
{
    protected Stream File { get; } = file;

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();

    public override long Position
    {
        get => throw new NotSupportedException();
        set => throw new NotSupportedException();
    }

    public override void Flush()
    {
    }

    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

    public override void SetLength(long value) => throw new NotSupportedException();

    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            File.Dispose();
        }

        base.Dispose(disposing);
    }
}
