using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>Finds, before anything is sent, placeholders that some job cannot fill.</summary>
internal sealed class TemplateCheck
{
    private const int MaxNamesListed = 20;

    private readonly string _path;
    private readonly JobFileFormat _format;
    private readonly Dictionary<string, List<string>> _settingsByName = new(StringComparer.Ordinal);
    private readonly List<string> _unresolved;
    private readonly List<InputProblem> _problems = [];

    /// <summary>Checks the jobs of <paramref name="path"/> one at a time (<see cref="Add"/>), then <see cref="ThrowIfProblems"/>.</summary>
    public TemplateCheck(string path, JobFileFormat format, IReadOnlyList<(string Setting, Template Template)> templates)
    {
        _path = path;
        _format = format;
        foreach (var (setting, template) in templates)
        {
            foreach (var placeholder in template.Placeholders.Where(placeholder => !placeholder.IsBuiltIn))
            {
                if (!_settingsByName.TryGetValue(placeholder.Name, out var settings))
                {
                    _settingsByName[placeholder.Name] = settings = [];
                }

                if (!settings.Contains(setting))
                {
                    settings.Add(setting);
                }
            }
        }

        _unresolved = [.. _settingsByName.Keys];
    }

    /// <summary>Every placeholder has been found missing in some job: the other jobs cannot add a problem.</summary>
    public bool Done => _unresolved.Count == 0;

    public static void Check(JobFileContents jobs, IReadOnlyList<(string Setting, Template Template)> templates)
    {
        var check = new TemplateCheck(jobs.Path, jobs.Format, templates);
        foreach (var job in jobs.Jobs)
        {
            if (check.Done)
            {
                break;
            }

            check.Add(job, JobMessage.Parse(job.Body));
        }

        check.ThrowIfProblems();
    }

    /// <summary>Notes, for the first job that lacks each placeholder, that it does.</summary>
    public void Add(Job job, JobMessage message)
    {
        foreach (var name in _unresolved.Where(name => message.Resolve(name) is null).ToList())
        {
            _unresolved.Remove(name);
            _problems.Add(Problem(job, message, name, _settingsByName[name]));
        }
    }

    public void ThrowIfProblems()
    {
        if (_problems.Count > 0)
        {
            throw new InputException(_problems);
        }
    }

    private InputProblem Problem(Job job, JobMessage message, string name, List<string> settings)
    {
        var available = message.AvailableNames();
        var listed = string.Join(", ", available.Take(MaxNamesListed).Select(known => $"{{{known}}}"));
        var more = available.Count > MaxNamesListed ? $" and {available.Count - MaxNamesListed} more" : "";
        var suggestion = Suggest(name, available) is { } near ? $"did you mean {{{near}}}? Otherwise " : "";
        var add = name.StartsWith(Placeholder.GroupPrefix, StringComparison.Ordinal) ? $"add \"{name[Placeholder.GroupPrefix.Length..]}\" to every {(_format == JobFileFormat.Csv ? "row (as a column)" : "group")}"
            : name.StartsWith(Placeholder.MetadataPrefix, StringComparison.Ordinal) ? $"add {name[Placeholder.MetadataPrefix.Length..]}=… to every group's Metadata"
            : $"add a top-level \"{name}\" key";
        var fix = $"{suggestion}{add}, or change the placeholder; this job has {listed}{more}.";
        var where = string.Join(" and ", settings);
        return new InputProblem(_path, job.Line, job.Column, job.Where, $"{where} {(settings.Count == 1 ? "uses" : "use")} {{{name}}}, but this job has no value for it.", fix);
    }

    /// <summary>The closest name this job has; a bare <c>{Well}</c> also finds <c>{group.Well}</c>.</summary>
    private static string? Suggest(string name, IReadOnlyList<string> available)
    {
        var bare = Bare(name);
        var sameBare = available.FirstOrDefault(known => known != name && string.Equals(Bare(known), bare, StringComparison.OrdinalIgnoreCase));
        if (sameBare is not null)
        {
            return sameBare;
        }

        if (NearestName.Suggest(name, available) is { } near)
        {
            return near;
        }

        var byBare = available.GroupBy(Bare, StringComparer.Ordinal).ToDictionary(group => group.Key, group => group.First(), StringComparer.Ordinal);
        return NearestName.Suggest(bare, byBare.Keys) is { } nearBare ? byBare[nearBare] : null;
    }

    private static string Bare(string name)
    {
        foreach (var prefix in new[] { Placeholder.GroupPrefix, Placeholder.MetadataPrefix })
        {
            if (name.StartsWith(prefix, StringComparison.Ordinal))
            {
                return name[prefix.Length..];
            }
        }

        return name;
    }
}
