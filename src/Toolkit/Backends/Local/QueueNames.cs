namespace Fleetbook.Backends.Local;

/// <summary>SQS's rule for queue names, kept locally so a run that works here also works on AWS.</summary>
internal static class QueueNames
{
    public const int MaxLength = 80;

    public static bool IsValid(string? name) =>
        !string.IsNullOrEmpty(name)
        && name.Length <= MaxLength
        && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static void Validate(string? name, string paramName)
    {
        if (!IsValid(name))
        {
            throw new ArgumentException(
                $"'{name}' is not a valid queue name: use 1 to {MaxLength} letters, digits, '-' or '_'.", paramName);
        }
    }
}
