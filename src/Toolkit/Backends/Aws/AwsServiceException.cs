namespace Fleetbook.Backends.Aws;

/// <summary>
/// An AWS call that failed, described in one sentence: the service, the operation, the error code and what to
/// check. Never carries credentials or signatures.
/// </summary>
public sealed class AwsServiceException : Exception
{
    public AwsServiceException(AwsService service, string operation, string code, string serviceMessage, int? statusCode, string? requestId, string? advice, Exception? inner = null)
        : base(Describe(service, operation, code, serviceMessage, advice), inner)
    {
        Service = service;
        Operation = operation;
        Code = code;
        ServiceMessage = serviceMessage;
        StatusCode = statusCode;
        RequestId = requestId;
        Advice = advice;
    }

    public AwsService Service { get; }
    public string Operation { get; }

    /// <summary>The AWS error code without namespace, such as "QueueDoesNotExist" or "InvalidParameterValue".</summary>
    public string Code { get; }

    public string ServiceMessage { get; }
    public int? StatusCode { get; }
    public string? RequestId { get; }
    public string? Advice { get; }

    private static string Describe(AwsService service, string operation, string code, string message, string? advice)
    {
        var text = $"{service.DisplayName} {operation} failed with {code}";
        if (!string.IsNullOrWhiteSpace(message))
        {
            text += $": {message.TrimEnd('.')}";
        }

        return advice is null ? text + "." : $"{text}. {advice}";
    }
}
