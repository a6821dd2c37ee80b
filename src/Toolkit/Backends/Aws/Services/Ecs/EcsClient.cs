using Fleetbook.Backends.Aws.Services.Paging;

namespace Fleetbook.Backends.Aws.Services.Ecs;

/// <summary>
/// The ECS operations Fleetbook uses, typed: clusters, task definitions, services, container instances, tasks, tags.
/// Every call goes through the one signed connection; the records use ECS's own member names (camelCase on the wire).
/// </summary>
public sealed class EcsClient
{
    private readonly AwsOperations _operations;

    public EcsClient(IAwsInvoker invoker) => _operations = new AwsOperations(invoker, AwsService.Ecs, AwsJson.CamelCase);

    public Task<CreateClusterResponse> CreateClusterAsync(CreateClusterRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateClusterRequest, CreateClusterResponse>("CreateCluster", request, cancellationToken);

    public Task<DescribeClustersResponse> DescribeClustersAsync(DescribeClustersRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeClustersRequest, DescribeClustersResponse>("DescribeClusters", request, cancellationToken);

    public Task<DeleteClusterResponse> DeleteClusterAsync(DeleteClusterRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteClusterRequest, DeleteClusterResponse>("DeleteCluster", request, cancellationToken);

    public Task<ListClustersResponse> ListClustersAsync(ListClustersRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListClustersRequest, ListClustersResponse>("ListClusters", request, cancellationToken);

    /// <summary>Every cluster ARN, page after page.</summary>
    public AwsPages<string> ListClustersAllAsync(ListClustersRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListClustersRequest, string>("ListClusters", request, cancellationToken);

    public Task<PutClusterCapacityProvidersResponse> PutClusterCapacityProvidersAsync(PutClusterCapacityProvidersRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<PutClusterCapacityProvidersRequest, PutClusterCapacityProvidersResponse>("PutClusterCapacityProviders", request, cancellationToken);

    public Task<RegisterTaskDefinitionResponse> RegisterTaskDefinitionAsync(RegisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<RegisterTaskDefinitionRequest, RegisterTaskDefinitionResponse>("RegisterTaskDefinition", request, cancellationToken);

    public Task<DeregisterTaskDefinitionResponse> DeregisterTaskDefinitionAsync(DeregisterTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeregisterTaskDefinitionRequest, DeregisterTaskDefinitionResponse>("DeregisterTaskDefinition", request, cancellationToken);

    public Task<ListTaskDefinitionsResponse> ListTaskDefinitionsAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListTaskDefinitionsRequest, ListTaskDefinitionsResponse>("ListTaskDefinitions", request, cancellationToken);

    /// <summary>Every task definition revision ARN, page after page.</summary>
    public AwsPages<string> ListTaskDefinitionsAllAsync(ListTaskDefinitionsRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListTaskDefinitionsRequest, string>("ListTaskDefinitions", request, cancellationToken);

    public Task<DescribeTaskDefinitionResponse> DescribeTaskDefinitionAsync(DescribeTaskDefinitionRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeTaskDefinitionRequest, DescribeTaskDefinitionResponse>("DescribeTaskDefinition", request, cancellationToken);

    public Task<CreateServiceResponse> CreateServiceAsync(CreateServiceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<CreateServiceRequest, CreateServiceResponse>("CreateService", request, cancellationToken);

    public Task<UpdateServiceResponse> UpdateServiceAsync(UpdateServiceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<UpdateServiceRequest, UpdateServiceResponse>("UpdateService", request, cancellationToken);

    public Task<DeleteServiceResponse> DeleteServiceAsync(DeleteServiceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DeleteServiceRequest, DeleteServiceResponse>("DeleteService", request, cancellationToken);

    public Task<DescribeServicesResponse> DescribeServicesAsync(DescribeServicesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeServicesRequest, DescribeServicesResponse>("DescribeServices", request, cancellationToken);

    public Task<ListServicesResponse> ListServicesAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListServicesRequest, ListServicesResponse>("ListServices", request, cancellationToken);

    /// <summary>Every service ARN of the cluster, page after page.</summary>
    public AwsPages<string> ListServicesAllAsync(ListServicesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListServicesRequest, string>("ListServices", request, cancellationToken);

    public Task<ListContainerInstancesResponse> ListContainerInstancesAsync(ListContainerInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListContainerInstancesRequest, ListContainerInstancesResponse>("ListContainerInstances", request, cancellationToken);

    /// <summary>Every container instance ARN of the cluster, page after page.</summary>
    public AwsPages<string> ListContainerInstancesAllAsync(ListContainerInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListContainerInstancesRequest, string>("ListContainerInstances", request, cancellationToken);

    public Task<DescribeContainerInstancesResponse> DescribeContainerInstancesAsync(DescribeContainerInstancesRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeContainerInstancesRequest, DescribeContainerInstancesResponse>("DescribeContainerInstances", request, cancellationToken);

    public Task<ListTasksResponse> ListTasksAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListTasksRequest, ListTasksResponse>("ListTasks", request, cancellationToken);

    /// <summary>Every matching task ARN, page after page.</summary>
    public AwsPages<string> ListTasksAllAsync(ListTasksRequest request, CancellationToken cancellationToken = default) =>
        _operations.Pages<ListTasksRequest, string>("ListTasks", request, cancellationToken);

    public Task<DescribeTasksResponse> DescribeTasksAsync(DescribeTasksRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<DescribeTasksRequest, DescribeTasksResponse>("DescribeTasks", request, cancellationToken);

    public Task<TagResourceResponse> TagResourceAsync(TagResourceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<TagResourceRequest, TagResourceResponse>("TagResource", request, cancellationToken);

    public Task<ListTagsForResourceResponse> ListTagsForResourceAsync(ListTagsForResourceRequest request, CancellationToken cancellationToken = default) =>
        _operations.CallAsync<ListTagsForResourceRequest, ListTagsForResourceResponse>("ListTagsForResource", request, cancellationToken);
}
