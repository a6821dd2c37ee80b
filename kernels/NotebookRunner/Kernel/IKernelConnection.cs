using System.Threading.Channels;
using Fleetbook.Notebooks.Protocol;

namespace Fleetbook.Notebooks.Kernel;

/// <summary>A running kernel: commands in, events out. Disposing it ends the kernel and everything it started.</summary>
internal interface IKernelConnection : IAsyncDisposable
{
    /// <summary>Every event, in the order the kernel wrote them; completes when the kernel exits.</summary>
    ChannelReader<KernelEvent> Events { get; }

    /// <summary>Why <see cref="Events"/> ended: the kernel's exit code and the last lines it wrote on stderr.</summary>
    Task<string> DescribeExitAsync();

    Task SendAsync(KernelCommand command, CancellationToken cancellationToken);
}
