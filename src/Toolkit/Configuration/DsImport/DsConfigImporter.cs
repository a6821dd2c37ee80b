using System.Text.RegularExpressions;
using Fleetbook.Inputs;

namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// Converts a Distributed-Something / Distributed-CellProfiler <c>config.py</c>, as the user has it, into a
/// <see cref="RunConfig"/> (<c>fleetbook import-ds config.py</c>). The file is read as data, never run.
/// </summary>
public static partial class DsConfigImporter
{
    /// <summary>Reads and converts a config.py; throws <see cref="InputException"/> listing every problem found.</summary>
    public static DsImportResult Import(string path)
    {
        if (!File.Exists(path))
        {
            throw new InputException(new InputProblem(path, null, null, null, "the file does not exist.",
                Directory.Exists(path) ? $"pass the config.py inside it ({Path.Combine(path, "config.py")})." : "pass the path of your Distributed-Something config.py."));
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new InputException(new InputProblem(path, null, null, null, $"cannot read the file ({ex.Message}).", "check the path and that the file is readable."));
        }

        return Parse(text, path);
    }

    /// <summary>Converts config.py text; <paramref name="fileName"/> is how problems name the file.</summary>
    public static DsImportResult Parse(string text, string fileName) =>
        new Conversion(fileName, PyEvaluator.Run(text, fileName, DsKeys.Example)).Run();

    [GeneratedRegex("^[A-Za-z_][A-Za-z0-9_]*$")]
    private static partial Regex EnvironmentName();

    private sealed class Conversion(string fileName, PyEvaluation evaluation)
    {
        private readonly List<InputProblem> _problems = [.. evaluation.Problems];
        private readonly List<(int Line, string Text)> _notes = [];
        private readonly Dictionary<string, string> _environment = new(StringComparer.Ordinal);
        private readonly Dictionary<ConfigField, PyBinding> _sources = [];
        private readonly HashSet<ConfigField> _failed = [];
        private readonly Dictionary<string, PyBinding> _bindings = evaluation.Bindings.ToDictionary(b => b.Name, StringComparer.Ordinal);
        private RunConfig _config = DsKeys.Defaults;

        public DsImportResult Run()
        {
            foreach (var binding in evaluation.Bindings)
            {
                if (DsKeys.Fields.TryGetValue(binding.Name, out var field))
                {
                    MapField(field, binding);
                }
                else if (binding.Name == DsKeys.UploadFlags && IsFalse(binding.Value))
                {
                    _notes.Add((binding.Line, DsNotes.UploadFlagsOff(binding)));
                }
                else if (binding.Name != DsKeys.RequirementsFile)
                {
                    AddEnvironment(binding, binding.Name, binding.Value.Str(), DsNotes.Environment(binding, binding.Value.Str(), DsKeys.WorkerEnvironment.Contains(binding.Name)));
                }
            }

            foreach (var name in evaluation.Failed)
            {
                if (DsKeys.Fields.TryGetValue(name, out var field))
                {
                    _failed.Add(field);
                }
            }

            MapDestination();
            MapRequirementsFile();
            ClearDerivedNames();
            CheckRequired();
            _config = _config with { Environment = _environment };
            _problems.AddRange(DsRuleCheck.Check(_config, fileName, _sources, _failed));
            if (_problems.Count > 0)
            {
                throw new InputException([.. _problems.OrderBy(p => p.Line ?? 0).ThenBy(p => p.Column ?? 0)]);
            }

            return new DsImportResult(_config, [DsNotes.Command, DsNotes.Backend, .. _notes.OrderBy(n => n.Line).Select(n => n.Text), .. MissingNotes()]);
        }

        private void MapField(ConfigField field, PyBinding binding)
        {
            switch (field.DsKey)
            {
                case DsKeys.SourceBucket or DsKeys.WorkspaceBucket when IsFalse(binding.Value):
                    Set(field, binding, "");
                    return;
                case DsKeys.DestinationBucket:
                    return;
            }

            var value = DsValueConverter.Convert(field, binding, fileName, _problems);
            if (value is null)
            {
                _failed.Add(field);
                return;
            }

            if (field.DsKey == DsKeys.DeadLetterQueue && value is string arn && arn.Contains(':'))
            {
                value = arn[(arn.LastIndexOf(':') + 1)..];
                _notes.Add((binding.Line, DsNotes.DeadLetterArn(binding, (string)value)));
            }

            Set(field, binding, value);
            if (field.DsKey == DsKeys.Profile)
            {
                _notes.Add((binding.Line, DsNotes.Profile(binding)));
            }

            if (field.DsKey == DsKeys.DownloadFiles && value is true)
            {
                _notes.Add((binding.Line, DsNotes.DownloadFiles(binding)));
            }
        }

        /// <summary>Distributed-CellProfiler uses DESTINATION_BUCKET only together with a SOURCE_BUCKET that is not 'False'.</summary>
        private void MapDestination()
        {
            if (!_bindings.TryGetValue(DsKeys.DestinationBucket, out var binding))
            {
                return;
            }

            var field = DsKeys.Fields[DsKeys.DestinationBucket];
            var sourceOn = _bindings.TryGetValue(DsKeys.SourceBucket, out var source) && !IsFalse(source.Value);
            if (!sourceOn)
            {
                if (!IsFalse(binding.Value) && binding.Value is not PyStr { Value: "" })
                {
                    _notes.Add((binding.Line, DsNotes.DestinationIgnored(binding)));
                }

                return;
            }

            if (DsValueConverter.Convert(field, binding, fileName, _problems) is { } value)
            {
                Set(field, binding, value);
            }
            else
            {
                _failed.Add(field);
            }
        }

        /// <summary>REQUIREMENTS_FILE, when set (truthy in Python), replaces REQUIREMENTS, as Distributed-CellProfiler's run.py does.</summary>
        private void MapRequirementsFile()
        {
            if (!_bindings.TryGetValue(DsKeys.RequirementsFile, out var binding))
            {
                return;
            }

            if (IsFalse(binding.Value) || binding.Value is PyNone or PyStr { Value: "" } or PyInt { Value.IsZero: true } or PyList { Items.Count: 0 })
            {
                _notes.Add((binding.Line, DsNotes.RequirementsFileUnset(binding)));
                return;
            }

            AddEnvironment(binding, DsKeys.Requirements, binding.Value.Str(), DsNotes.RequirementsFile(binding, binding.Value.Str()));
        }

        private void ClearDerivedNames()
        {
            var appName = _config.AppName;
            if (appName.Length == 0)
            {
                return;
            }

            Clear("queueName", appName + "Queue", c => c with { QueueName = "" }, "equal to APP_NAME + 'Queue'");
            Clear("deadLetterQueue", appName + "DeadMessages", c => c with { DeadLetterQueue = "" }, "equal to APP_NAME + 'DeadMessages'");
            Clear("logGroup", appName, c => c with { LogGroup = "" }, "the same as APP_NAME");
        }

        private void Clear(string name, string derived, Func<RunConfig, RunConfig> clear, string rule)
        {
            var field = DsKeys.Fields.Values.Single(f => f.Name == name);
            if (_sources.TryGetValue(field, out var binding) && Equals(field.Get(_config), derived))
            {
                _config = clear(_config);
                _notes.Add((binding.Line, DsNotes.Derived(binding, name, rule)));
            }
        }

        private void CheckRequired()
        {
            if (!_bindings.ContainsKey(DsKeys.AppName) && !evaluation.Failed.Contains(DsKeys.AppName))
            {
                _failed.Add(DsKeys.Fields[DsKeys.AppName]);
                _problems.Add(new InputProblem(fileName, 1, 1, DsKeys.AppName, "config.py does not set APP_NAME, which names the run (its queue, service and logs).",
                    "add a line APP_NAME = 'MyRun'."));
            }
        }

        private IEnumerable<string> MissingNotes()
        {
            var missing = DsKeys.Fields
                .Where(f => f.Key != DsKeys.AppName && !_bindings.ContainsKey(f.Key) && !evaluation.Failed.Contains(f.Key))
                .Select(f => (f.Key, Field: f.Value))
                .ToList();
            var optional = missing.Where(m => DsKeys.Optional.Contains(m.Key)).ToList();
            var required = missing.Where(m => !DsKeys.Optional.Contains(m.Key)).ToList();
            if (optional.Count > 0)
            {
                yield return DsNotes.MissingOptional(optional, _config);
            }

            if (required.Count > 0)
            {
                yield return DsNotes.MissingRequired(required, _config);
            }
        }

        private void Set(ConfigField field, PyBinding binding, object value)
        {
            _config = field.Set(_config, value);
            _sources[field] = binding;
        }

        private void AddEnvironment(PyBinding binding, string name, string value, string note)
        {
            if (!EnvironmentName().IsMatch(name))
            {
                _problems.Add(new InputProblem(fileName, binding.Line, binding.Column, binding.Name,
                    $"'{name}' cannot become an environment variable, which is how Fleetbook passes your own config.py settings to the program.",
                    "rename it using only ASCII letters, digits and '_', not starting with a digit."));
                return;
            }

            _environment[name] = value;
            _notes.Add((binding.Line, note));
        }

        /// <summary>False, or text that run.py's <c>.lower() == 'false'</c> test treats as off.</summary>
        private static bool IsFalse(PyValue value) => value is PyBool { Value: false } || (value is PyStr text && text.Value.Equals("false", StringComparison.OrdinalIgnoreCase));
    }
}
