namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>A Fargate task size: CPU units (1024 = 1 vCPU) and memory in MiB.</summary>
public sealed record FargateSize(int Cpu, int Memory)
{
    public override string ToString() => $"{Cpu / 1024.0:0.##} vCPU ({Cpu}) with {Memory} MiB";
}

/// <summary>
/// The CPU and memory combinations Fargate accepts for Linux tasks (ECS developer guide, "Task CPU and memory"):
/// 256 → 512, 1024, 2048; 512 → 1024–4096; 1024 → 2048–8192; 2048 → 4096–16384; 4096 → 8192–30720 (steps of 1024);
/// 8192 → 16384–61440 (steps of 4096); 16384 → 32768–122880 (steps of 8192).
/// </summary>
public static class FargateSizes
{
    public static IReadOnlyList<FargateSize> All { get; } = Build();

    public static bool IsValid(int cpu, int memory) => All.Contains(new FargateSize(cpu, memory));

    /// <summary>The smallest valid size with at least the CPU and memory asked for; the largest size when nothing is that big.</summary>
    public static FargateSize Nearest(int cpu, int memory) =>
        All.Where(s => s.Cpu >= cpu && s.Memory >= memory).OrderBy(s => s.Cpu).ThenBy(s => s.Memory).FirstOrDefault() ?? All[^1];

    /// <summary>The valid combinations, one line per CPU size, for messages.</summary>
    public static string Describe() => string.Join("; ", All.GroupBy(s => s.Cpu).Select(g =>
    {
        var memories = g.Select(s => s.Memory).ToList();
        var step = memories.Count > 1 ? memories[1] - memories[0] : 0;
        var range = g.Key == 256 ? string.Join(", ", memories) : $"{memories[0]}–{memories[^1]} in steps of {step}";
        return $"cpu {g.Key}: memory {range}";
    }));

    private static List<FargateSize> Build()
    {
        var sizes = new List<FargateSize> { new(256, 512), new(256, 1024), new(256, 2048) };
        Add(sizes, 512, 1024, 4096, 1024);
        Add(sizes, 1024, 2048, 8192, 1024);
        Add(sizes, 2048, 4096, 16384, 1024);
        Add(sizes, 4096, 8192, 30720, 1024);
        Add(sizes, 8192, 16384, 61440, 4096);
        Add(sizes, 16384, 32768, 122880, 8192);
        return sizes;
    }

    private static void Add(List<FargateSize> sizes, int cpu, int from, int to, int step)
    {
        for (var memory = from; memory <= to; memory += step)
        {
            sizes.Add(new FargateSize(cpu, memory));
        }
    }
}
