using System.Globalization;

namespace Fleetbook.Configuration.DsImport;

/// <summary>The sentences the importer tells the user about the conversion.</summary>
internal static class DsNotes
{
    public const string Command =
        "config.py holds no command (Distributed-Something's worker hard-codes the program it runs): fill in \"command\" in fleetbook.json, " +
        "the program to run for each job as a list of arguments, such as [\"cellprofiler\", \"-c\", \"-r\", \"-p\", \"{pipeline}\", \"-o\", \"{output_dir}\"].";

    public const string Backend =
        "\"backend\" is \"aws\", where Distributed-Something runs; set it to \"local\" to try the run on this machine first.";

    public static string Environment(PyBinding binding, string value, bool known) =>
        $"{At(binding)} {(known ? "has no Fleetbook setting" : "is not a Distributed-Something setting")}; " +
        $"your program gets it as the environment variable {binding.Name}={PyFormat.StringRepr(value)}.";

    public static string UploadFlagsOff(PyBinding binding) =>
        $"{At(binding)} is 'False', so, as in Distributed-CellProfiler, no UPLOAD_FLAGS variable is passed to your program.";

    public static string RequirementsFile(PyBinding binding, string value) =>
        $"{At(binding)} is the old name of REQUIREMENTS; as in Distributed-CellProfiler it sets REQUIREMENTS, " +
        $"which your program gets as the environment variable REQUIREMENTS={PyFormat.StringRepr(value)}.";

    public static string RequirementsFileUnset(PyBinding binding) =>
        $"{At(binding)} (the old name of REQUIREMENTS) is empty, so it is ignored.";

    public static string DeadLetterArn(PyBinding binding, string name) =>
        $"{At(binding)} is an ARN; as in Distributed-CellProfiler only the queue name after the last ':' is kept: \"{name}\".";

    public static string DestinationIgnored(PyBinding binding) =>
        $"{At(binding)} is ignored, as in Distributed-CellProfiler, because SOURCE_BUCKET is 'False' or not set: outputs go to AWS_BUCKET. " +
        "Set \"destinationBucket\" in fleetbook.json if you meant it.";

    public static string Derived(PyBinding binding, string field, string rule) =>
        $"{At(binding)} is {rule}, so \"{field}\" is left empty and Fleetbook derives it the same way (it follows \"appName\").";

    public static string Profile(PyBinding binding) =>
        $"{At(binding)} becomes \"profile\": Fleetbook uses it for its own AWS calls and, unlike Distributed-Something, never copies the profile's keys into the containers.";

    public static string DownloadFiles(PyBinding binding) =>
        $"{At(binding)} is on: set \"inputs\" in fleetbook.json to the bucket prefix of a job's inputs, a template such as \"images/{{group.Plate}}\"; " +
        "Fleetbook downloads it into {input_dir} before each job.";

    public static string MissingOptional(IEnumerable<(string Key, ConfigField Field)> missing, RunConfig config) =>
        $"config.py does not set {string.Join(", ", missing.Select(m => m.Key))}; Distributed-Something and Distributed-CellProfiler run without them, and so does Fleetbook: " +
        string.Join(", ", missing.Select(m => $"\"{m.Field.Name}\" is {Show(m.Field.Get(config))}")) + ".";

    public static string MissingRequired(IEnumerable<(string Key, ConfigField Field)> missing, RunConfig config) =>
        $"config.py does not set {string.Join(", ", missing.Select(m => m.Key))}, which Distributed-Something needs; Fleetbook's defaults apply " +
        $"({string.Join(", ", missing.Select(m => $"\"{m.Field.Name}\" is {Show(m.Field.Get(config))}"))}): check them in fleetbook.json.";

    private static string At(PyBinding binding) => $"{binding.Name} (line {binding.Line})";

    private static string Show(object? value) => value switch
    {
        string text => $"\"{text}\"",
        bool flag => flag ? "true" : "false",
        double number => number.ToString(CultureInfo.InvariantCulture),
        IEnumerable<string> items => "[" + string.Join(", ", items.Select(i => $"\"{i}\"")) + "]",
        _ => System.Convert.ToString(value, CultureInfo.InvariantCulture) ?? "",
    };
}
