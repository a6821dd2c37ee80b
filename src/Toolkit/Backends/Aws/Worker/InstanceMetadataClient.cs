using System.Globalization;
using System.Net;

namespace Fleetbook.Backends.Aws.Worker;

/// <summary>How to reach the EC2 instance metadata service.</summary>
public sealed record InstanceMetadataOptions
{
    public static readonly Uri DefaultBaseAddress = new("http://169.254.169.254/");

    /// <summary>Off EC2 nothing answers there; a short timeout keeps the first request from holding anything up.</summary>
    public static readonly TimeSpan DefaultRequestTimeout = TimeSpan.FromSeconds(1);

    public static readonly TimeSpan DefaultTokenLifetime = TimeSpan.FromHours(6);

    public Uri BaseAddress { get; init; } = DefaultBaseAddress;

    public TimeSpan RequestTimeout { get; init; } = DefaultRequestTimeout;

    public TimeSpan TokenLifetime { get; init; } = DefaultTokenLifetime;

    /// <summary>The HTTP stack; null for a fresh <see cref="SocketsHttpHandler"/>. The client does not dispose one it is given.</summary>
    public HttpMessageHandler? HttpHandler { get; init; }

    /// <summary>The options the AWS SDKs would use: AWS_EC2_METADATA_SERVICE_ENDPOINT, else the link-local address.</summary>
    public static InstanceMetadataOptions FromEnvironment(Func<string, string?> environment) =>
        Uri.TryCreate(environment("AWS_EC2_METADATA_SERVICE_ENDPOINT"), UriKind.Absolute, out var endpoint)
            ? new InstanceMetadataOptions { BaseAddress = endpoint }
            : new InstanceMetadataOptions();
}

/// <summary>Instance metadata could not be read at all: not on EC2, IMDS turned off, or a container that cannot reach it.</summary>
public sealed class InstanceMetadataUnavailableException(string message, Exception? inner = null) : Exception(message, inner);

/// <summary>
/// Reads EC2 instance metadata with IMDSv2: a session token from <c>PUT /latest/api/token</c>, then GETs that carry it.
/// Falls back to IMDSv1 (GETs without a token) when the token request goes unanswered, as it does from a container
/// on a bridge network when the instance's metadata hop limit is 1.
/// </summary>
public sealed class InstanceMetadataClient : IDisposable
{
    private const string TokenPath = "latest/api/token";
    private const string TokenHeader = "X-aws-ec2-metadata-token";
    private const string TokenLifetimeHeader = "X-aws-ec2-metadata-token-ttl-seconds";

    private readonly HttpClient _http;
    private readonly InstanceMetadataOptions _options;
    private readonly TimeProvider _time;
    private readonly SemaphoreSlim _tokenGate = new(1, 1);
    private string? _token;
    private DateTimeOffset _tokenExpires;
    private bool _versionOne;

    public InstanceMetadataClient(InstanceMetadataOptions options, TimeProvider time)
    {
        _options = options ?? throw new ArgumentNullException(nameof(options));
        _time = time ?? throw new ArgumentNullException(nameof(time));
        var handler = options.HttpHandler ?? new SocketsHttpHandler { ConnectTimeout = options.RequestTimeout, UseProxy = false };
        _http = new HttpClient(handler, disposeHandler: options.HttpHandler is null) { BaseAddress = options.BaseAddress, Timeout = options.RequestTimeout };
    }

    /// <summary>The text at <paramref name="path"/> (such as <c>/latest/meta-data/instance-id</c>), or null when there is none (404).</summary>
    /// <exception cref="InstanceMetadataUnavailableException">The service did not answer, or refused the request.</exception>
    public async Task<string?> GetAsync(string path, CancellationToken cancellationToken)
    {
        for (var attempt = 1; ; attempt++)
        {
            var token = await TokenAsync(cancellationToken);
            using var request = new HttpRequestMessage(HttpMethod.Get, path.TrimStart('/'));
            if (token is not null)
            {
                request.Headers.TryAddWithoutValidation(TokenHeader, token);
            }

            using var response = await SendAsync(request, cancellationToken);
            switch (response.StatusCode)
            {
                case HttpStatusCode.OK:
                    return await response.Content.ReadAsStringAsync(cancellationToken);
                case HttpStatusCode.NotFound:
                    return null;
                case HttpStatusCode.Unauthorized when attempt == 1:
                    // The token expired early (or IMDSv2 became required): get a fresh one, once.
                    _token = null;
                    _versionOne = false;
                    continue;
                default:
                    throw new InstanceMetadataUnavailableException($"instance metadata answered {(int)response.StatusCode} for {path}");
            }
        }
    }

    public void Dispose()
    {
        _http.Dispose();
        _tokenGate.Dispose();
    }

    private async Task<string?> TokenAsync(CancellationToken cancellationToken)
    {
        await _tokenGate.WaitAsync(cancellationToken);
        try
        {
            if (_versionOne || (_token is not null && _time.GetUtcNow() < _tokenExpires))
            {
                return _versionOne ? null : _token;
            }

            using var request = new HttpRequestMessage(HttpMethod.Put, TokenPath);
            var seconds = (int)_options.TokenLifetime.TotalSeconds;
            request.Headers.TryAddWithoutValidation(TokenLifetimeHeader, seconds.ToString(CultureInfo.InvariantCulture));
            HttpResponseMessage response;
            try
            {
                response = await SendAsync(request, cancellationToken);
            }
            catch (InstanceMetadataUnavailableException)
            {
                if (!await AnswersWithoutTokenAsync(cancellationToken))
                {
                    throw;
                }

                _versionOne = true;
                return null;
            }

            using (response)
            {
                if (response.StatusCode is HttpStatusCode.NotFound or HttpStatusCode.MethodNotAllowed)
                {
                    _versionOne = true;
                    return null;
                }

                if (response.StatusCode != HttpStatusCode.OK)
                {
                    throw new InstanceMetadataUnavailableException($"instance metadata refused a session token ({(int)response.StatusCode}; 403 means IMDS is turned off for this instance)");
                }

                _token = (await response.Content.ReadAsStringAsync(cancellationToken)).Trim();
                _tokenExpires = _time.GetUtcNow() + _options.TokenLifetime - TimeSpan.FromMinutes(1);
                return _token;
            }
        }
        finally
        {
            _tokenGate.Release();
        }
    }

    private async Task<bool> AnswersWithoutTokenAsync(CancellationToken cancellationToken)
    {
        try
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, "latest/meta-data/instance-id");
            using var response = await SendAsync(request, cancellationToken);
            return response.StatusCode == HttpStatusCode.OK;
        }
        catch (InstanceMetadataUnavailableException)
        {
            return false;
        }
    }

    private async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        try
        {
            return await _http.SendAsync(request, cancellationToken);
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested && ex is HttpRequestException or TaskCanceledException or IOException)
        {
            throw new InstanceMetadataUnavailableException(
                $"no answer from instance metadata at {_options.BaseAddress} within {_options.RequestTimeout.TotalSeconds.ToString("0.#", CultureInfo.InvariantCulture)} s ({ex.Message})", ex);
        }
    }
}
