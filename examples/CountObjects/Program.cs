namespace Fleetbook.Examples.CountObjects;

public static class Program
{
    private const string UsageText = """
        usage:
          CountObjects count --image PATH --out DIR [--plate P] [--well W] [--site S]
                             [--fail-if-well W] [--sleep-ms N]
          CountObjects generate --out DIR [--plate Plate1] [--sites 4] [--rows 8] [--columns 12]
        """;

    public static int Main(string[] args) => Run(args, Console.Out, Console.Error);

    public static int Run(string[] args, TextWriter stdout, TextWriter stderr)
    {
        try
        {
            switch (args)
            {
                case ["count", .. var rest]:
                    return CountCommand.Run(rest, stdout, stderr);
                case ["generate", .. var rest]:
                    return GenerateCommand.Run(rest, stdout);
                case ["--help" or "-h" or "help"]:
                    stdout.WriteLine(UsageText);
                    return ExitCodes.Success;
                case []:
                    throw new UsageException("no command given");
                default:
                    throw new UsageException($"unknown command '{args[0]}'");
            }
        }
        catch (UsageException e)
        {
            stderr.WriteLine($"CountObjects: {e.Message}");
            stderr.WriteLine(UsageText);
            return ExitCodes.Usage;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            stderr.WriteLine($"CountObjects: {e.Message}");
            return ExitCodes.Failed;
        }
    }
}
