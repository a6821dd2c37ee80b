using System.Globalization;
using System.Text.Json;

namespace Fleetbook.Charts;

/// <summary>What a column of <see cref="Values"/> holds; plotly picks the axis type from it.</summary>
public enum ValueKind
{
    Numbers,
    Times,
    Labels,
}

/// <summary>
/// One column of plot values: numbers (gaps allowed), instants or labels. Built with <see cref="Numbers"/>,
/// <see cref="OptionalNumbers"/>, <see cref="Times"/> or <see cref="Labels"/> (one factory per kind, no overloads).
/// </summary>
public sealed record Values
{
    private readonly IReadOnlyList<double?>? _numbers;
    private readonly IReadOnlyList<DateTimeOffset>? _times;
    private readonly IReadOnlyList<string>? _labels;

    private Values(ValueKind kind, IReadOnlyList<double?>? numbers, IReadOnlyList<DateTimeOffset>? times, IReadOnlyList<string>? labels)
    {
        Kind = kind;
        _numbers = numbers;
        _times = times;
        _labels = labels;
    }

    public ValueKind Kind { get; }

    public int Count => _numbers?.Count ?? _times?.Count ?? _labels!.Count;

    public static Values Numbers(IEnumerable<double> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ValueKind.Numbers, values.Select(v => (double?)v).ToArray(), null, null);
    }

    /// <summary>Numbers with gaps: a null is drawn as a gap (a blank heatmap cell, a break in a line).</summary>
    public static Values OptionalNumbers(IEnumerable<double?> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ValueKind.Numbers, values.ToArray(), null, null);
    }

    /// <summary>Instants, written in UTC (plotly ignores time zones, so the axis reads in UTC).</summary>
    public static Values Times(IEnumerable<DateTimeOffset> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ValueKind.Times, null, values.ToArray(), null);
    }

    public static Values Labels(IEnumerable<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        return new(ValueKind.Labels, null, null, values.ToArray());
    }

    /// <summary>The number at <paramref name="index"/> of a <see cref="ValueKind.Numbers"/> column (null for a gap).</summary>
    internal double? NumberAt(int index) => _numbers![index];

    internal DateTimeOffset TimeAt(int index) => _times![index];

    internal string LabelAt(int index) => _labels![index];

    internal void Write(Utf8JsonWriter json)
    {
        json.WriteStartArray();
        switch (Kind)
        {
            case ValueKind.Numbers:
                foreach (var value in _numbers!)
                {
                    PlotJson.Number(json, value);
                }

                break;
            case ValueKind.Times:
                foreach (var value in _times!)
                {
                    json.WriteStringValue(value.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss.fff", CultureInfo.InvariantCulture));
                }

                break;
            default:
                foreach (var value in _labels!)
                {
                    json.WriteStringValue(value);
                }

                break;
        }

        json.WriteEndArray();
    }
}
