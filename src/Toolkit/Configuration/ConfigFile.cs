using System.Globalization;
using System.Numerics;
using System.Text;
using System.Text.Json;
using Fleetbook.Inputs;

namespace Fleetbook.Configuration;

/// <summary>Reads and writes fleetbook.json, reporting every problem with its line, column, key and fix.</summary>
public static class ConfigFile
{
    /// <summary>Loads and validates a config file; throws <see cref="InputException"/> listing every problem found.</summary>
    public static RunConfig Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, null, null, null, "the config file does not exist.",
                Directory.Exists(path) ? $"pass the file inside it ({Path.Combine(path, RunConfig.DefaultFileName)})." : "run 'fleetbook init' to write one, or 'fleetbook import-ds config.py' to convert a Distributed-Something config."));
        }

        return Parse(SourceJson.ParseFile(path), path);
    }

    public static RunConfig Parse(string json, string fileName) => Parse(SourceJson.Parse(json, fileName), fileName);

    public static RunConfig Parse(SourceNode root, string fileName)
    {
        var problems = new List<InputProblem>();
        if (root.Kind != SourceKind.Object)
        {
            throw new InputException(root.Problem(fileName, $"the config must be a JSON object, found {root.Describe()}.", "write { \"appName\": \"MyRun\", \"command\": [...] }."));
        }

        var config = new RunConfig { AppName = "" };
        config = Bind(root, ConfigSchema.Fields, config, fileName, problems);
        foreach (var field in ConfigSchema.Fields.Where(f => f.Required))
        {
            if (root[field.Name] is null)
            {
                problems.Add(new InputProblem(fileName, root.Line, root.Column, field.Name, $"the required key '{field.Name}' is missing.", $"add \"{field.Name}\": {ExampleFor(field)}."));
            }
        }

        if (problems.Count == 0)
        {
            problems.AddRange(ConfigRules.Check(config, fileName, root));
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }

        return config;
    }

    public static void Save(RunConfig config, string path)
    {
        var directory = Path.GetDirectoryName(Path.GetFullPath(path))!;
        Directory.CreateDirectory(directory);
        var temporary = path + ".tmp";
        File.WriteAllText(temporary, ToJson(config, RunConfig.SchemaFileName));
        File.Move(temporary, path, overwrite: true);
    }

    public static string ToJson(RunConfig config, string? schemaReference = null)
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer, new JsonWriterOptions { Indented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            if (schemaReference is not null)
            {
                writer.WriteString("$schema", "./" + schemaReference);
            }

            WriteFields(writer, ConfigSchema.Fields, config);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray()) + "\n";
    }

    private static void WriteFields(Utf8JsonWriter writer, IReadOnlyList<ConfigField> fields, RunConfig config)
    {
        foreach (var field in fields)
        {
            var value = field.Get(config);
            writer.WritePropertyName(field.Name);
            switch (field.Type)
            {
                case FieldType.String or FieldType.Enum:
                    writer.WriteStringValue((string)value!);
                    break;
                case FieldType.Integer:
                    writer.WriteNumberValue(Convert.ToInt64(value, CultureInfo.InvariantCulture));
                    break;
                case FieldType.Number:
                    writer.WriteNumberValue((double)value!);
                    break;
                case FieldType.Boolean:
                    writer.WriteBooleanValue((bool)value!);
                    break;
                case FieldType.StringList:
                    writer.WriteStartArray();
                    foreach (var item in (IReadOnlyList<string>)value!)
                    {
                        writer.WriteStringValue(item);
                    }

                    writer.WriteEndArray();
                    break;
                case FieldType.StringMap:
                    writer.WriteStartObject();
                    foreach (var (key, item) in (IReadOnlyDictionary<string, string>)value!)
                    {
                        writer.WriteString(key, item);
                    }

                    writer.WriteEndObject();
                    break;
                case FieldType.Object:
                    writer.WriteStartObject();
                    WriteFields(writer, field.Children!, config);
                    writer.WriteEndObject();
                    break;
            }
        }
    }

    private static RunConfig Bind(SourceNode node, IReadOnlyList<ConfigField> fields, RunConfig config, string fileName, List<InputProblem> problems)
    {
        foreach (var property in node.Properties)
        {
            if (property.Name == "$schema")
            {
                continue;
            }

            var field = fields.FirstOrDefault(f => f.Name == property.Name);
            if (field is null)
            {
                var where = node.Path.Length == 0 ? property.Name : $"{node.Path}.{property.Name}";
                problems.Add(new InputProblem(fileName, property.Line, property.Column, where, $"'{property.Name}' is not a config key; {NearestName.DidYouMean(property.Name, fields.Select(f => f.Name))}",
                    NearestName.Suggest(property.Name, fields.Select(f => f.Name)) is { } near ? $"rename it to '{near}'." : "remove it, or put program settings under \"environment\"."));
                continue;
            }

            if (field.Type == FieldType.Object)
            {
                if (property.Value.Kind != SourceKind.Object)
                {
                    problems.Add(property.Value.Problem(fileName, $"expected an object, found {property.Value.Describe()}.", $"write \"{field.Name}\": {{ ... }}."));
                    continue;
                }

                config = Bind(property.Value, field.Children!, config, fileName, problems);
                continue;
            }

            if (TryConvert(field, property.Value, fileName, problems, out var value))
            {
                config = field.Set(config, value);
            }
        }

        return config;
    }

    private static bool TryConvert(ConfigField field, SourceNode node, string fileName, List<InputProblem> problems, out object? value)
    {
        value = null;
        switch (field.Type)
        {
            case FieldType.String:
                if (node.Kind != SourceKind.String)
                {
                    problems.Add(node.Problem(fileName, $"expected text, found {node.Describe()}.", $"put the value in double quotes: \"{node.Text ?? node.Describe()}\"."));
                    return false;
                }

                value = node.Text;
                return true;

            case FieldType.Enum:
                if (node.Kind != SourceKind.String || !field.Allowed!.Contains(node.Text!))
                {
                    problems.Add(node.Problem(fileName, $"expected one of {string.Join(", ", field.Allowed!.Select(a => $"\"{a}\""))}, found {node.Describe()}.",
                        node.Text is { } given && NearestName.Suggest(given, field.Allowed!) is { } near ? $"write \"{near}\"." : $"write \"{field.Allowed![0]}\"."));
                    return false;
                }

                value = node.Text;
                return true;

            case FieldType.Boolean:
                if (!node.IsBoolean)
                {
                    var fix = node.Kind == SourceKind.String && bool.TryParse(node.Text, out var parsed)
                        ? $"write {(parsed ? "true" : "false")} without quotes (fleetbook.json is typed; 'import-ds' converts Distributed-Something's string booleans)."
                        : "write true or false.";
                    problems.Add(node.Problem(fileName, $"expected true or false, found {node.Describe()}.", fix));
                    return false;
                }

                value = node.Kind == SourceKind.True;
                return true;

            case FieldType.Integer:
                if (node.Kind == SourceKind.Number && BigInteger.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var huge)
                    && (huge < long.MinValue || huge > long.MaxValue))
                {
                    // Past what a long holds, so past every field's range: say so rather than "not a whole number".
                    InRange(field, huge < 0 ? double.NegativeInfinity : double.PositiveInfinity, node, fileName, problems);
                    return false;
                }

                if (node.Kind != SourceKind.Number || !long.TryParse(node.Text, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var whole))
                {
                    var fix = node.Kind == SourceKind.String && long.TryParse(node.Text, CultureInfo.InvariantCulture, out var quoted)
                        ? $"write {quoted} without quotes."
                        : "write a whole number, such as 3.";
                    problems.Add(node.Problem(fileName, $"expected a whole number, found {node.Describe()}.", fix));
                    return false;
                }

                if (!InRange(field, whole, node, fileName, problems))
                {
                    return false;
                }

                value = whole;
                return true;

            case FieldType.Number:
                if (node.Kind != SourceKind.Number || !double.TryParse(node.Text, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                {
                    problems.Add(node.Problem(fileName, $"expected a number, found {node.Describe()}.", "write a number without quotes, such as 0.10."));
                    return false;
                }

                if (!double.IsFinite(number))
                {
                    // 1e400 parses as infinity.
                    InRange(field, number, node, fileName, problems);
                    return false;
                }

                if (!InRange(field, number, node, fileName, problems))
                {
                    return false;
                }

                value = number;
                return true;

            case FieldType.StringList:
                if (node.Kind == SourceKind.String && field.Name != "command")
                {
                    value = new[] { node.Text! };
                    return true;
                }

                if (node.Kind != SourceKind.Array)
                {
                    var fix = field.Name == "command" && node.Kind == SourceKind.String
                        ? $"write the command as a list of arguments, such as [{string.Join(", ", (node.Text ?? "").Split(' ', StringSplitOptions.RemoveEmptyEntries).Select(a => $"\"{a}\""))}] (set \"shell\": true only if you need a shell)."
                        : "write a list of strings, such as [\"a\", \"b\"].";
                    problems.Add(node.Problem(fileName, $"expected a list of strings, found {node.Describe()}.", fix));
                    return false;
                }

                var items = new List<string>();
                foreach (var item in node.Items)
                {
                    if (item.Kind != SourceKind.String)
                    {
                        problems.Add(item.Problem(fileName, $"expected text, found {item.Describe()}.", $"put it in double quotes: \"{item.Text ?? item.Describe()}\"."));
                        return false;
                    }

                    items.Add(item.Text!);
                }

                value = items;
                return true;

            case FieldType.StringMap:
                if (node.Kind != SourceKind.Object)
                {
                    problems.Add(node.Problem(fileName, $"expected an object of names and text values, found {node.Describe()}.", "write { \"NAME\": \"value\" }."));
                    return false;
                }

                var map = new Dictionary<string, string>();
                foreach (var entry in node.Properties)
                {
                    if (entry.Value.Kind is SourceKind.Object or SourceKind.Array or SourceKind.Null)
                    {
                        problems.Add(entry.Value.Problem(fileName, $"expected text, found {entry.Value.Describe()}.", "environment values are text: put the value in double quotes."));
                        return false;
                    }

                    map[entry.Name] = entry.Value.Kind switch
                    {
                        SourceKind.True => "True",
                        SourceKind.False => "False",
                        _ => entry.Value.Text!,
                    };
                }

                value = map;
                return true;
        }

        return false;
    }

    private static bool InRange(ConfigField field, double value, SourceNode node, string fileName, List<InputProblem> problems)
    {
        if (field.Minimum is double minimum && value < minimum)
        {
            problems.Add(node.Problem(fileName, $"{node.Text} is below the smallest allowed value, {minimum.ToString(CultureInfo.InvariantCulture)}.", $"use a value of at least {minimum.ToString(CultureInfo.InvariantCulture)}."));
            return false;
        }

        if (field.Maximum is double maximum && value > maximum)
        {
            problems.Add(node.Problem(fileName, $"{node.Text} is above the largest allowed value, {maximum.ToString(CultureInfo.InvariantCulture)}.", $"use a value of at most {maximum.ToString(CultureInfo.InvariantCulture)}."));
            return false;
        }

        return true;
    }

    private static string ExampleFor(ConfigField field) => field.Name switch
    {
        "appName" => "\"MyRun\"",
        "command" => "[\"my-program\", \"--input\", \"{input_dir}\", \"--output\", \"{output_dir}\"]",
        _ => "...",
    };
}
