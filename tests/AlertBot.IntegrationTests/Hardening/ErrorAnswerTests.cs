using System.Net;
using System.Text;
using System.Text.Json;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>Bad input gets a clear answer: problem details naming the fault for the API, a page for the console.</summary>
public sealed class ErrorAnswerTests
{
    [Theory]
    [InlineData("/api/reports", "{\"source\": \"Deir Press\", \"text\": }", "$.text")]
    [InlineData("/api/reports", "{\"source\": \"Deir Press\", \"text\": \"unterminated", "$.text")]
    [InlineData("/api/sandbox/chats/42/messages", "{\"text\": 42}", "$.text")]
    public async Task Malformed_json_to_the_api_gets_problem_details_that_say_what_is_wrong_and_where(string path, string body, string where)
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();

        var response = await api.PostAsync(new Uri(path, UriKind.Relative), new StringContent(body, Encoding.UTF8, "application/json"));

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(400, problem.RootElement.GetProperty("status").GetInt32());
        var detail = problem.RootElement.GetProperty("detail").GetString()!;
        Assert.StartsWith("The request body is not valid JSON: ", detail, StringComparison.Ordinal);
        Assert.Contains($"Path: {where}", detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Unknown_event_and_unknown_page_in_the_console_are_pages_not_json()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database);
        using var mona = await app.ConsoleClientAsync();

        foreach (var path in new[] { "/events/987654", "/no-such-page", "/sources/987654" })
        {
            var response = await mona.SendAsync(new HttpRequestMessage(HttpMethod.Get, new Uri(path, UriKind.Relative))
            {
                Headers = { { "Accept", "text/html,application/xhtml+xml,application/xml;q=0.9,*/*;q=0.8" } },
            });

            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Equal("text/html", response.Content.Headers.ContentType?.MediaType);
            var page = await response.Content.ReadAsStringAsync();
            Assert.Contains("<h1>Not found</h1>", page, StringComparison.Ordinal);
            Assert.Contains("does not exist", page, StringComparison.Ordinal);
            Assert.Contains("href=\"/\"", page, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task Refused_console_requests_are_pages_not_json()
    {
        await using var database = await TestDatabase.CreateAsync("Sqlite");
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Console:Users:viewer:PasswordHash"] = PasswordHashes.Hash("viewer's long console password"),
        });
        using var api = app.ApiClient();
        var eventId = (await Events.Reports.PostAsync(api, Events.Reports.MayadinShellingArabic)).EventId!.Value;
        using var viewer = await app.ConsoleClientAsync("viewer", "viewer's long console password");
        var eventPage = await viewer.GetStringAsync(new Uri($"/events/{eventId}", UriKind.Relative));
        var token = AlertBotApp.AntiforgeryToken().Match(eventPage).Groups[1].Value;

        // A role-less user's confirm is refused with a page that says why.
        var forbidden = await viewer.PostAsync(
            new Uri($"/events/{eventId}?handler=Confirm", UriKind.Relative),
            new FormUrlEncodedContent(new Dictionary<string, string> { ["__RequestVerificationToken"] = token }));
        Assert.Equal(HttpStatusCode.Forbidden, forbidden.StatusCode);
        Assert.Equal("text/html", forbidden.Content.Headers.ContentType?.MediaType);
        Assert.Contains("moderator role", await forbidden.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        // A form without its antiforgery token is refused with a page too.
        var stale = await viewer.PostAsync(new Uri($"/events/{eventId}?handler=Confirm", UriKind.Relative), new FormUrlEncodedContent([]));
        Assert.Equal(HttpStatusCode.BadRequest, stale.StatusCode);
        Assert.Equal("text/html", stale.Content.Headers.ContentType?.MediaType);
        Assert.Contains("reload the page", await stale.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.Equal("pending", (await System.Net.Http.Json.HttpClientJsonExtensions.GetFromJsonAsync<JsonElement>(api, $"/api/events/{eventId}")).GetProperty("status").GetString());
    }

    [Fact]
    public async Task Hash_password_refuses_a_password_shorter_than_twelve_characters()
    {
        await using var bot = BotProcess.Start(Path.GetTempPath(), null, "hash-password");
        await bot.WriteStdinAsync("eleven char\n");

        Assert.Equal(2, await bot.WaitForExitAsync(TimeSpan.FromSeconds(30)));
        Assert.Empty(bot.Stdout);
        Assert.Contains("too short: use at least 12 characters", bot.Stderr, StringComparison.Ordinal);
    }
}
