using BenchmarkDotNet.Running;

namespace Housing.Bench;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project bench/Housing.Bench -- --filter '*'              (full run)
    /// dotnet run -c Release --project bench/Housing.Bench -- --filter '*' --job short  (a few minutes)
    /// dotnet run -c Release --project bench/Housing.Bench -- --golden FILE             (engine answers, to compare)
    /// dotnet run -c Release --project bench/Housing.Bench -- --report [DB FILE]        (the nightly report over a year of data)
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["--golden", var path]) { Golden.Write(path); return; }
        if (args is ["--report", ..]) { ReportBench.RunAsync(args.Length > 1 ? args[1] : null).GetAwaiter().GetResult(); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
