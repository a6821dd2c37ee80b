namespace Fleetbook.Tests.Aws.Worker;

/// <summary>A fact about the Linux files the worker reads (/proc, cgroups); skipped elsewhere.</summary>
[AttributeUsage(AttributeTargets.Method, AllowMultiple = false)]
public sealed class LinuxFactAttribute : FactAttribute
{
    public LinuxFactAttribute()
    {
        if (!OperatingSystem.IsLinux())
        {
            Skip = "reads /proc, which only Linux has.";
        }
    }
}
