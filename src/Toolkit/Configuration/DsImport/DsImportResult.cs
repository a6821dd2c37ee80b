namespace Fleetbook.Configuration.DsImport;

/// <summary>
/// A Distributed-Something config.py turned into a <see cref="RunConfig"/>, with what the user should know about
/// the conversion (keys passed on as environment variables, derived names, settings still to fill in, such as
/// <c>command</c>, which config.py never holds).
/// </summary>
public sealed record DsImportResult(RunConfig Config, IReadOnlyList<string> Notes);
