using Fleetbook.Notebooks.Cli;

int code;
using (var interrupts = new Interrupts())
{
    code = await RunnerApp.RunAsync(args, Console.Out, Console.Error, interrupts.Token);
}

await Console.Out.FlushAsync();
return code;
