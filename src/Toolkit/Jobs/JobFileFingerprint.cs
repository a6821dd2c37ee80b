using System.Security.Cryptography;

namespace Fleetbook.Jobs;

/// <summary>
/// What a job file's bytes were when it was checked: its length and a SHA-256 of each block of 1 MiB, kept by
/// <see cref="Record"/> as the checking reads the file. A later reading of the file through <see cref="Verify"/> gets
/// only bytes proven to be those checked, so the jobs it finds are the jobs checked, without checking them again.
/// </summary>
internal sealed class JobFileFingerprint
{
    public const int BlockBytes = 1024 * 1024;

    private readonly List<byte[]> _blocks = [];
    private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private int _inBlock;
    private bool _complete;

    /// <summary>How many bytes the file had (once recording has read it to its end).</summary>
    public long Length { get; private set; }

    public int Blocks => _blocks.Count;

    /// <summary>A stream that reads <paramref name="file"/> and records what it reads here; the recording is complete once it has read to the end.</summary>
    public Stream Record(Stream file) => new RecordingStream(file, this);

    /// <summary>
    /// A stream that reads <paramref name="file"/> a block ahead and hands out a block's bytes only once all of them match
    /// the recording; a block that differs, or a file that ends elsewhere, throws <paramref name="changed"/>'s exception.
    /// </summary>
    public Stream Verify(Stream file, Func<Exception> changed) =>
        _complete ? new VerifiedStream(file, this, changed) : throw new InvalidOperationException("The file was not read to its end when it was checked.");

    internal bool Matches(int block, ReadOnlySpan<byte> bytes) =>
        block < _blocks.Count && bytes.Length == BlockLength(block) && SHA256.HashData(bytes).AsSpan().SequenceEqual(_blocks[block]);

    private int BlockLength(int block) => block < _blocks.Count - 1 ? BlockBytes : (int)(Length - ((long)block * BlockBytes));

    private void Add(ReadOnlySpan<byte> bytes)
    {
        while (!bytes.IsEmpty)
        {
            var take = Math.Min(bytes.Length, BlockBytes - _inBlock);
            _hash.AppendData(bytes[..take]);
            _inBlock += take;
            Length += take;
            bytes = bytes[take..];
            if (_inBlock == BlockBytes)
            {
                EndBlock();
            }
        }
    }

    private void End()
    {
        if (_complete)
        {
            return;
        }

        if (_inBlock > 0)
        {
            EndBlock();
        }

        _complete = true;
    }

    private void EndBlock()
    {
        _blocks.Add(_hash.GetHashAndReset());
        _inBlock = 0;
    }

    private sealed class RecordingStream(Stream file, JobFileFingerprint fingerprint) : ReadOnlyForwardStream(file)
    {
        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            var read = File.Read(buffer);
            if (read == 0)
            {
                fingerprint.End();
            }
            else
            {
                fingerprint.Add(buffer[..read]);
            }

            return read;
        }
    }

    private sealed class VerifiedStream(Stream file, JobFileFingerprint fingerprint, Func<Exception> changed) : ReadOnlyForwardStream(file)
    {
        private readonly byte[] _block = new byte[BlockBytes];
        private int _blockIndex = -1;
        private int _length;
        private int _served;
        private bool _ended;

        public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

        public override int Read(Span<byte> buffer)
        {
            if (_served == _length && !_ended)
            {
                NextBlock();
            }

            var count = Math.Min(buffer.Length, _length - _served);
            _block.AsSpan(_served, count).CopyTo(buffer);
            _served += count;
            return count;
        }

        private void NextBlock()
        {
            _blockIndex++;
            _length = 0;
            _served = 0;
            int read;
            while (_length < BlockBytes && (read = File.Read(_block, _length, BlockBytes - _length)) > 0)
            {
                _length += read;
            }

            if (_length == 0)
            {
                _ended = true;
                if (_blockIndex != fingerprint.Blocks)
                {
                    throw changed();
                }
            }
            else if (!fingerprint.Matches(_blockIndex, _block.AsSpan(0, _length)))
            {
                throw changed();
            }
        }
    }
}
