using System.Collections.Concurrent;
using Housing.Api.Reports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Reports;

/// <summary>What a run says about itself: in its logs, and in the answer to <c>POST /v1/reports/capacity/runs</c>.</summary>
public sealed class ReportRunTests : ReportTest
{
    [Test]
    public async Task RunLogsGiveTheDateAsIsoInTheMessageAndInItsField()
    {
        var logger = new RecordingLogger<ReportRunner>();
        var runner = ActivatorUtilities.CreateInstance<ReportRunner>(App.Services, (ILogger<ReportRunner>)logger);

        Assert.That(await runner.RunAsync(new DateOnly(2026, 2, 20), rebuild: false, CancellationToken.None), Is.EqualTo(RunOutcome.Built));

        var lines = logger.Lines.Where(l => l.Level >= LogLevel.Information).ToList();
        Assert.That(lines.Select(l => l.Message), Has.Some.EqualTo("Capacity report 2026-02-20: started by " + runner.Holder));
        Assert.That(lines.Select(l => l.Message), Has.None.Contain("02/20/2026"));
        Assert.That(lines.Select(l => l.Fields["Date"]), Is.Not.Empty.And.All.EqualTo("2026-02-20"), "structured field, as the JSON console writes it");
    }

    /// <summary>Keeps each line's message and fields as a log formatter would see them.</summary>
    private sealed class RecordingLogger<T> : ILogger<T>
    {
        private readonly ConcurrentQueue<(LogLevel, string, IReadOnlyDictionary<string, object?>)> _lines = new();

        public IReadOnlyList<(LogLevel Level, string Message, IReadOnlyDictionary<string, object?> Fields)> Lines => _lines.ToList();

        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var fields = state is IEnumerable<KeyValuePair<string, object?>> pairs
                ? pairs.ToDictionary(p => p.Key, p => p.Value)
                : new Dictionary<string, object?>();
            _lines.Enqueue((logLevel, formatter(state, exception), fields));
        }
    }
}
