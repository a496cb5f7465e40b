using System.Collections.Concurrent;
using System.Net;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.AspNetCore.Mvc.Testing.Handlers;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.Logging;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>Browser-like clients of an in-process host whose cookies outlive the host, from a chosen client address.</summary>
internal static class ConsoleClients
{
    /// <summary>A client of <paramref name="server"/> keeping its cookies in <paramref name="cookies"/> (no automatic redirects).</summary>
    public static HttpClient Create(TestServer server, CookieContainer cookies, IPAddress? from = null)
    {
        var handler = server.CreateHandler(context => context.Connection.RemoteIpAddress = from ?? IPAddress.Loopback);
        return new HttpClient(new CookieContainerHandler(cookies) { InnerHandler = handler }) { BaseAddress = server.BaseAddress };
    }

    /// <summary>Signs in with a fresh form (its antiforgery token) and returns the answer to the POST.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string login, string password) =>
        AlertBotApp.SignInAsync(client, login, password);
}

/// <summary>Keeps every log line the host writes, formatted, so tests can read what an operator would.</summary>
internal sealed class LogCapture : ILoggerProvider
{
    private readonly ConcurrentQueue<string> _lines = new();

    public IReadOnlyList<string> Lines => [.. _lines];

    public ILogger CreateLogger(string categoryName) => new Logger(categoryName, _lines);

    public void Dispose()
    {
    }

    private sealed class Logger(string category, ConcurrentQueue<string> lines) : ILogger
    {
        public IDisposable? BeginScope<TState>(TState state)
            where TState : notnull => null;

        public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Information;

        public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
        {
            if (IsEnabled(logLevel))
            {
                lines.Enqueue($"{logLevel}: {category}: {formatter(state, exception)}");
            }
        }
    }
}
