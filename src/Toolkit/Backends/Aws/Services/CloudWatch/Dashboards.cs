namespace Fleetbook.Backends.Aws.Services.CloudWatch;

/// <summary>PutDashboard: creates or replaces a dashboard; <paramref name="DashboardBody"/> is the dashboard's JSON as text.</summary>
public sealed record PutDashboardRequest(string DashboardName, string DashboardBody, IReadOnlyList<AwsTag>? Tags = null);

public sealed record PutDashboardResponse
{
    /// <summary>What CloudWatch found wrong or odd in the body; empty when it is fine.</summary>
    public IReadOnlyList<DashboardValidationMessage> DashboardValidationMessages { get; init; } = [];
}

public sealed record DashboardValidationMessage
{
    public string? DataPath { get; init; }

    public string? Message { get; init; }
}

/// <summary>DeleteDashboards: dashboards by name.</summary>
public sealed record DeleteDashboardsRequest(IReadOnlyList<string> DashboardNames);

public sealed record DeleteDashboardsResponse;

/// <summary>ListDashboards: one page of dashboards, optionally by name prefix.</summary>
public sealed record ListDashboardsRequest(string? DashboardNamePrefix = null, string? NextToken = null);

public sealed record ListDashboardsResponse
{
    public IReadOnlyList<DashboardEntry> DashboardEntries { get; init; } = [];

    public string? NextToken { get; init; }
}

public sealed record DashboardEntry
{
    public string? DashboardName { get; init; }

    public string? DashboardArn { get; init; }

    public DateTimeOffset? LastModified { get; init; }

    public long Size { get; init; }
}
