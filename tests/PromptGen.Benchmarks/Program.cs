using BenchmarkDotNet.Running;

// Run on demand, never as part of the test command:
//   dotnet run -c Release --project tests/PromptGen.Benchmarks -- --filter '*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
