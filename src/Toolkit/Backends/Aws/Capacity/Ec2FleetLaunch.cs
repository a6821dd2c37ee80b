using System.Collections.Concurrent;
using Fleetbook.Backends.Aws.Services;
using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Configuration;

namespace Fleetbook.Backends.Aws.Capacity;

/// <summary>
/// Machines from an EC2 Fleet (the API that replaces Spot Fleet): a launch template built from the fleet file's first
/// launch specification, then CreateFleet of type maintain, spot, capacity-optimized, one override per machine type
/// and subnet.
/// </summary>
public sealed class Ec2FleetLaunch(Ec2Client ec2) : IMachineCapacity
{
    private const string FleetNotFound = "InvalidFleetId.NotFound";

    /// <summary>Errors CreateFleet answered with for a fleet it did create, until DescribeAsync reports them.</summary>
    private readonly ConcurrentDictionary<string, IReadOnlyList<string>> _launchErrors = new(StringComparer.Ordinal);

    public FleetMode Mode => FleetMode.Ec2Fleet;

    public static string LaunchTemplateName(RunConfig config) => $"{config.AppName}LaunchTemplate";

    public async Task<LaunchedCapacity> LaunchAsync(CapacityRequest request, CancellationToken cancellationToken)
    {
        var plan = Ec2FleetPlan.From(request);
        var template = await CreateTemplateAsync(request, plan, cancellationToken).ConfigureAwait(false);
        CreateFleetResponse created;
        try
        {
            created = await ec2.CreateFleetAsync(plan.Fleet(template), cancellationToken).ConfigureAwait(false);
        }
        catch (Exception exception)
        {
            await DeleteTemplateQuietlyAsync(template).ConfigureAwait(false);
            if (exception is AwsServiceException aws && FleetProblems.IsRequestProblem(aws))
            {
                throw FleetProblems.Rejected(request.FleetFile.Path, [FleetProblems.Sentence(aws.Code, aws.ServiceMessage)], "nothing was launched");
            }

            throw;
        }

        var errors = created.Errors.Select(Sentence).Distinct(StringComparer.Ordinal).ToList();
        if (created.FleetId is not { } fleetId)
        {
            await DeleteTemplateQuietlyAsync(template).ConfigureAwait(false);
            throw FleetProblems.Rejected(request.FleetFile.Path, errors, "nothing was launched");
        }

        if (errors.Count > 0)
        {
            _launchErrors[fleetId] = errors;
        }

        return new LaunchedCapacity(Mode, fleetId, template, request.Machines, request.Now, plan.InstanceTypes, request.FleetFile.Path);
    }

    public async Task<CapacitySnapshot> DescribeAsync(LaunchedCapacity launched, CancellationToken cancellationToken)
    {
        var id = FleetId(launched);
        FleetData? fleet;
        try
        {
            fleet = (await ec2.DescribeFleetsAsync(new DescribeFleetsRequest([id]), cancellationToken).ConfigureAwait(false)).Fleets.FirstOrDefault();
        }
        catch (AwsServiceException exception) when (exception.Code == FleetNotFound)
        {
            fleet = null;
        }

        if (fleet is null)
        {
            return new CapacitySnapshot(0, [], [], CapacityStates.NotFound, false);
        }

        var active = await ec2.DescribeFleetInstancesAllAsync(new DescribeFleetInstancesRequest(id), cancellationToken).ReadAllAsync(cancellationToken).ConfigureAwait(false);
        var errors = new List<string>(_launchErrors.GetValueOrDefault(id) ?? []);
        errors.AddRange(fleet.Errors.Select(Sentence));
        errors.AddRange(await HistoryErrorsAsync(id, launched.StartedAt - TimeSpan.FromMinutes(1), cancellationToken).ConfigureAwait(false));
        var distinct = errors.Distinct(StringComparer.Ordinal).ToList();
        var machines = await MachineLookup.OfAsync(ec2, active, cancellationToken).ConfigureAwait(false);
        return new CapacitySnapshot(
            fleet.TargetCapacitySpecification?.TotalTargetCapacity ?? 0,
            machines,
            distinct,
            fleet.FleetState ?? "unknown",
            FleetProblems.Unusable(distinct, fleet.FulfilledCapacity, machines.Count));
    }

    public async Task SetTargetAsync(LaunchedCapacity launched, int machines, CancellationToken cancellationToken)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(machines);
        await ec2.ModifyFleetAsync(
            new ModifyFleetRequest(FleetId(launched), new TargetCapacitySpecification(machines), FleetExcessCapacityTerminationPolicy.NoTermination),
            cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<string>> RemoveAsync(LaunchedCapacity launched, CancellationToken cancellationToken)
    {
        var done = new List<string>();
        if (launched.FleetId is { } id)
        {
            var response = await ec2.DeleteFleetsAsync(new DeleteFleetsRequest([id], TerminateInstances: true), cancellationToken).ConfigureAwait(false);
            var error = response.UnsuccessfulFleetDeletions.FirstOrDefault(f => f.FleetId == id)?.Error;
            done.Add(response.SuccessfulFleetDeletions.Any(f => f.FleetId == id) ? $"Deleted EC2 Fleet {id} and terminated its machines." : error?.Code switch
            {
                "fleetNotInDeletableState" => $"EC2 Fleet {id} was already deleted.",
                "fleetIdDoesNotExist" => $"EC2 Fleet {id} no longer exists; nothing to delete.",
                _ => throw new AwsServiceException(AwsService.Ec2, "DeleteFleets", error?.Code ?? "unexpectedError", error?.Message ?? $"{id} was not deleted", null, null,
                    "Delete it in the EC2 console (Spot Requests), or run cleanup again."),
            });
            _launchErrors.TryRemove(id, out _);
        }

        if (launched.LaunchTemplateId is { } template)
        {
            done.Add(await DeleteTemplateAsync(template, cancellationToken).ConfigureAwait(false)
                ? $"Deleted launch template {template}."
                : $"Launch template {template} was already deleted.");
        }

        return done;
    }

    /// <summary>Deletes the run's launch template by its name (one a start left behind when it died before saving what it launched).</summary>
    public Task<bool> DeleteTemplateByNameAsync(RunConfig config, CancellationToken cancellationToken) =>
        DeleteTemplateAsync(new DeleteLaunchTemplateRequest(LaunchTemplateName: LaunchTemplateName(config)), cancellationToken);

    /// <summary>Creates the run's launch template; one left by an earlier start that crashed is replaced.</summary>
    private async Task<string> CreateTemplateAsync(CapacityRequest request, Ec2FleetPlan plan, CancellationToken cancellationToken)
    {
        var name = LaunchTemplateName(request.Config);
        var create = new CreateLaunchTemplateRequest(name, plan.TemplateData, "Fleetbook run " + request.Config.AppName,
            request.Tags.Count > 0 ? [new TagSpecification(Ec2ResourceType.LaunchTemplate, request.Tags)] : null);
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var created = await ec2.CreateLaunchTemplateAsync(create, cancellationToken).ConfigureAwait(false);
                return created.LaunchTemplate?.LaunchTemplateId ?? throw new InvalidOperationException($"EC2 created launch template {name} but returned no id.");
            }
            catch (AwsServiceException exception) when (exception.Code == "InvalidLaunchTemplateName.AlreadyExistsException" && attempt == 1)
            {
                await ec2.DeleteLaunchTemplateAsync(new DeleteLaunchTemplateRequest(LaunchTemplateName: name), cancellationToken).ConfigureAwait(false);
            }
            catch (AwsServiceException exception) when (FleetProblems.IsRequestProblem(exception))
            {
                throw FleetProblems.Rejected(request.FleetFile.Path, [FleetProblems.Sentence(exception.Code, exception.ServiceMessage)], "nothing was launched");
            }
        }
    }

    /// <summary>True when it deleted the template, false when it was gone already.</summary>
    private Task<bool> DeleteTemplateAsync(string templateId, CancellationToken cancellationToken) =>
        DeleteTemplateAsync(new DeleteLaunchTemplateRequest(LaunchTemplateId: templateId), cancellationToken);

    private async Task<bool> DeleteTemplateAsync(DeleteLaunchTemplateRequest request, CancellationToken cancellationToken)
    {
        try
        {
            await ec2.DeleteLaunchTemplateAsync(request, cancellationToken).ConfigureAwait(false);
            return true;
        }
        catch (AwsServiceException exception) when (exception.Code.StartsWith("InvalidLaunchTemplateId.NotFound", StringComparison.Ordinal)
            || exception.Code.StartsWith("InvalidLaunchTemplateName.NotFound", StringComparison.Ordinal))
        {
            return false;
        }
    }

    /// <summary>Undoes the template of a start that failed; the failure being reported matters more than this one.</summary>
    private async Task DeleteTemplateQuietlyAsync(string templateId)
    {
        try
        {
            await DeleteTemplateAsync(templateId, CancellationToken.None).ConfigureAwait(false);
        }
        catch (AwsServiceException)
        {
        }
    }

    private async Task<IReadOnlyList<string>> HistoryErrorsAsync(string fleetId, DateTimeOffset since, CancellationToken cancellationToken)
    {
        var errors = new List<string>();
        string? token = null;
        do
        {
            var page = await ec2.DescribeFleetHistoryAsync(new DescribeFleetHistoryRequest(fleetId, since, FleetEventType.ServiceError, token), cancellationToken).ConfigureAwait(false);
            errors.AddRange(page.HistoryRecords.Select(r => FleetProblems.Sentence(r.EventInformation?.EventSubType, r.EventInformation?.EventDescription)));
            token = string.IsNullOrEmpty(page.NextToken) ? null : page.NextToken;
        }
        while (token is not null);
        return errors;
    }

    private static string Sentence(FleetError error)
    {
        var pool = error.LaunchTemplateAndOverrides?.Overrides;
        var where = pool is null ? "" : $" ({string.Join(" in ", new[] { pool.InstanceType, pool.SubnetId ?? pool.AvailabilityZone }.OfType<string>())})";
        return FleetProblems.Sentence(error.ErrorCode, error.ErrorMessage is null ? null : error.ErrorMessage.TrimEnd('.') + where);
    }

    private static string FleetId(LaunchedCapacity launched) =>
        launched.FleetId ?? throw new ArgumentException("The launched capacity has no fleet id.", nameof(launched));
}
