using System.Security.Cryptography;
using System.Text;
using Fleetbook.Backends.Aws.Storage;
using Fleetbook.Tests.Aws.Emulators;
using Fleetbook.Tests.Support;

namespace Fleetbook.Tests.Aws.Storage;

/// <summary>What an <see cref="S3ObjectStore"/> must do against any S3 protocol server; one subclass per emulator.</summary>
public abstract class S3ObjectStoreContract
{
    private static readonly S3ObjectStoreOptions SmallParts = new() { MultipartThreshold = 6 * S3ObjectStoreOptions.MiB, PartSize = 5 * S3ObjectStoreOptions.MiB };

    protected abstract Task<S3ObjectStore> NewBucketAsync(S3ObjectStoreOptions? options = null);

    [EmulatorFact]
    public async Task Put_bytes_then_get_returns_the_same_bytes_and_head_their_size()
    {
        using var store = await NewBucketAsync();
        var content = Encoding.UTF8.GetBytes("hello from fleetbook, ünïcødé included\n");

        await store.PutBytesAsync("dir/a.txt", content, CancellationToken.None);
        var read = await store.GetBytesAsync("dir/a.txt", CancellationToken.None);
        var head = await store.HeadAsync("dir/a.txt", CancellationToken.None);

        Assert.Equal(content, read);
        Assert.NotNull(head);
        Assert.Equal(content.Length, head.Size);
        Assert.True(head.LastModified > DateTimeOffset.UtcNow.AddMinutes(-5));
    }

    [EmulatorFact]
    public async Task Put_file_then_get_file_writes_it_with_its_folders()
    {
        using var store = await NewBucketAsync();
        using var folder = new TempFolder("s3-files");
        var source = folder.Write("in/result.csv", "a,b\n1,2\n");
        var target = folder.File("out/deep/er/result.csv");

        await store.PutFileAsync("results/job-1/result.csv", source, CancellationToken.None);
        var found = await store.GetFileAsync("results/job-1/result.csv", target, CancellationToken.None);

        Assert.True(found);
        Assert.Equal("a,b\n1,2\n", File.ReadAllText(target));
        Assert.Single(Directory.GetFiles(Path.GetDirectoryName(target)!));
    }

    [EmulatorFact]
    public async Task Missing_objects_read_as_absent()
    {
        using var store = await NewBucketAsync();
        using var folder = new TempFolder("s3-missing");

        var bytes = await store.GetBytesAsync("nothing/here", CancellationToken.None);
        var found = await store.GetFileAsync("nothing/here", folder.File("x"), CancellationToken.None);
        var head = await store.HeadAsync("nothing/here", CancellationToken.None);

        Assert.Null(bytes);
        Assert.False(found);
        Assert.Null(head);
        Assert.False(File.Exists(folder.File("x")));
    }

    [EmulatorFact]
    public async Task List_returns_every_key_with_the_prefix_in_ordinal_order_across_pages()
    {
        using var store = await NewBucketAsync(new S3ObjectStoreOptions { ListPageSize = 7 });
        var keys = Enumerable.Range(0, 25).Select(i => $"results/Plate1-{(char)('A' + (i % 3))}{i:00}/out.csv").Append("results/Plate1-Z/x").Append("other/y").ToList();
        await Parallel.ForEachAsync(keys, async (key, token) => await store.PutBytesAsync(key, Encoding.UTF8.GetBytes(key), token));

        var listed = new List<string>();
        await foreach (var item in store.ListAsync("results/Plate1-", CancellationToken.None))
        {
            listed.Add(item.Key);
        }

        var expected = keys.Where(k => k.StartsWith("results/Plate1-", StringComparison.Ordinal)).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(expected, listed);
    }

    [EmulatorFact]
    public async Task Delete_removes_the_object_and_deleting_a_missing_key_is_harmless()
    {
        using var store = await NewBucketAsync();
        await store.PutBytesAsync("gone.txt", "x"u8.ToArray(), CancellationToken.None);

        await store.DeleteAsync("gone.txt", CancellationToken.None);
        await store.DeleteAsync("never-was.txt", CancellationToken.None);

        Assert.Null(await store.HeadAsync("gone.txt", CancellationToken.None));
    }

    [EmulatorFact]
    public async Task A_large_file_goes_up_in_parts_and_comes_back_intact()
    {
        using var store = await NewBucketAsync(SmallParts);
        using var folder = new TempFolder("s3-large");
        var source = folder.File("large.bin");
        var content = new byte[(12 * S3ObjectStoreOptions.MiB) + 12345];
        new Random(42).NextBytes(content);
        await File.WriteAllBytesAsync(source, content);

        await store.PutFileAsync("large/large.bin", source, CancellationToken.None);
        var found = await store.GetFileAsync("large/large.bin", folder.File("back.bin"), CancellationToken.None);

        Assert.True(found);
        Assert.Equal(SHA256.HashData(content), SHA256.HashData(File.ReadAllBytes(folder.File("back.bin"))));
        Assert.Equal(content.Length, (await store.HeadAsync("large/large.bin", CancellationToken.None))!.Size);
    }

    [EmulatorFact]
    public async Task A_bucket_that_does_not_exist_fails_with_one_sentence_naming_it()
    {
        using var existing = await NewBucketAsync();
        using var store = await MissingBucketAsync();

        var error = await Assert.ThrowsAsync<S3StoreException>(() => store.PutBytesAsync("a.txt", "x"u8.ToArray(), CancellationToken.None));

        Assert.Equal("NoSuchBucket", error.Code);
        Assert.Contains($"s3://{store.Name}/a.txt", error.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', error.Message);
    }

    protected abstract Task<S3ObjectStore> MissingBucketAsync();
}

[Collection(AwsEmulatorCollection.Name)]
public sealed class S3ObjectStoreOnFauxqsTests(AwsEmulators emulators) : S3ObjectStoreContract
{
    protected override Task<S3ObjectStore> NewBucketAsync(S3ObjectStoreOptions? options = null) => emulators.FauxqsBucketAsync(options);

    protected override async Task<S3ObjectStore> MissingBucketAsync() =>
        S3ObjectStore.Create(AwsEmulators.NewName("missing"), new S3ClientSettings(AwsEmulators.Region, (await emulators.FauxqsAsync()).Endpoint, AwsEmulators.FauxqsCredentials));
}

/// <summary>s3rver does not decode aws-chunked bodies, so these run with UseChunkEncoding off, as users of such servers must.</summary>
[Collection(AwsEmulatorCollection.Name)]
public sealed class S3ObjectStoreOnS3rverTests(AwsEmulators emulators) : S3ObjectStoreContract
{
    protected override Task<S3ObjectStore> NewBucketAsync(S3ObjectStoreOptions? options = null) => emulators.S3rverBucketAsync(options);

    protected override async Task<S3ObjectStore> MissingBucketAsync() =>
        S3ObjectStore.Create(AwsEmulators.NewName("missing"), new S3ClientSettings(AwsEmulators.Region, (await emulators.S3rverAsync()).Endpoint, AwsEmulators.S3rverCredentials), new S3ObjectStoreOptions { UseChunkEncoding = false });
}
