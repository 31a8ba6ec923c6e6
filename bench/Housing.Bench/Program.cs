using BenchmarkDotNet.Running;

namespace Housing.Bench;

public static class Program
{
    /// <summary>
    /// dotnet run -c Release --project bench/Housing.Bench -- --filter '*'              (full run)
    /// dotnet run -c Release --project bench/Housing.Bench -- --filter '*' --job short  (a few minutes)
    /// dotnet run -c Release --project bench/Housing.Bench -- --golden FILE             (engine answers, to compare)
    /// </summary>
    public static void Main(string[] args)
    {
        if (args is ["--golden", var path]) { Golden.Write(path); return; }
        BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
    }
}
