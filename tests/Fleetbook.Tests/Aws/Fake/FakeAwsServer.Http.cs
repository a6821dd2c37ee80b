using System.Net;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using System.Web;
using Fleetbook.Backends.Aws;

namespace Fleetbook.Tests.Aws.Fake;

/// <summary>The wire side: routing by protocol, the signature's presence and scope, validation, recording, errors.</summary>
public sealed partial class FakeAwsServer
{
    private static readonly Regex CredentialPattern = new(
        @"^AWS4-HMAC-SHA256\s+Credential=(?<key>[^/\s]+)/(?<date>\d{8})/(?<region>[^/\s]+)/(?<service>[^/\s]+)/aws4_request\s*,\s*SignedHeaders=(?<headers>[^,\s]+)\s*,\s*Signature=(?<signature>[0-9a-f]{64})$",
        RegexOptions.CultureInvariant);

    private static readonly JsonSerializerOptions CompactJson = new() { WriteIndented = false };

    private async Task ServeAsync()
    {
        while (!_stopping.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                break;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        var requestId = Guid.NewGuid().ToString();
        Reply reply;
        try
        {
            string body;
            using (var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8))
            {
                body = await reader.ReadToEndAsync();
            }

            reply = Handle(context.Request, body, requestId);
        }
        catch (Exception ex)
        {
            AddViolation(new ModelViolation(null, "(http)", ViolationSide.Response, "", "the fake failed: " + ex));
            reply = new Reply(500, "application/json", $"{{\"__type\":\"InternalFailure\",\"message\":{JsonSerializer.Serialize(ex.Message)}}}", null);
        }

        try
        {
            var response = context.Response;
            response.StatusCode = reply.Status;
            response.ContentType = reply.ContentType;
            response.Headers["x-amzn-RequestId"] = requestId;
            if (reply.QueryErrorHeader is not null)
            {
                response.Headers["x-amzn-query-error"] = reply.QueryErrorHeader;
            }

            var bytes = Encoding.UTF8.GetBytes(reply.Body);
            response.ContentLength64 = bytes.Length;
            await response.OutputStream.WriteAsync(bytes);
            response.Close();
        }
        catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or IOException)
        {
            // The client went away or the server is stopping.
        }
    }

    private sealed record Reply(int Status, string ContentType, string Body, string? QueryErrorHeader);

    /// <summary>Where tasks find the ECS task metadata endpoint v4 (ECS_CONTAINER_METADATA_URI_V4 = Url + this + task id).</summary>
    internal const string TaskMetadataPath = "/ecs-metadata/v4/";

    /// <summary>GET {id} (the container), {id}/task, {id}/stats, {id}/task/stats, as the ECS agent serves them (no signature).</summary>
    private Reply TaskMetadata(string rest)
    {
        var parts = rest.Split('/', StringSplitOptions.RemoveEmptyEntries);
        JsonObject? document = null;
        if (parts.Length >= 1)
        {
            lock (Gate)
            {
                document = Ecs.Metadata(parts[0], task: parts.Length >= 2 && parts[1] == "task");
            }
        }

        if (document is null)
        {
            return new Reply(404, "text/plain", $"no task {rest}", null);
        }

        return parts.Length >= 2 && parts[^1] == "stats"
            ? new Reply(200, "application/json", "{}", null)
            : new Reply(200, "application/json", document.Pruned()!.ToJsonString(CompactJson), null);
    }

    private sealed record JsonRoute(AwsService Service, string ContentType);

    private static readonly Dictionary<string, JsonRoute> JsonRoutes = new(StringComparer.Ordinal)
    {
        [AwsService.Ecs.TargetPrefix!] = new(AwsService.Ecs, "application/x-amz-json-1.1"),
        [AwsService.Logs.TargetPrefix!] = new(AwsService.Logs, "application/x-amz-json-1.1"),
        [AwsService.CloudWatch.TargetPrefix!] = new(AwsService.CloudWatch, "application/x-amz-json-1.0"),
    };

    private Reply Handle(HttpListenerRequest request, string body, string requestId)
    {
        var target = request.Headers["X-Amz-Target"];
        var contentType = request.ContentType ?? "";
        if (request.HttpMethod == "GET" && request.Url?.AbsolutePath.StartsWith(TaskMetadataPath, StringComparison.Ordinal) == true)
        {
            return TaskMetadata(request.Url.AbsolutePath[TaskMetadataPath.Length..]);
        }

        if (target is not null)
        {
            var dot = target.LastIndexOf('.');
            var prefix = dot > 0 ? target[..dot] : target;
            var operation = dot > 0 ? target[(dot + 1)..] : "";
            if (!JsonRoutes.TryGetValue(prefix, out var route))
            {
                AddViolation(new ModelViolation(null, target, ViolationSide.Request, "", $"X-Amz-Target prefix '{prefix}' is not ECS, CloudWatch Logs or CloudWatch"));
                return JsonError(null, "application/x-amz-json-1.1", "UnknownOperationException", $"Unknown target {target}.", 400);
            }

            return HandleJson(request, route, operation, contentType, body, requestId);
        }

        if (request.HttpMethod == "POST" && contentType.StartsWith("application/x-www-form-urlencoded", StringComparison.OrdinalIgnoreCase))
        {
            return HandleEc2(request, body, requestId);
        }

        AddViolation(new ModelViolation(null, $"{request.HttpMethod} {request.RawUrl}", ViolationSide.Request, "",
            $"neither a JSON request (no X-Amz-Target) nor an EC2 query POST (content type '{contentType}')"));
        return new Reply(400, "text/plain", "The fake AWS server serves ECS, Logs and CloudWatch (X-Amz-Target) and EC2 (form POST).", null);
    }

    /// <summary>Checks the Authorization header is a SigV4 one scoped to the right service; null when it is.</summary>
    private string? AuthorizationProblem(HttpListenerRequest request, AwsService service)
    {
        var authorization = request.Headers["Authorization"];
        if (string.IsNullOrEmpty(authorization))
        {
            return "no Authorization header: the request is not signed";
        }

        var match = CredentialPattern.Match(authorization);
        if (!match.Success)
        {
            return $"the Authorization header is not 'AWS4-HMAC-SHA256 Credential=<key>/<yyyymmdd>/<region>/<service>/aws4_request, SignedHeaders=…, Signature=<64 hex>': '{authorization}'";
        }

        if (match.Groups["service"].Value != service.SigningName)
        {
            return $"the credential is scoped to service '{match.Groups["service"].Value}', not '{service.SigningName}'";
        }

        var amzDate = request.Headers["X-Amz-Date"];
        if (string.IsNullOrEmpty(amzDate))
        {
            return "no X-Amz-Date header";
        }

        if (!amzDate.StartsWith(match.Groups["date"].Value, StringComparison.Ordinal))
        {
            return $"the credential date {match.Groups["date"].Value} is not the date of X-Amz-Date {amzDate}";
        }

        var signed = match.Groups["headers"].Value.Split(';');
        if (!signed.Contains("host") || !signed.Contains("x-amz-date"))
        {
            return $"SignedHeaders '{match.Groups["headers"].Value}' must include host and x-amz-date";
        }

        if (signed.Contains("x-amz-target") != (request.Headers["X-Amz-Target"] is not null))
        {
            return "X-Amz-Target must be signed when it is sent";
        }

        return null;
    }

    private Reply HandleJson(HttpListenerRequest request, JsonRoute route, string operation, string contentType, string body, string requestId)
    {
        var service = route.Service;
        if (AuthorizationProblem(request, service) is { } authProblem)
        {
            AddViolation(new ModelViolation(service, operation, ViolationSide.Request, "", authProblem));
            var missing = string.IsNullOrEmpty(request.Headers["Authorization"]);
            return JsonError(service, route.ContentType, missing ? "MissingAuthenticationTokenException" : "IncompleteSignatureException", missing ? "Missing Authentication Token" : authProblem, 403);
        }

        if (!contentType.StartsWith(route.ContentType, StringComparison.OrdinalIgnoreCase))
        {
            AddViolation(new ModelViolation(service, operation, ViolationSide.Request, "", $"Content-Type is '{contentType}', {service.DisplayName} expects '{route.ContentType}'"));
        }

        var model = Models[service];
        var modelOperation = model.Operation(operation);
        if (modelOperation is null)
        {
            AddViolation(new ModelViolation(service, operation, ViolationSide.Request, "", $"{service.DisplayName} has no operation '{operation}'"));
            return JsonError(service, route.ContentType, "UnknownOperationException", $"Unknown operation {operation}.", 400);
        }

        JsonObject input;
        try
        {
            var parsed = string.IsNullOrWhiteSpace(body) ? new JsonObject() : JsonNode.Parse(body);
            if (parsed is not JsonObject parsedObject)
            {
                throw new JsonException("the body is not a JSON object");
            }

            input = parsedObject;
        }
        catch (JsonException ex)
        {
            AddViolation(new ModelViolation(service, operation, ViolationSide.Request, "", "the body is not a JSON object: " + ex.Message));
            return JsonError(service, route.ContentType, "SerializationException", "The request body is not valid JSON.", 400);
        }

        var problems = modelOperation.InputShape is null
            ? input.Select(p => new ShapeProblem(p.Key, "the operation takes no input")).ToList()
            : ModelValidator.Validate(model, modelOperation.InputShape, input, TimestampForm.EpochSeconds);
        if (problems.Count > 0)
        {
            return Rejected(service, operation, input, problems, p => JsonError(service, route.ContentType, "ValidationException", p, 400));
        }

        var outcome = Dispatch(service, operation, input);
        if (outcome.Error is { } error)
        {
            return JsonError(service, route.ContentType, error.Code, error.Message, error.Status);
        }

        var output = outcome.Output!;
        if (modelOperation.OutputShape is not null)
        {
            foreach (var problem in ModelValidator.Validate(model, modelOperation.OutputShape, output, TimestampForm.EpochSeconds))
            {
                AddViolation(new ModelViolation(service, operation, ViolationSide.Response, problem.Path, problem.Problem));
            }
        }

        return new Reply(200, route.ContentType, output.ToJsonString(CompactJson), null);
    }

    private Reply HandleEc2(HttpListenerRequest request, string body, string requestId)
    {
        var service = AwsService.Ec2;
        var parameters = HttpUtility.ParseQueryString(body, Encoding.UTF8);
        var action = parameters["Action"] ?? "";
        var otherService = AwsService.All.FirstOrDefault(s => s != AwsService.Ec2 && s.ApiVersion == parameters["Version"]);
        if (otherService is not null)
        {
            AddViolation(new ModelViolation(otherService, action, ViolationSide.Request, "",
                $"{otherService.DisplayName} was called with the query protocol (Version={otherService.ApiVersion}); call it with AWS JSON {otherService.JsonVersion} (X-Amz-Target {otherService.TargetPrefix}.{action})"));
            return Ec2Error("InvalidAction", $"The fake serves {otherService.DisplayName} over AWS JSON {otherService.JsonVersion} only.", requestId, 400);
        }

        if (AuthorizationProblem(request, service) is { } authProblem)
        {
            AddViolation(new ModelViolation(service, action, ViolationSide.Request, "", authProblem));
            var missing = string.IsNullOrEmpty(request.Headers["Authorization"]);
            return Ec2Error(missing ? "MissingAuthenticationToken" : "IncompleteSignature", missing ? "Request is missing Authentication Token" : authProblem, requestId, 403);
        }

        var model = Models[service];
        var modelOperation = model.Operation(action);
        if (modelOperation is null)
        {
            AddViolation(new ModelViolation(service, action, ViolationSide.Request, "", action.Length == 0 ? "no Action parameter" : $"EC2 has no action '{action}'"));
            return Ec2Error("InvalidAction", $"The action {action} is not valid for this web service.", requestId, 400);
        }

        var problems = new List<ShapeProblem>();
        if (parameters["Version"] != model.ApiVersion)
        {
            problems.Add(new("Version", $"Version must be {model.ApiVersion}, got '{parameters["Version"]}'"));
        }

        var pairs = new List<KeyValuePair<string, string>>();
        foreach (var key in parameters.AllKeys)
        {
            if (key is null)
            {
                problems.Add(new("", "a parameter has no name"));
                continue;
            }

            if (key is "Action" or "Version")
            {
                continue;
            }

            var values = parameters.GetValues(key) ?? [];
            if (values.Length > 1)
            {
                problems.Add(new(key, "the parameter is given more than once"));
            }

            pairs.Add(new(key, values.FirstOrDefault() ?? ""));
        }

        var input = modelOperation.InputShape is null ? [] : Ec2QueryParser.Parse(model, model.Shape(modelOperation.InputShape), pairs, problems);
        if (modelOperation.InputShape is not null)
        {
            problems.AddRange(ModelValidator.Validate(model, modelOperation.InputShape, input, TimestampForm.Iso8601));
        }

        if (problems.Count > 0)
        {
            return Rejected(service, action, input, problems, p => Ec2Error("InvalidParameterValue", p, requestId, 400));
        }

        var outcome = Dispatch(service, action, input);
        if (outcome.Error is { } error)
        {
            return Ec2Error(error.Code, error.Message, requestId, error.Status);
        }

        var output = outcome.Output!;
        if (modelOperation.OutputShape is not null)
        {
            foreach (var problem in ModelValidator.Validate(model, modelOperation.OutputShape, output, TimestampForm.Iso8601))
            {
                AddViolation(new ModelViolation(service, action, ViolationSide.Response, problem.Path, problem.Problem));
            }
        }

        return new Reply(200, "text/xml;charset=UTF-8", Ec2XmlWriter.Response(model, action, modelOperation.OutputShape, output, requestId), null);
    }

    private Reply Rejected(AwsService service, string operation, JsonObject input, List<ShapeProblem> problems, Func<string, Reply> error)
    {
        lock (Gate)
        {
            foreach (var problem in problems)
            {
                _violations.Add(new ModelViolation(service, operation, ViolationSide.Request, problem.Path, problem.Problem));
            }

            _calls.Add(new RecordedCall(service, operation, Clone(input), Now, Failed: true));
        }

        var message = $"{problems.Count} validation error(s) detected: " + string.Join("; ", problems.Select(p => $"{(p.Path.Length > 0 ? p.Path + ": " : "")}{p.Problem}"));
        return error(message);
    }

    private sealed record Outcome(JsonObject? Output, FakeAwsException? Error);

    private Outcome Dispatch(AwsService service, string operation, JsonObject input)
    {
        lock (Gate)
        {
            try
            {
                var output = (JsonObject?)(service.Id switch
                {
                    "ECS" => Ecs.Handle(operation, input),
                    "EC2" => Ec2.Handle(operation, input),
                    "CLOUDWATCH_LOGS" => Logs.Handle(operation, input),
                    _ => CloudWatch.Handle(operation, input),
                }).Pruned() ?? [];
                _calls.Add(new RecordedCall(service, operation, Clone(input), Now, Failed: false));
                if (service.Id is "ECS" or "EC2")
                {
                    ReconcileLocked();
                }

                return new Outcome(output, null);
            }
            catch (FakeAwsException ex)
            {
                _calls.Add(new RecordedCall(service, operation, Clone(input), Now, Failed: true));
                return new Outcome(null, ex);
            }
            catch (NotSupportedException ex)
            {
                _calls.Add(new RecordedCall(service, operation, Clone(input), Now, Failed: true));
                _violations.Add(new ModelViolation(service, operation, ViolationSide.Response, "", "the fake does not model this operation: " + ex.Message));
                return new Outcome(null, new FakeAwsException("NotImplementedByFake", $"The fake AWS server does not model {service.DisplayName} {operation}."));
            }
        }
    }

    private Reply JsonError(AwsService? service, string contentType, string code, string message, int status)
    {
        string? queryError = null;
        var errorShape = service is null ? null : Models[service].ShapeOrNull(code);
        status = errorShape?.HttpStatus ?? status;
        if (service == AwsService.CloudWatch)
        {
            // awsQueryCompatible: SDKs read the query error code from this header.
            queryError = $"{errorShape?.QueryErrorCode ?? code};{(status >= 500 ? "Receiver" : "Sender")}";
        }

        var body = new JsonObject { ["__type"] = code, ["message"] = message };
        return new Reply(status, contentType, body.ToJsonString(CompactJson), queryError);
    }

    private static Reply Ec2Error(string code, string message, string requestId, int status) =>
        new(status, "text/xml;charset=UTF-8", Ec2XmlWriter.Error(code, message, requestId), null);
}
