using System.Globalization;
using System.Numerics;
using System.Text.RegularExpressions;
using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// Turns a config.py value into the typed value a fleetbook.json field holds, accepting what run.py and the
/// workers accept: string booleans in any case, numbers as numeric text, one machine type without a list.
/// </summary>
internal static partial class DsValueConverter
{
    /// <summary>The value <see cref="ConfigField.Set"/> takes, or null after adding a problem that points at the value.</summary>
    public static object? Convert(ConfigField field, PyBinding binding, string fileName, List<InputProblem> problems)
    {
        var key = binding.Name;
        var value = binding.Value;
        InputProblem Problem(string message, string fix) => new(fileName, binding.ValueLine, binding.ValueColumn, key, message, fix);

        switch (field.Type)
        {
            case FieldType.String when value is PyStr text:
                return text.Value;
            case FieldType.String:
                problems.Add(Problem($"{key} must be text, but config.py gives {value.Describe()}.", $"put it in quotes, e.g. {key} = {PyFormat.StringRepr(value.Str())}."));
                return null;

            case FieldType.Boolean when value is PyBool flag:
                return flag.Value;
            case FieldType.Boolean when value is PyStr text && text.Value.ToLowerInvariant() is "true" or "false":
                return text.Value.Equals("true", StringComparison.OrdinalIgnoreCase);
            case FieldType.Boolean:
                problems.Add(Problem($"{key} must be 'True' or 'False', but config.py gives {value.Describe()}.", $"write {key} = 'True' or {key} = 'False'."));
                return null;

            case FieldType.Integer:
                return ToWhole(field, key, value, Problem, problems);

            case FieldType.Number:
                return ToNumber(field, key, value, Problem, problems);

            case FieldType.StringList when value is PyStr single:
                return new[] { single.Value };
            case FieldType.StringList when value is PyList list && list.Items.All(i => i is PyStr):
                return list.Items.Select(i => ((PyStr)i).Value).ToArray();
            case FieldType.StringList:
                var bad = value is PyList items ? items.Items.First(i => i is not PyStr) : value;
                problems.Add(Problem($"{key} must be a list of text, but config.py gives {value.Describe()} ({bad.Describe()} is not text).",
                    $"put each item in quotes, e.g. {DsKeys.Example(key)}."));
                return null;
        }

        throw new InvalidOperationException($"No config.py conversion for {field.Type}.");
    }

    private static long? ToWhole(ConfigField field, string key, PyValue value, Func<string, string, InputProblem> problem, List<InputProblem> problems)
    {
        BigInteger? whole = value switch
        {
            PyInt i => i.Value,
            PyFloat f when double.IsFinite(f.Value) && Math.Floor(f.Value) == f.Value => new BigInteger(f.Value),
            PyStr s when WholeText().IsMatch(s.Value) => BigInteger.Parse(s.Value.Replace("_", "", StringComparison.Ordinal).Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture),
            _ => null,
        };
        if (whole is not { } number)
        {
            var fix = value is PyFloat f && double.IsFinite(f.Value)
                ? $"write a whole number, e.g. {key} = {Math.Round(f.Value).ToString(CultureInfo.InvariantCulture)}."
                : $"write a whole number, e.g. {DsKeys.Example(key)}.";
            problems.Add(problem($"{key} must be a whole number, but config.py gives {value.Describe()}.", fix));
            return null;
        }

        // Fields stored as int cannot take more than int.MaxValue even where the schema sets no maximum.
        var largest = field.Maximum ?? (field.Get(DsKeys.Defaults) is int ? int.MaxValue : long.MaxValue);
        return InRange(field, (double)number, number.ToString(CultureInfo.InvariantCulture), key, problem, problems, largest) ? (long)number : null;
    }

    private static double? ToNumber(ConfigField field, string key, PyValue value, Func<string, string, InputProblem> problem, List<InputProblem> problems)
    {
        double? number = value switch
        {
            PyInt i => (double)i.Value,
            PyFloat f when double.IsFinite(f.Value) => f.Value,
            _ => null,
        };
        if (number is not { } result)
        {
            var fix = value is PyStr s && double.TryParse(s.Value, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed)
                ? $"write the number without quotes: {key} = {PyFormat.FloatRepr(parsed)}."
                : $"write a number, e.g. {DsKeys.Example(key)}.";
            problems.Add(problem($"{key} must be a number, but config.py gives {value.Describe()}.", fix));
            return null;
        }

        return InRange(field, result, PyFormat.FloatRepr(result), key, problem, problems, field.Maximum ?? double.MaxValue) ? result : null;
    }

    private static bool InRange(ConfigField field, double value, string shown, string key, Func<string, string, InputProblem> problem, List<InputProblem> problems, double maximum)
    {
        if (field.Minimum is double minimum && value < minimum)
        {
            var least = minimum.ToString(CultureInfo.InvariantCulture);
            problems.Add(problem($"{key} is {shown}, below the smallest value Fleetbook allows, {least}.", $"use at least {least}, e.g. {key} = {least}."));
            return false;
        }

        if (value > maximum)
        {
            var most = maximum.ToString(CultureInfo.InvariantCulture);
            problems.Add(problem($"{key} is {shown}, above the largest value Fleetbook allows, {most}.", $"use at most {most}, e.g. {key} = {most}."));
            return false;
        }

        return true;
    }

    [GeneratedRegex(@"^\s*[+-]?[0-9]+(_[0-9]+)*\s*$")]
    private static partial Regex WholeText();
}
