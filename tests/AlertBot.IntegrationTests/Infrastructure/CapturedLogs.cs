using System.Collections.Concurrent;
using Microsoft.Extensions.Logging;

namespace AlertBot.IntegrationTests.Infrastructure;

/// <summary>A log provider added to the host under test: every line the host's logging lets through, in order.</summary>
public sealed class CapturedLogs : ILoggerProvider
{
    private readonly ConcurrentQueue<LogLine> _lines = new();

    public IReadOnlyList<LogLine> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

    public void Dispose()
    {
    }

    /// <summary>Waits until a line matching <paramref name="match"/> has been logged, and returns it.</summary>
    public async Task<LogLine> WaitForAsync(Func<LogLine, bool> match, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_lines.FirstOrDefault(match) is { } line)
            {
                return line;
            }

            Assert.True(DateTime.UtcNow < deadline, $"no such log line within {timeout}; logged:\n{string.Join('\n', _lines.TakeLast(50))}");
            await Task.Delay(20);
        }
    }

    private sealed class Logger(CapturedLogs owner, string category) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel != LogLevel.None;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
            owner._lines.Enqueue(new LogLine(category, logLevel, eventId, formatter(state, exception)));
    }
}

public sealed record LogLine(string Category, LogLevel Level, EventId EventId, string Message)
{
    public override string ToString() => $"{Level} {Category}[{EventId.Id}]: {Message}";
}
