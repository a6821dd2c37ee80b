using Amazon.S3.Model;

namespace Fleetbook.Backends.Aws.Storage;

public sealed partial class S3ObjectStore
{
    /// <summary>
    /// A multipart upload: parts read straight from the file, <see cref="S3ObjectStoreOptions.MaxPartsInFlight"/> at a
    /// time, each retried with back-off on SlowDown, a 5xx or a broken connection (DCP#123); on any failure the upload is
    /// aborted so no invisible parts are left to pay for.
    /// </summary>
    private async Task PutInPartsAsync(string key, string localPath, long length, CancellationToken cancellationToken)
    {
        var upload = await CallAsync("CreateMultipartUpload", key, () => _s3.InitiateMultipartUploadAsync(
            new InitiateMultipartUploadRequest { BucketName = Name, Key = key }, cancellationToken), cancellationToken);
        var partCount = (int)((length + _options.PartSize - 1) / _options.PartSize);
        var tags = new PartETag[partCount];
        try
        {
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxPartsInFlight, CancellationToken = cancellationToken };
            await Parallel.ForEachAsync(Enumerable.Range(1, partCount), parallel, async (number, token) =>
            {
                var position = (number - 1) * _options.PartSize;
                var size = Math.Min(_options.PartSize, length - position);
                tags[number - 1] = await UploadPartAsync(key, localPath, upload.UploadId, number, position, size, number == partCount, token);
            });

            await CallAsync("CompleteMultipartUpload", key, () => _s3.CompleteMultipartUploadAsync(
                new CompleteMultipartUploadRequest { BucketName = Name, Key = key, UploadId = upload.UploadId, PartETags = [.. tags] },
                cancellationToken), cancellationToken);
        }
        catch
        {
            await AbortQuietlyAsync(key, upload.UploadId);
            throw;
        }
    }

    private async Task<PartETag> UploadPartAsync(string key, string localPath, string uploadId, int number, long position, long size, bool last, CancellationToken cancellationToken)
    {
        var delay = _options.PartRetryDelay;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var response = await CallAsync("UploadPart", key, () => _s3.UploadPartAsync(
                    new UploadPartRequest
                    {
                        BucketName = Name,
                        Key = key,
                        UploadId = uploadId,
                        PartNumber = number,
                        FilePath = localPath,
                        FilePosition = position,
                        PartSize = size,
                        IsLastPart = last,
                        UseChunkEncoding = _options.UseChunkEncoding,
                    },
                    cancellationToken), cancellationToken);
                return new PartETag(number, response.ETag);
            }
            catch (S3StoreException ex) when (ex.IsTransient && attempt < _options.PartAttempts)
            {
                // Jitter keeps parts that failed together from retrying together.
                var pause = TimeSpan.FromMilliseconds(delay.TotalMilliseconds * (0.5 + Random.Shared.NextDouble() / 2));
                await Task.Delay(pause, _time, cancellationToken);
                delay *= 2;
            }
        }
    }

    private async Task AbortQuietlyAsync(string key, string uploadId)
    {
        try
        {
            await _s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = Name, Key = key, UploadId = uploadId }, CancellationToken.None);
        }
        catch (Exception ex) when (IsSdkFailure(ex))
        {
            // The upload failed already; a bucket lifecycle rule for incomplete uploads cleans up what this leaves.
        }
    }
}
