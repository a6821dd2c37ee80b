using System.Globalization;
using System.Security.Cryptography;

namespace Fleetbook.Backends.SharedFolder;

/// <summary>
/// A message's whole state, in the name of its file: <c>&lt;visible at, ms&gt;.&lt;message id&gt;.&lt;receives&gt;.&lt;receipt&gt;</c>.
/// The visible-at time leads, zero-padded, so names sort in the order messages become visible. Every change of state
/// renames the file to a name with a fresh receipt or a new time, which only the process making the change can produce.
/// </summary>
internal readonly record struct MessageFileName(long VisibleAtMs, string MessageId, int Receives, string Receipt)
{
    private const int TimeDigits = 13;

    public static string NewReceipt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(8));

    private static int s_sent;

    /// <summary>
    /// 32 hex digits that sort in the order messages were sent: the send time in ms, a count within this process, then
    /// random digits that keep ids of different processes apart.
    /// </summary>
    public static string NewMessageId(long sentMs) =>
        string.Create(CultureInfo.InvariantCulture, $"{sentMs:x12}{Interlocked.Increment(ref s_sent) & 0xFFFFFF:x6}") + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(7));

    public static bool TryParse(string name, out MessageFileName parsed)
    {
        parsed = default;
        var parts = name.Split('.');
        if (parts.Length != 4 || parts[0].Length != TimeDigits || parts[1].Length == 0 || parts[3].Length == 0
            || !long.TryParse(parts[0], NumberStyles.None, CultureInfo.InvariantCulture, out var visibleAt)
            || !int.TryParse(parts[2], NumberStyles.None, CultureInfo.InvariantCulture, out var receives))
        {
            return false;
        }

        parsed = new MessageFileName(visibleAt, parts[1], receives, parts[3]);
        return true;
    }

    /// <summary>The receipt handle a receive gives out: it stays the same while the visible-at time changes.</summary>
    public string Handle => $"{MessageId}.{Receives.ToString(CultureInfo.InvariantCulture)}.{Receipt}";

    /// <summary>What every file of this receive ends with, whatever its visible-at time.</summary>
    public string HandleSuffix => "." + Handle;

    public override string ToString() =>
        $"{VisibleAtMs.ToString("D" + TimeDigits, CultureInfo.InvariantCulture)}.{MessageId}.{Receives.ToString(CultureInfo.InvariantCulture)}.{Receipt}";
}
