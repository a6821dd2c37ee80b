using Fleetbook.Notebooks.Cli;

var code = await RunnerApp.RunAsync(args, Console.Out, Console.Error);
await Console.Out.FlushAsync();

// A cell that timed out may still be running on a thread of its own; it must not keep the process alive.
Environment.Exit(code);
