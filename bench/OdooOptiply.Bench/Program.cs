// Benchmarks: see bench/README.md. Each benchmark is a subcommand that prints its numbers.
Console.Error.WriteLine("usage: OdooOptiply.Bench <benchmark> (none yet)");
return 2;
