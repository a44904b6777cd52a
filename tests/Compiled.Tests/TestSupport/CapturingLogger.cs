using Microsoft.Extensions.Logging;

namespace Compiled.Tests.TestSupport;

/// <summary>
/// Collects formatted log lines. It is its own logger, provider and factory, so a test passes it wherever the
/// code under test takes one (a source's <c>ILogger</c>, a query's <c>LoggerFactory</c>) and asserts on <see cref="Lines"/>.
/// </summary>
public sealed class CapturingLogger : ILogger, ILoggerProvider, ILoggerFactory
{
    private readonly List<(LogLevel Level, string Message)> _lines = [];

    /// <summary>Every line logged so far, in order.</summary>
    public IReadOnlyList<(LogLevel Level, string Message)> Lines
    {
        get { lock (_lines) return _lines.ToArray(); }
    }

    public ILogger CreateLogger(string categoryName) => this;

    public void AddProvider(ILoggerProvider provider)
    {
    }

    public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

    public bool IsEnabled(LogLevel logLevel) => true;

    public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
    {
        lock (_lines) _lines.Add((logLevel, formatter(state, exception)));
    }

    public void Dispose()
    {
    }
}
