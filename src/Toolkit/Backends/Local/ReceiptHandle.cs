using System.Globalization;
using System.Security.Cryptography;

namespace Fleetbook.Backends.Local;

/// <summary>
/// <c>&lt;row&gt;.&lt;token&gt;</c>: the row finds the message, the token (fresh and random per receive, stored on the row)
/// proves the handle belongs to the latest receive.
/// </summary>
internal readonly record struct ReceiptHandle(long Row, string Token)
{
    public static ReceiptHandle New(long row) => new(row, Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16)));

    public static bool TryParse(string? text, out ReceiptHandle handle)
    {
        handle = default;
        var dot = text?.IndexOf('.') ?? -1;
        if (dot <= 0 || dot == text!.Length - 1
            || !long.TryParse(text.AsSpan(0, dot), NumberStyles.None, CultureInfo.InvariantCulture, out var row))
        {
            return false;
        }

        handle = new ReceiptHandle(row, text[(dot + 1)..]);
        return true;
    }

    public override string ToString() => $"{Row.ToString(CultureInfo.InvariantCulture)}.{Token}";
}
