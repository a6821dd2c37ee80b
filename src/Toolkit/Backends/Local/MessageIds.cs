using System.Security.Cryptography;

namespace Fleetbook.Backends.Local;

/// <summary>
/// New message ids, the random (version 4) UUIDs <see cref="Guid.NewGuid"/> makes, written as UTF-8 text
/// (<c>xxxxxxxx-xxxx-4xxx-yxxx-xxxxxxxxxxxx</c>), for a batch of messages at a time: the randomness of a whole batch is
/// asked of the system at once instead of once per id.
/// </summary>
internal sealed class MessageIds
{
    public const int TextBytes = 36;
    private const int UuidBytes = 16;
    private const int IdsPerFill = 1024;

    private readonly byte[] _random = new byte[UuidBytes * IdsPerFill];
    private int _next = IdsPerFill;

    /// <summary>Writes the next id into <paramref name="destination"/> (at least <see cref="TextBytes"/> long) and returns its length.</summary>
    public int Next(Span<byte> destination)
    {
        if (_next == IdsPerFill)
        {
            RandomNumberGenerator.Fill(_random);
            _next = 0;
        }

        Span<byte> uuid = stackalloc byte[UuidBytes];
        _random.AsSpan(_next++ * UuidBytes, UuidBytes).CopyTo(uuid);
        uuid[6] = (byte)((uuid[6] & 0x0F) | 0x40); // version 4: random
        uuid[8] = (byte)((uuid[8] & 0x3F) | 0x80); // variant 1 (RFC 9562)
        new Guid(uuid, bigEndian: true).TryFormat(destination, out var written);
        return written;
    }
}
