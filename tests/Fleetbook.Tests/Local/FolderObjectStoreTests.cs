using System.Text;
using Fleetbook.Backends.Local;
using Fleetbook.Storage;

namespace Fleetbook.Tests.Local;

public sealed class FolderObjectStoreTests : IDisposable
{
    private readonly TempFolder folder = new();
    private readonly FolderObjectStore store;

    public FolderObjectStoreTests()
    {
        store = new FolderObjectStore(folder.File("bucket"));
    }

    public void Dispose() => folder.Dispose();

    [Fact]
    public async Task A_key_with_slashes_is_a_file_in_sub_folders()
    {
        await store.PutBytesAsync("results/Plate1/A01.csv", Bytes("a,b"), default);

        Assert.Equal("a,b", File.ReadAllText(Path.Combine(folder.Path, "bucket", "results", "Plate1", "A01.csv")));
        Assert.Equal(Path.Combine(folder.Path, "bucket"), store.Name);
    }

    [Fact]
    public async Task Listing_returns_every_object_in_ordinal_key_order_with_its_size()
    {
        foreach (var key in new[] { "b.txt", "a/z.txt", "a/B.txt", "A.txt", "a-b.txt", ".hidden" })
        {
            await store.PutBytesAsync(key, Bytes(key), default);
        }

        var listed = await ListAsync("");

        Assert.Equal([".hidden", "A.txt", "a-b.txt", "a/B.txt", "a/z.txt", "b.txt"], listed.Select(o => o.Key));
        Assert.All(listed, o => Assert.Equal(o.Key.Length, o.Size));
    }

    [Fact]
    public async Task A_prefix_may_end_in_the_middle_of_a_name_as_on_S3()
    {
        foreach (var key in new[] { "results/Plate1-A01/x.csv", "results/Plate1-A02/y.csv", "results/Plate1-B01/z.csv", "results/Plate10/q.csv", "resultsX.txt" })
        {
            await store.PutBytesAsync(key, Bytes("1"), default);
        }

        Assert.Equal(["results/Plate1-A01/x.csv", "results/Plate1-A02/y.csv"], (await ListAsync("results/Plate1-A0")).Select(o => o.Key));
        Assert.Equal(4, (await ListAsync("results/Plate1")).Count);
        Assert.Equal(4, (await ListAsync("results/")).Count);
        Assert.Equal(5, (await ListAsync("results")).Count);
        Assert.Equal(["results/Plate1-A01/x.csv"], (await ListAsync("results/Plate1-A01/x.csv")).Select(o => o.Key));
    }

    [Theory]
    [InlineData("missing/")]
    [InlineData("../")]
    [InlineData("results//")]
    [InlineData("results/x.csv/")]
    public async Task A_prefix_nothing_can_match_lists_nothing(string prefix)
    {
        await store.PutBytesAsync("results/x.csv", Bytes("1"), default);

        Assert.Empty(await ListAsync(prefix));
    }

    [Fact]
    public async Task Listing_an_empty_or_missing_bucket_lists_nothing()
    {
        Assert.Empty(await ListAsync(""));
    }

    [Fact]
    public async Task Uploads_in_progress_are_never_listed()
    {
        await store.PutBytesAsync("results/done.csv", Bytes("1"), default);
        File.WriteAllText(Path.Combine(store.Root, "results", ObjectKeys.TempPrefix + "1234"), "half a fi");

        var listed = await ListAsync("results/");

        Assert.Equal(["results/done.csv"], listed.Select(o => o.Key));
    }

    [Fact]
    public async Task Put_replaces_an_object_and_leaves_no_temp_file_behind()
    {
        await store.PutBytesAsync("out/a.txt", Bytes("first"), default);

        await store.PutBytesAsync("out/a.txt", Bytes("second"), default);

        Assert.Equal("second", Encoding.UTF8.GetString((await store.GetBytesAsync("out/a.txt", default))!));
        Assert.Equal(["a.txt"], Directory.GetFiles(Path.Combine(store.Root, "out")).Select(Path.GetFileName));
    }

    [Fact]
    public async Task A_reader_sees_the_old_object_or_the_new_one_never_half_of_one()
    {
        var contents = new[] { new byte[512 * 1024], new byte[512 * 1024] };
        Array.Fill(contents[0], (byte)'a');
        Array.Fill(contents[1], (byte)'b');
        await store.PutBytesAsync("big.bin", contents[0], default);
        var torn = 0;

        var writing = Task.Run(async () =>
        {
            for (var i = 0; i < 60; i++)
            {
                await store.PutBytesAsync("big.bin", contents[i % 2], default);
            }
        });
        while (!writing.IsCompleted)
        {
            var read = await store.GetBytesAsync("big.bin", default);
            if (read is null || read.Length != contents[0].Length || read.Any(b => b != read[0]))
            {
                torn++;
            }
        }

        await writing;
        Assert.Equal(0, torn);
    }

    [Fact]
    public async Task Files_go_up_and_come_down_through_local_paths()
    {
        var local = folder.File("local/in.txt");
        Directory.CreateDirectory(Path.GetDirectoryName(local)!);
        File.WriteAllText(local, "content");
        var download = folder.File("elsewhere/deep/out.txt");

        await store.PutFileAsync("inputs/in.txt", local, default);
        var found = await store.GetFileAsync("inputs/in.txt", download, default);
        var head = await store.HeadAsync("inputs/in.txt", default);

        Assert.True(found);
        Assert.Equal("content", File.ReadAllText(download));
        Assert.Equal(7, head!.Size);
        Assert.Equal("inputs/in.txt", head.Key);
        Assert.InRange(head.LastModified, DateTimeOffset.UtcNow.AddMinutes(-1), DateTimeOffset.UtcNow.AddMinutes(1));
    }

    [Fact]
    public async Task A_missing_object_is_not_found_and_deleting_it_does_nothing()
    {
        await store.PutBytesAsync("folder/present.txt", Bytes("1"), default);
        var download = folder.File("download.txt");

        Assert.Null(await store.GetBytesAsync("missing.txt", default));
        Assert.Null(await store.GetBytesAsync("folder", default));
        Assert.Null(await store.HeadAsync("no/such/key", default));
        Assert.False(await store.GetFileAsync("missing.txt", download, default));
        Assert.False(File.Exists(download));
        await store.DeleteAsync("missing.txt", default);
        await store.DeleteAsync("no/such/folder/key", default);
    }

    [Fact]
    public async Task Delete_removes_the_object()
    {
        await store.PutBytesAsync("a/b.txt", Bytes("1"), default);

        await store.DeleteAsync("a/b.txt", default);

        Assert.Null(await store.HeadAsync("a/b.txt", default));
        Assert.Empty(await ListAsync(""));
    }

    [Theory]
    [InlineData("../outside.txt")]
    [InlineData("a/../../outside.txt")]
    [InlineData("a/./b.txt")]
    [InlineData("/etc/passwd")]
    [InlineData("a//b.txt")]
    [InlineData("a\\b.txt")]
    [InlineData("a/")]
    [InlineData("")]
    [InlineData(".fleetbook-tmp-x")]
    public async Task Keys_that_would_leave_the_folder_or_blur_it_are_rejected(string key)
    {
        await Assert.ThrowsAsync<ArgumentException>(() => store.PutBytesAsync(key, Bytes("x"), default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.GetBytesAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.HeadAsync(key, default));
        await Assert.ThrowsAsync<ArgumentException>(() => store.DeleteAsync(key, default));
        Assert.False(File.Exists(folder.File("outside.txt")));
    }

    private async Task<List<StoredObject>> ListAsync(string prefix)
    {
        var objects = new List<StoredObject>();
        await foreach (var item in store.ListAsync(prefix, default))
        {
            objects.Add(item);
        }

        return objects;
    }

    private static byte[] Bytes(string text) => Encoding.UTF8.GetBytes(text);
}
