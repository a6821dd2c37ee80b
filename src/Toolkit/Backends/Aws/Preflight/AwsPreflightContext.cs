using Fleetbook.Backends.Aws.Services.Ec2;
using Fleetbook.Configuration;
using Fleetbook.Fleet;
using Fleetbook.Storage;

namespace Fleetbook.Backends.Aws.Preflight;

/// <summary>
/// What preflight looks at: the run's config, its fleet file (null in Fargate Spot mode or when there is none),
/// EC2 in the run's region, and the run's bucket.
/// </summary>
public sealed record AwsPreflightContext(RunConfig Config, FleetFileContents? FleetFile, Ec2Client Ec2, IObjectStore Bucket);
