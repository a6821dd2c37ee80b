using System.Globalization;

namespace Fleetbook.Charts.Svg;

internal enum ScaleKind
{
    Linear,
    Log,
    Date,
    Category,
}

/// <summary>
/// How one axis places values, decided from its <see cref="Axis.Type"/> and the columns drawn along it as plotly
/// decides: instants make a date axis, labels that are not all numbers a category axis. Positions are numbers
/// (instants in Unix milliseconds) or, on a category axis, the index of the label in order of first appearance.
/// </summary>
internal sealed class AxisPlan
{
    private const string TimeLabel = "yyyy-MM-dd HH:mm:ss";

    private readonly Dictionary<string, int> _categoryIndex;

    private AxisPlan(ScaleKind kind, Axis axis, IReadOnlyList<string> categories)
    {
        Kind = kind;
        Axis = axis;
        Categories = categories;
        _categoryIndex = categories.Select((label, i) => (label, i)).ToDictionary(c => c.label, c => c.i, StringComparer.Ordinal);
    }

    public ScaleKind Kind { get; }

    public Axis Axis { get; }

    public IReadOnlyList<string> Categories { get; }

    public static AxisPlan For(Axis axis, IReadOnlyList<Values> columns)
    {
        var kind = axis.Type switch
        {
            AxisType.Category => ScaleKind.Category,
            AxisType.Date => ScaleKind.Date,
            AxisType.Log => ScaleKind.Log,
            AxisType.Linear => ScaleKind.Linear,
            _ when columns.Any(c => c.Kind == ValueKind.Times) => ScaleKind.Date,
            _ when columns.Any(c => c.Kind == ValueKind.Labels && !AllNumbers(c)) => ScaleKind.Category,
            _ => ScaleKind.Linear,
        };
        if (kind != ScaleKind.Category)
        {
            return new AxisPlan(kind, axis, []);
        }

        var categories = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var column in columns)
        {
            for (var i = 0; i < column.Count; i++)
            {
                if (Label(column, i) is { } label && seen.Add(label))
                {
                    categories.Add(label);
                }
            }
        }

        return new AxisPlan(kind, axis, categories);
    }

    /// <summary>Where value <paramref name="index"/> of <paramref name="column"/> lies along the axis; null where it cannot be placed (a gap).</summary>
    public double? Position(Values column, int index)
    {
        if (Kind == ScaleKind.Category)
        {
            return Label(column, index) is { } label && _categoryIndex.TryGetValue(label, out var at) ? at : null;
        }

        return column.Kind switch
        {
            ValueKind.Numbers => column.NumberAt(index) is { } number && double.IsFinite(number) ? number : null,
            ValueKind.Times => column.TimeAt(index).ToUnixTimeMilliseconds(),
            _ when Kind == ScaleKind.Date => DateTimeOffset.TryParse(column.LabelAt(index), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var time)
                ? time.ToUnixTimeMilliseconds()
                : null,
            _ => ParseNumber(column.LabelAt(index)),
        };
    }

    private static string? Label(Values column, int index) => column.Kind switch
    {
        ValueKind.Numbers => column.NumberAt(index)?.ToString(CultureInfo.InvariantCulture),
        ValueKind.Times => column.TimeAt(index).UtcDateTime.ToString(TimeLabel, CultureInfo.InvariantCulture),
        _ => column.LabelAt(index),
    };

    private static bool AllNumbers(Values column) =>
        Enumerable.Range(0, column.Count).All(i => ParseNumber(column.LabelAt(i)) is not null);

    private static double? ParseNumber(string label) =>
        double.TryParse(label, NumberStyles.Float, CultureInfo.InvariantCulture, out var number) && double.IsFinite(number) ? number : null;
}
