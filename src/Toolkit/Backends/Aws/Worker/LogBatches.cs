using System.Text;
using Fleetbook.Backends.Aws.Services.Logs;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>The PutLogEvents limits, and how lines are cut into events and events into batches that respect them.</summary>
public static class LogBatches
{
    public const int MaxEventsPerBatch = 10_000;

    /// <summary>A batch's size: its messages in UTF-8 plus <see cref="EventOverheadBytes"/> per event.</summary>
    public const int MaxBatchBytes = 1_048_576;

    public const int EventOverheadBytes = 26;

    /// <summary>One event, overhead included.</summary>
    public const int MaxEventBytes = 256 * 1024;

    public const int MaxMessageBytes = MaxEventBytes - EventOverheadBytes;

    /// <summary>The events of one batch may span at most a day.</summary>
    public static readonly TimeSpan MaxBatchSpan = TimeSpan.FromHours(24);

    public static int SizeOf(InputLogEvent logEvent) => Encoding.UTF8.GetByteCount(logEvent.Message) + EventOverheadBytes;

    /// <summary>
    /// The events of one written line: one per line of it (as the local log files have them), each longer line cut
    /// into pieces of at most <see cref="MaxMessageBytes"/> at character boundaries. CloudWatch refuses empty
    /// messages, so an empty line is a single space.
    /// </summary>
    public static IReadOnlyList<string> Messages(string? line)
    {
        var messages = new List<string>();
        foreach (var part in (line ?? "").Split('\n'))
        {
            var text = part.TrimEnd('\r');
            if (text.Length == 0)
            {
                messages.Add(" ");
                continue;
            }

            if (Encoding.UTF8.GetByteCount(text) <= MaxMessageBytes)
            {
                messages.Add(text);
                continue;
            }

            var start = 0;
            var bytes = 0;
            for (var index = 0; index < text.Length;)
            {
                var width = char.IsHighSurrogate(text[index]) && index + 1 < text.Length && char.IsLowSurrogate(text[index + 1]) ? 2 : 1;
                var size = Encoding.UTF8.GetByteCount(text.AsSpan(index, width));
                if (bytes + size > MaxMessageBytes)
                {
                    messages.Add(text[start..index]);
                    start = index;
                    bytes = 0;
                }

                bytes += size;
                index += width;
            }

            messages.Add(text[start..]);
        }

        return messages;
    }

    /// <summary>Cuts events (already in time order) into as few batches as the limits allow, keeping their order.</summary>
    public static IReadOnlyList<IReadOnlyList<InputLogEvent>> Split(IReadOnlyList<InputLogEvent> events)
    {
        var batches = new List<IReadOnlyList<InputLogEvent>>();
        var batch = new List<InputLogEvent>();
        var bytes = 0;
        foreach (var logEvent in events)
        {
            var size = SizeOf(logEvent);
            if (batch.Count > 0 && (batch.Count == MaxEventsPerBatch || bytes + size > MaxBatchBytes || logEvent.Timestamp - batch[0].Timestamp > MaxBatchSpan))
            {
                batches.Add(batch);
                batch = [];
                bytes = 0;
            }

            batch.Add(logEvent);
            bytes += size;
        }

        if (batch.Count > 0)
        {
            batches.Add(batch);
        }

        return batches;
    }
}
