namespace Fleetbook.Backends.Aws.Sqs;

/// <summary>Recognises SQS error codes under both the JSON protocol's names and the legacy query names.</summary>
public static class SqsErrors
{
    public static bool IsQueueMissing(AwsServiceException error) =>
        error.Code is "QueueDoesNotExist" or "AWS.SimpleQueueService.NonExistentQueue" or "NonExistentQueue";

    public static bool IsQueueNameTaken(AwsServiceException error) => error.Code is "QueueNameExists" or "QueueAlreadyExists";

    /// <summary>
    /// The receipt handle no longer names an in-flight receive: it is malformed, expired, or the message was received
    /// again (or deleted) since. SQS reports this as ReceiptHandleIsInvalid, MessageNotInflight, or an
    /// InvalidParameterValue about the receipt handle.
    /// </summary>
    public static bool IsStaleReceipt(AwsServiceException error) => IsStaleReceiptCode(error.Code, error.ServiceMessage);

    public static bool IsStaleReceiptCode(string code, string? message) =>
        code is "ReceiptHandleIsInvalid" or "InvalidReceiptHandle" or "MessageNotInflight" or "AWS.SimpleQueueService.MessageNotInflight"
            or "InvalidIdFormat"
        || (code == "InvalidParameterValue" && (message ?? "").Contains("receipt", StringComparison.OrdinalIgnoreCase));

    /// <summary>The operation is not available where the request went (emulators lack some, such as StartMessageMoveTask).</summary>
    public static bool IsUnsupported(AwsServiceException error) =>
        error.Code is "UnsupportedOperation" or "InvalidAction" or "UnknownOperationException" or "AWS.SimpleQueueService.UnsupportedOperation";

    /// <summary>Worth another try later: throttling, a server fault, or no answer at all.</summary>
    public static bool IsTransient(AwsServiceException error) =>
        error.StatusCode is null or >= 500 or 429
        || error.Code.Contains("Throttl", StringComparison.OrdinalIgnoreCase)
        || error.Code is "RequestThrottled" or "SlowDown" or "OverLimit";
}
