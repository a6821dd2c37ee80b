using Fleetbook.Tests.Reports;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Kernels;

/// <summary>What a real-kernel test needs besides the .NET Interactive kernel itself.</summary>
[Flags]
public enum KernelNeeds
{
    Kernel = 0,

    /// <summary>Jupyter's nbconvert with the kernel.</summary>
    Jupyter = 1,

    /// <summary>dotnet-repl.</summary>
    Repl = 2,

    /// <summary>Headless Chromium and plotly.js, to draw the outputs.</summary>
    Chromium = 4,

    /// <summary>The repository above the tests (its notebooks/, and src/Toolkit to pack).</summary>
    Repository = 8,
}

/// <summary>Skips where a tool the test needs is missing, saying which and how to install it.</summary>
public sealed class RealKernelFactAttribute : FactAttribute
{
    public RealKernelFactAttribute(KernelNeeds needs = KernelNeeds.Kernel) => Skip = RealKernelSkip.Reason(needs);
}

/// <summary>As <see cref="RealKernelFactAttribute"/>, for theories.</summary>
public sealed class RealKernelTheoryAttribute : TheoryAttribute
{
    public RealKernelTheoryAttribute(KernelNeeds needs = KernelNeeds.Kernel) => Skip = RealKernelSkip.Reason(needs);
}

internal static class RealKernelSkip
{
    public static string? Reason(KernelNeeds needs)
    {
        var missing = new List<string?> { KernelTools.MissingInteractive };
        if (needs.HasFlag(KernelNeeds.Jupyter))
        {
            missing.Add(KernelTools.MissingJupyter);
        }

        if (needs.HasFlag(KernelNeeds.Repl))
        {
            missing.Add(KernelTools.MissingRepl);
        }

        if (needs.HasFlag(KernelNeeds.Chromium))
        {
            missing.Add(HeadlessChromium.IsInstalled ? null : $"{HeadlessChromium.Path} is missing: install it with 'apt-get install -y chromium'.");
            missing.Add(PlotlyCache.IsAvailable ? null : $"plotly.js is not in {PlotlyCache.Folder} and npm is not on the PATH to install it.");
        }

        if (needs.HasFlag(KernelNeeds.Repository) && (Repository.Root is null || !File.Exists(Repository.Path("src", "Toolkit", "Fleetbook.csproj"))))
        {
            missing.Add("the repository (Fleetbook.slnx, notebooks/, src/Toolkit) is not above the test's folder.");
        }

        var reasons = missing.OfType<string>().ToList();
        return reasons.Count == 0 ? null : string.Join(" ", reasons);
    }
}
