using System.Collections.Concurrent;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Xml;
using Amazon.Runtime;
using Fleetbook.Backends.Aws.Models;
using Fleetbook.Backends.Aws.Protocol;

namespace Fleetbook.Backends.Aws.Connection;

/// <summary>
/// The one signed connection to SQS, ECS, EC2, CloudWatch Logs and CloudWatch: serializes by the service's
/// protocol and model, signs with AWSSDK.Core's SigV4, sends with the SDKs' standard retry mode and turns
/// failures into <see cref="AwsServiceException"/>s that say what to check. Thread-safe; share one per process.
/// </summary>
public sealed class AwsConnection : IAwsInvoker, IDisposable
{
    /// <summary>The region requests to a custom endpoint are signed for when none is configured (emulators take any).</summary>
    public const string FallbackSigningRegion = "us-east-1";

    private static readonly TimeSpan MaxTolerableSkew = TimeSpan.FromMinutes(4);
    private static readonly string UserAgent =
        $"fleetbook/{typeof(AwsConnection).Assembly.GetName().Version?.ToString(3) ?? "0"} dotnet/{Environment.Version}";

    private readonly HttpClient http;
    private readonly AwsCredentialSource credentials;
    private readonly RetryQuota quota = new();
    private readonly ConcurrentDictionary<string, ServiceContext> services = new(StringComparer.Ordinal);
    private readonly Lazy<string?> region;
    private long clockSkewTicks;

    public AwsConnection(AwsConnectionOptions? options = null)
    {
        Options = options ?? new AwsConnectionOptions();
        if (Options.MaxAttempts < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(options), "MaxAttempts must be at least 1.");
        }

        var handler = Options.HttpHandler
            ?? new SocketsHttpHandler { PooledConnectionLifetime = TimeSpan.FromMinutes(5), ConnectTimeout = Options.ConnectTimeout };
        http = new HttpClient(handler, disposeHandler: Options.HttpHandler is null)
        {
            Timeout = Timeout.InfiniteTimeSpan, // each attempt has its own timeout, on the options' clock
        };
        credentials = new AwsCredentialSource(Options);
        region = new Lazy<string?>(() => AwsRegions.Resolve(Options));
    }

    public AwsConnectionOptions Options { get; }

    /// <summary>The configured region (options, environment or profile), or null when there is none.</summary>
    public string? Region => region.Value;

    /// <summary>Where calls to <paramref name="service"/> go.</summary>
    /// <exception cref="AwsServiceException">No region is configured and no endpoint overrides the default.</exception>
    public AwsEndpoint EndpointFor(AwsService service) => Context(service, nameof(EndpointFor)).Endpoint;

    public async Task<JsonObject> InvokeAsync(AwsService service, string operation, JsonObject input, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(service);
        ArgumentException.ThrowIfNullOrEmpty(operation);
        ArgumentNullException.ThrowIfNull(input);

        var context = Context(service, operation);
        var model = context.Model;
        var operationModel = model.Operation(operation);
        var request = context.Protocol.Serialize(model, operationModel, input);
        var uri = AwsEndpoints.RequestUri(context.Endpoint.Uri, request, applyHostPrefix: !context.Endpoint.IsCustom);
        var invocationId = Guid.NewGuid().ToString();
        var time = Options.TimeProvider;
        var call = new CallState();

        for (var attempt = 1; ; attempt++)
        {
            var keys = await KeysAsync(service, operation, cancellationToken).ConfigureAwait(false);
            var started = time.GetTimestamp();
            var result = await SendAsync(context, request, uri, keys, attempt, invocationId, cancellationToken).ConfigureAwait(false);
            var duration = time.GetElapsedTime(started);

            if (result.Response is { StatusCode: >= 200 and < 300 } success)
            {
                Options.Observer?.OnAttempt(new AwsCallAttempt(service, operation, attempt, success.StatusCode, null, duration, null));
                quota.OnSuccess(call.QuotaSpent);
                return ReadOutput(context, operationModel, success, keys);
            }

            var error = result.Response is { } answer ? ReadError(context, operationModel, answer) : null;
            var delay = attempt < Options.MaxAttempts ? RetryDelay(result, error, attempt, call) : null;
            var code = error?.Code ?? (result.TimedOut ? "RequestTimeout" : "EndpointConnectionError");
            Options.Observer?.OnAttempt(new AwsCallAttempt(service, operation, attempt, result.Response?.StatusCode, code, duration, delay));
            if (delay is null)
            {
                throw Failure(context, operation, result, error, keys, attempt);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay.Value, time, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    public void Dispose()
    {
        http.Dispose();
        credentials.Dispose();
    }

    private ServiceContext Context(AwsService service, string operation) =>
        services.TryGetValue(service.Id, out var context) ? context : services.GetOrAdd(service.Id, CreateContext(service, operation));

    private ServiceContext CreateContext(AwsService service, string operation)
    {
        var endpoint = AwsEndpoints.Resolve(service, Region, Options.Endpoints, Options.Environment)
            ?? throw new AwsServiceException(service, operation, "NoRegion", "No AWS region is configured", null, null,
                "Set AWS_REGION, the region option, or a region in the profile (aws configure).");
        var model = (Options.Models ?? ModelLoader.Load)(service);
        model = model with
        {
            // The service descriptor is authoritative: CloudWatch's model, for one, names CBOR as its first protocol.
            Metadata = model.Metadata with
            {
                Protocol = service.Protocol == AwsProtocol.Json ? "json" : "ec2",
                JsonVersion = service.JsonVersion,
                TargetPrefix = service.TargetPrefix,
                ApiVersion = service.ApiVersion,
                SigningName = service.SigningName,
            },
        };
        return new ServiceContext(service, model, AwsProtocols.For(model.Metadata, Options.Protocol), endpoint, Region ?? FallbackSigningRegion);
    }

    private async Task<ImmutableCredentials> KeysAsync(AwsService service, string operation, CancellationToken cancellationToken)
    {
        try
        {
            return await credentials.GetAsync(cancellationToken).ConfigureAwait(false);
        }
        catch (CredentialsUnavailableException e)
        {
            throw new AwsServiceException(service, operation, "NoCredentials", e.Message, null, null, AwsErrorAdvice.NoCredentials, e.InnerException);
        }
    }

    private async Task<AttemptResult> SendAsync(
        ServiceContext context, SerializedRequest request, Uri uri, ImmutableCredentials keys, int attempt, string invocationId, CancellationToken cancellationToken)
    {
        var method = new HttpMethod(request.Method);
        using var message = new HttpRequestMessage(method, uri) { Content = new ByteArrayContent(request.Body) };
        foreach (var (name, value) in request.Headers)
        {
            if (!message.Headers.TryAddWithoutValidation(name, value))
            {
                message.Content.Headers.TryAddWithoutValidation(name, value);
            }
        }

        var signedAt = Options.TimeProvider.GetUtcNow().UtcDateTime + TimeSpan.FromTicks(Interlocked.Read(ref clockSkewTicks));
        foreach (var (name, value) in AwsRequestSigner.Sign(method, uri, request.Headers, request.Body, keys, context.SigningRegion, context.Service.SigningName, signedAt))
        {
            message.Headers.TryAddWithoutValidation(name, value);
        }

        message.Headers.TryAddWithoutValidation("User-Agent", UserAgent);
        message.Headers.TryAddWithoutValidation("amz-sdk-invocation-id", invocationId);
        message.Headers.TryAddWithoutValidation("amz-sdk-request", $"attempt={attempt}; max={Options.MaxAttempts}");

        using var timeout = new CancellationTokenSource(Options.AttemptTimeout, Options.TimeProvider);
        using var linked = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken, timeout.Token);
        try
        {
            using var response = await http.SendAsync(message, HttpCompletionOption.ResponseHeadersRead, linked.Token).ConfigureAwait(false);
            var body = await response.Content.ReadAsByteArrayAsync(linked.Token).ConfigureAwait(false);
            var headers = ProtocolResponse.HeaderMap(response.Headers.Concat(response.Content.Headers)
                .Select(h => KeyValuePair.Create(h.Key, string.Join(",", h.Value))));
            return new AttemptResult(new ProtocolResponse((int)response.StatusCode, headers, body), null, false);
        }
        catch (OperationCanceledException e) when (!cancellationToken.IsCancellationRequested)
        {
            // The attempt's own timeout, or the handler's connect timeout.
            return new AttemptResult(null, e, true);
        }
        catch (Exception e) when (e is HttpRequestException or IOException && !cancellationToken.IsCancellationRequested)
        {
            return new AttemptResult(null, e, false);
        }
    }

    /// <summary>
    /// How long to wait before the next attempt, or null to give up: at once after correcting the clock or dropping
    /// expired credentials (once each per call), after a jittered back-off for throttling and transient failures
    /// while the retry quota lasts.
    /// </summary>
    private TimeSpan? RetryDelay(AttemptResult result, AwsErrorInfo? error, int attempt, CallState call)
    {
        if (error is not null && !call.SkewCorrected && AwsRetryRules.ClockSkewCodes.Contains(error.Code) && TryCorrectClockSkew(result.Response!))
        {
            call.SkewCorrected = true;
            return TimeSpan.Zero;
        }

        if (error is not null && !call.CredentialsRenewed && AwsRetryRules.ExpiredCredentialCodes.Contains(error.Code) && credentials.TryExpire())
        {
            call.CredentialsRenewed = true;
            return TimeSpan.Zero;
        }

        var kind = error is null ? RetryKind.Transient : AwsRetryRules.Classify(result.Response!.StatusCode, error.Code);
        if (kind == RetryKind.None || !quota.TryAcquire(result.TimedOut, out var cost))
        {
            return null;
        }

        call.QuotaSpent += cost;
        return AwsRetryRules.Backoff(attempt, Options.BaseDelay, Options.MaxBackoff, Options.Random());
    }

    private static AwsErrorInfo ReadError(ServiceContext context, OperationModel operation, ProtocolResponse response)
    {
        try
        {
            return context.Protocol.ReadError(context.Model, operation, response);
        }
        catch (Exception e) when (e is JsonException or XmlException or InvalidDataException or FormatException or OverflowException or InvalidOperationException)
        {
            // An answer the protocol cannot read at all still fails the call with its status.
            return new AwsErrorInfo(response.StatusCode.ToString(CultureInfo.InvariantCulture), "", response.Header("x-amzn-RequestId"), []);
        }
    }

    private JsonObject ReadOutput(ServiceContext context, OperationModel operation, ProtocolResponse response, ImmutableCredentials keys)
    {
        try
        {
            return context.Protocol.ReadOutput(context.Model, operation, response);
        }
        catch (Exception e) when (e is JsonException or XmlException or InvalidDataException or FormatException or OverflowException or InvalidOperationException)
        {
            throw new AwsServiceException(context.Service, operation.Name, "UnreadableResponse",
                SecretScrubber.Scrub($"The answer could not be read as {operation.Name}'s output: {e.Message}", keys),
                response.StatusCode, response.Header("x-amzn-RequestId"),
                $"Check that {context.Endpoint.Uri} is {context.Service.DisplayName} (it came from {context.Endpoint.Source}).", e);
        }
    }

    private AwsServiceException Failure(ServiceContext context, string operation, AttemptResult result, AwsErrorInfo? error, ImmutableCredentials keys, int attempts)
    {
        if (error is not null)
        {
            return new AwsServiceException(context.Service, operation, error.Code, SecretScrubber.Scrub(error.Message, keys),
                result.Response!.StatusCode, error.RequestId,
                AwsErrorAdvice.ForServiceError(context.Service, operation, error.Code, result.Response.StatusCode, attempts));
        }

        var message = result.TimedOut
            ? $"No answer from {context.Endpoint.Uri} within {Options.AttemptTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s, {attempts} attempt(s)"
            : $"{Innermost(result.Failure!).Message} ({context.Endpoint.Uri}, {attempts} attempt(s))";
        return new AwsServiceException(context.Service, operation, result.TimedOut ? "RequestTimeout" : "EndpointConnectionError",
            SecretScrubber.Scrub(message, keys), null, null, AwsErrorAdvice.Unreachable(context.Endpoint, context.Service), result.Failure);
    }

    private bool TryCorrectClockSkew(ProtocolResponse response)
    {
        if (response.Header("Date") is not { } date
            || !DateTimeOffset.TryParseExact(date, "r", CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var serverTime))
        {
            return false;
        }

        var skew = serverTime - Options.TimeProvider.GetUtcNow();
        if (skew.Duration() < MaxTolerableSkew)
        {
            return false;
        }

        Interlocked.Exchange(ref clockSkewTicks, skew.Ticks);
        return true;
    }

    private static Exception Innermost(Exception exception)
    {
        while (exception.InnerException is not null)
        {
            exception = exception.InnerException;
        }

        return exception;
    }

    private sealed record ServiceContext(AwsService Service, ServiceModel Model, IAwsProtocol Protocol, AwsEndpoint Endpoint, string SigningRegion);

    private sealed class CallState
    {
        public int QuotaSpent { get; set; }
        public bool SkewCorrected { get; set; }
        public bool CredentialsRenewed { get; set; }
    }

    private sealed record AttemptResult(ProtocolResponse? Response, Exception? Failure, bool TimedOut);
}
