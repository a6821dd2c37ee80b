using System.Runtime.CompilerServices;

namespace Fleetbook.Backends.Aws.Services.Paging;

/// <summary>
/// The items of a paged AWS list, fetched page by page as they are enumerated. Enumerate it with <c>await foreach</c>,
/// or read everything at once with <see cref="ReadAllAsync"/> (the F#-friendly way: a Task of a list).
/// </summary>
/// <remarks>Cancelling either the token given when the pages were asked for or the one given to the enumeration stops it.</remarks>
public sealed class AwsPages<T> : IAsyncEnumerable<T>
{
    private readonly Func<CancellationToken, IAsyncEnumerable<T>> _items;
    private readonly CancellationToken _cancellationToken;

    internal AwsPages(Func<CancellationToken, IAsyncEnumerable<T>> items, CancellationToken cancellationToken)
    {
        _items = items;
        _cancellationToken = cancellationToken;
    }

    public IAsyncEnumerator<T> GetAsyncEnumerator(CancellationToken cancellationToken = default) =>
        Enumerate(cancellationToken).GetAsyncEnumerator(cancellationToken);

    /// <summary>Every item of every page.</summary>
    public async Task<IReadOnlyList<T>> ReadAllAsync(CancellationToken cancellationToken = default)
    {
        var all = new List<T>();
        await foreach (var item in Enumerate(cancellationToken).ConfigureAwait(false))
        {
            all.Add(item);
        }

        return all;
    }

    private async IAsyncEnumerable<T> Enumerate([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(_cancellationToken, cancellationToken);
        await foreach (var item in _items(linked.Token).WithCancellation(linked.Token).ConfigureAwait(false))
        {
            yield return item;
        }
    }
}
