using Fleetbook.Inputs;

namespace Fleetbook.Jobs;

internal static class Problems
{
    /// <summary>Enough problems of one kind to show the pattern; a long file with the same mistake everywhere ends with a count.</summary>
    public const int MaxListed = 20;

    public static void AddCapped(List<InputProblem> problems, IEnumerable<InputProblem> more, string fileName, string what)
    {
        var count = 0;
        foreach (var problem in more)
        {
            count++;
            if (count <= MaxListed)
            {
                problems.Add(problem);
            }
        }

        if (count > MaxListed)
        {
            problems.Add(new InputProblem(fileName, null, null, null, $"{count - MaxListed} more {what} have problems like those above.", "fix the ones above, then read the file again."));
        }
    }
}
