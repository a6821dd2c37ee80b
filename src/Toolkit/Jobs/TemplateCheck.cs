using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

/// <summary>Finds, before anything is sent, placeholders that some job cannot fill.</summary>
internal static class TemplateCheck
{
    private const int MaxNamesListed = 20;

    public static void Check(JobFileContents jobs, IReadOnlyList<(string Setting, Template Template)> templates)
    {
        var settingsByName = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        foreach (var (setting, template) in templates)
        {
            foreach (var placeholder in template.Placeholders.Where(placeholder => !placeholder.IsBuiltIn))
            {
                if (!settingsByName.TryGetValue(placeholder.Name, out var settings))
                {
                    settingsByName[placeholder.Name] = settings = [];
                }

                if (!settings.Contains(setting))
                {
                    settings.Add(setting);
                }
            }
        }

        var unresolved = new List<string>(settingsByName.Keys);
        var problems = new List<InputProblem>();
        foreach (var job in jobs.Jobs)
        {
            if (unresolved.Count == 0)
            {
                break;
            }

            var message = JobMessage.Parse(job.Body);
            foreach (var name in unresolved.Where(name => message.Resolve(name) is null).ToList())
            {
                unresolved.Remove(name);
                problems.Add(Problem(jobs, job, message, name, settingsByName[name]));
            }
        }

        if (problems.Count > 0)
        {
            throw new InputException(problems);
        }
    }

    private static InputProblem Problem(JobFileContents jobs, Job job, JobMessage message, string name, List<string> settings)
    {
        var available = message.AvailableNames();
        var listed = string.Join(", ", available.Take(MaxNamesListed).Select(known => $"{{{known}}}"));
        var more = available.Count > MaxNamesListed ? $" and {available.Count - MaxNamesListed} more" : "";
        var suggestion = Suggest(name, available) is { } near ? $"did you mean {{{near}}}? Otherwise " : "";
        var add = name.StartsWith(Placeholder.GroupPrefix, StringComparison.Ordinal) ? $"add \"{name[Placeholder.GroupPrefix.Length..]}\" to every {(jobs.Format == JobFileFormat.Csv ? "row (as a column)" : "group")}"
            : name.StartsWith(Placeholder.MetadataPrefix, StringComparison.Ordinal) ? $"add {name[Placeholder.MetadataPrefix.Length..]}=… to every group's Metadata"
            : $"add a top-level \"{name}\" key";
        var fix = $"{suggestion}{add}, or change the placeholder; this job has {listed}{more}.";
        var where = string.Join(" and ", settings);
        return new InputProblem(jobs.Path, job.Line, job.Column, job.Where, $"{where} {(settings.Count == 1 ? "uses" : "use")} {{{name}}}, but this job has no value for it.", fix);
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
