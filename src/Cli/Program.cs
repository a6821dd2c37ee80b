using Fleetbook.Cli;

using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
return await CliApp.RunAsync(args, Console.Out, Console.Error, cancellationToken: stop.Token);
