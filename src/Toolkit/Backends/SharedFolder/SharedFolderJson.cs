using System.Text.Json.Serialization;

namespace Fleetbook.Backends.SharedFolder;

// The shared-folder queue's files, serialized without reflection so that the native worker can read and write them.

/// <summary>queue.json, indented for a person reading it on the cluster.</summary>
[JsonSourceGenerationOptions(WriteIndented = true)]
[JsonSerializable(typeof(QueueAttributes))]
internal sealed partial class QueueAttributesJson : JsonSerializerContext;

/// <summary>The journal: one record per line.</summary>
[JsonSerializable(typeof(JournalLine))]
internal sealed partial class JournalLineJson : JsonSerializerContext;
