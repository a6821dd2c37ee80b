using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Backends.Aws.Services.Ec2;

/// <summary>
/// The EC2 operations Fleetbook uses, typed: Spot Fleet (what Distributed-Something fleet files describe), EC2 Fleet
/// with launch templates, machines and tags, and the look-ups preflight checks need (images, subnets, security groups,
/// instance types, spot prices). The records use EC2's member names (PascalCase); the connection speaks EC2's query
/// protocol.
/// </summary>
public sealed class Ec2Client
{
    private readonly AwsOperations _operations;

    public Ec2Client(IAwsInvoker invoker) => _operations = new AwsOperations(invoker, AwsService.Ec2, AwsJson.PascalCase);

    public Task<RequestSpotFleetResponse> RequestSpotFleetAsync(RequestSpotFleetRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<RequestSpotFleetRequest, RequestSpotFleetResponse>("RequestSpotFleet", request, cancellationToken);

    public Task<DescribeSpotFleetRequestsResponse> DescribeSpotFleetRequestsAsync(DescribeSpotFleetRequestsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSpotFleetRequestsRequest, DescribeSpotFleetRequestsResponse>("DescribeSpotFleetRequests", request, cancellationToken);

    /// <summary>Every Spot Fleet request, page after page.</summary>
    public AwsPages<SpotFleetRequest> DescribeSpotFleetRequestsAllAsync(DescribeSpotFleetRequestsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSpotFleetRequestsRequest, SpotFleetRequest>("DescribeSpotFleetRequests", request, cancellationToken);

    public Task<DescribeSpotFleetInstancesResponse> DescribeSpotFleetInstancesAsync(DescribeSpotFleetInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSpotFleetInstancesRequest, DescribeSpotFleetInstancesResponse>("DescribeSpotFleetInstances", request, cancellationToken);

    /// <summary>Every machine of the Spot Fleet, page after page.</summary>
    public AwsPages<ActiveInstance> DescribeSpotFleetInstancesAllAsync(DescribeSpotFleetInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSpotFleetInstancesRequest, ActiveInstance>("DescribeSpotFleetInstances", request, cancellationToken);

    public Task<DescribeSpotFleetRequestHistoryResponse> DescribeSpotFleetRequestHistoryAsync(DescribeSpotFleetRequestHistoryRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSpotFleetRequestHistoryRequest, DescribeSpotFleetRequestHistoryResponse>("DescribeSpotFleetRequestHistory", request, cancellationToken);

    /// <summary>Every history record since the start time, page after page.</summary>
    public AwsPages<HistoryRecord> DescribeSpotFleetRequestHistoryAllAsync(DescribeSpotFleetRequestHistoryRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSpotFleetRequestHistoryRequest, HistoryRecord>("DescribeSpotFleetRequestHistory", request, cancellationToken);

    public Task<ModifySpotFleetRequestResponse> ModifySpotFleetRequestAsync(ModifySpotFleetRequestRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ModifySpotFleetRequestRequest, ModifySpotFleetRequestResponse>("ModifySpotFleetRequest", request, cancellationToken);

    public Task<CancelSpotFleetRequestsResponse> CancelSpotFleetRequestsAsync(CancelSpotFleetRequestsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CancelSpotFleetRequestsRequest, CancelSpotFleetRequestsResponse>("CancelSpotFleetRequests", request, cancellationToken);

    public Task<CreateLaunchTemplateResponse> CreateLaunchTemplateAsync(CreateLaunchTemplateRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateLaunchTemplateRequest, CreateLaunchTemplateResponse>("CreateLaunchTemplate", request, cancellationToken);

    public Task<DeleteLaunchTemplateResponse> DeleteLaunchTemplateAsync(DeleteLaunchTemplateRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteLaunchTemplateRequest, DeleteLaunchTemplateResponse>("DeleteLaunchTemplate", request, cancellationToken);

    public Task<CreateFleetResponse> CreateFleetAsync(CreateFleetRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateFleetRequest, CreateFleetResponse>("CreateFleet", request, cancellationToken);

    public Task<DescribeFleetsResponse> DescribeFleetsAsync(DescribeFleetsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeFleetsRequest, DescribeFleetsResponse>("DescribeFleets", request, cancellationToken);

    /// <summary>Every matching EC2 Fleet, page after page.</summary>
    public AwsPages<FleetData> DescribeFleetsAllAsync(DescribeFleetsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeFleetsRequest, FleetData>("DescribeFleets", request, cancellationToken);

    public Task<DescribeFleetInstancesResponse> DescribeFleetInstancesAsync(DescribeFleetInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeFleetInstancesRequest, DescribeFleetInstancesResponse>("DescribeFleetInstances", request, cancellationToken);

    /// <summary>Every machine of the EC2 Fleet, page after page.</summary>
    public AwsPages<ActiveInstance> DescribeFleetInstancesAllAsync(DescribeFleetInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeFleetInstancesRequest, ActiveInstance>("DescribeFleetInstances", request, cancellationToken);

    /// <summary>One page of the EC2 Fleet's history (EC2 defines no paginator for it: follow <see cref="DescribeFleetHistoryResponse.NextToken"/>).</summary>
    public Task<DescribeFleetHistoryResponse> DescribeFleetHistoryAsync(DescribeFleetHistoryRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeFleetHistoryRequest, DescribeFleetHistoryResponse>("DescribeFleetHistory", request, cancellationToken);

    public Task<ModifyFleetResponse> ModifyFleetAsync(ModifyFleetRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ModifyFleetRequest, ModifyFleetResponse>("ModifyFleet", request, cancellationToken);

    public Task<DeleteFleetsResponse> DeleteFleetsAsync(DeleteFleetsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteFleetsRequest, DeleteFleetsResponse>("DeleteFleets", request, cancellationToken);

    public Task<DescribeInstancesResponse> DescribeInstancesAsync(DescribeInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeInstancesRequest, DescribeInstancesResponse>("DescribeInstances", request, cancellationToken);

    /// <summary>Every matching reservation (each with its machines), page after page.</summary>
    public AwsPages<Reservation> DescribeInstancesAllAsync(DescribeInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeInstancesRequest, Reservation>("DescribeInstances", request, cancellationToken);

    public Task<CreateTagsResponse> CreateTagsAsync(CreateTagsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateTagsRequest, CreateTagsResponse>("CreateTags", request, cancellationToken);

    public Task<DescribeImagesResponse> DescribeImagesAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeImagesRequest, DescribeImagesResponse>("DescribeImages", request, cancellationToken);

    /// <summary>Every matching image, page after page.</summary>
    public AwsPages<Image> DescribeImagesAllAsync(DescribeImagesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeImagesRequest, Image>("DescribeImages", request, cancellationToken);

    public Task<DescribeSubnetsResponse> DescribeSubnetsAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSubnetsRequest, DescribeSubnetsResponse>("DescribeSubnets", request, cancellationToken);

    /// <summary>Every matching subnet, page after page.</summary>
    public AwsPages<Subnet> DescribeSubnetsAllAsync(DescribeSubnetsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSubnetsRequest, Subnet>("DescribeSubnets", request, cancellationToken);

    public Task<DescribeSecurityGroupsResponse> DescribeSecurityGroupsAsync(DescribeSecurityGroupsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSecurityGroupsRequest, DescribeSecurityGroupsResponse>("DescribeSecurityGroups", request, cancellationToken);

    /// <summary>Every matching security group, page after page.</summary>
    public AwsPages<SecurityGroup> DescribeSecurityGroupsAllAsync(DescribeSecurityGroupsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSecurityGroupsRequest, SecurityGroup>("DescribeSecurityGroups", request, cancellationToken);

    public Task<DescribeInstanceTypesResponse> DescribeInstanceTypesAsync(DescribeInstanceTypesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeInstanceTypesRequest, DescribeInstanceTypesResponse>("DescribeInstanceTypes", request, cancellationToken);

    /// <summary>Every matching instance type, page after page.</summary>
    public AwsPages<InstanceTypeInfo> DescribeInstanceTypesAllAsync(DescribeInstanceTypesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeInstanceTypesRequest, InstanceTypeInfo>("DescribeInstanceTypes", request, cancellationToken);

    public Task<DescribeSpotPriceHistoryResponse> DescribeSpotPriceHistoryAsync(DescribeSpotPriceHistoryRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeSpotPriceHistoryRequest, DescribeSpotPriceHistoryResponse>("DescribeSpotPriceHistory", request, cancellationToken);

    /// <summary>Every matching spot price, page after page.</summary>
    public AwsPages<SpotPriceHistoryEntry> DescribeSpotPriceHistoryAllAsync(DescribeSpotPriceHistoryRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<DescribeSpotPriceHistoryRequest, SpotPriceHistoryEntry>("DescribeSpotPriceHistory", request, cancellationToken);
}
