using System.Collections.Concurrent;
using System.Text;
using Microsoft.Extensions.Logging;

namespace Housing.Api.Tests.Infrastructure;

/// <summary>
/// Every log entry, kept both as a formatter sees it (level, message, fields) and as one line with
/// each of its values and scopes and any exception, for scanning. Add it to an app's services as
/// an <see cref="ILoggerProvider"/>, or hand <see cref="CreateLogger{T}"/> to a class a test builds.
/// </summary>
public sealed class CapturedLogs : ILoggerProvider, ISupportExternalScope
{
    private readonly ConcurrentQueue<CapturedLog> _entries = new();
    private IExternalScopeProvider _scopes = new LoggerExternalScopeProvider();

    public IReadOnlyList<CapturedLog> Entries => _entries.ToList();

    public IReadOnlyList<string> Lines => _entries.Select(e => e.Line).ToList();

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    /// <summary>A logger for a class the test builds itself rather than takes from an app.</summary>
    public ILogger<T> CreateLogger<T>() => new Logger<T>(new LoggerFactory([this]));

    public void SetScopeProvider(IExternalScopeProvider scopeProvider) => _scopes = scopeProvider;

    public void Dispose() { }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state) where TState : notnull => owner._scopes.Push(state);

        public bool IsEnabled(LogLevel logLevel) => true;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            var message = formatter(state, exception);
            var fields = new Dictionary<string, object?>(StringComparer.Ordinal);
            var line = new StringBuilder($"{logLevel} {category}: {message}");
            if (state is IEnumerable<KeyValuePair<string, object?>> values)
            {
                foreach (var (key, value) in values)
                {
                    fields[key] = value;
                    line.Append($" | {key}={value}");
                }
            }
            owner._scopes.ForEachScope((scope, builder) => builder.Append($" | scope {scope}"), line);
            if (exception is not null) line.Append(" | ").Append(exception);
            owner._entries.Enqueue(new CapturedLog(logLevel, category, message, fields, line.ToString()));
        }
    }
}

/// <param name="Fields">The structured values, as the JSON console writes them, such as <c>Date</c>.</param>
/// <param name="Line">All of it on one line, as <see cref="CapturedLogs.Lines"/> gives it.</param>
public sealed record CapturedLog(LogLevel Level, string Category, string Message, IReadOnlyDictionary<string, object?> Fields, string Line);
