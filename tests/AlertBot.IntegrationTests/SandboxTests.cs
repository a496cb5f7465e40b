using System.Net;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Sandbox;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests;

/// <summary>The sandbox chat through <c>/api/sandbox</c>: how scripts, tests and newcomers talk to the bot without a token.</summary>
public sealed class SandboxTests
{
    private const char Rlm = '\u200F';

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Start_is_answered_in_both_languages_with_language_buttons(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();

        var sent = await api.PostAsJsonAsync("/api/sandbox/chats/501/messages", new { text = "/start" });
        Assert.Equal(HttpStatusCode.Created, sent.StatusCode);

        var messages = await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/501/messages");
        var answer = Assert.Single(messages!);
        Assert.True(answer.FromBot);
        Assert.Contains("مرحبًا", answer.Text, StringComparison.Ordinal);
        Assert.Contains("Hello", answer.Text, StringComparison.Ordinal);
        Assert.StartsWith(Rlm.ToString(), answer.Text, StringComparison.Ordinal);
        var buttons = answer.Buttons.SelectMany(r => r).Select(b => b.Data).ToList();
        Assert.Equal(["lang:ar", "lang:en", "lang:both"], buttons);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Pressing_English_makes_the_bot_answer_in_English_only(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await api.PostAsJsonAsync("/api/sandbox/chats/502/messages", new { text = "/start" });
        var start = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/502/messages"))!.Single();

        var press = await api.PostAsJsonAsync("/api/sandbox/chats/502/press", new { messageId = start.Id, button = "English" });
        var result = await AlertBotApp.ReadAsync<SandboxPressResult>(press);
        Assert.True(result.MatchedButton);
        Assert.True(result.Answered);

        await api.PostAsJsonAsync("/api/sandbox/chats/502/messages", new { text = "/nonsense" });
        var messages = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/502/messages"))!;
        Assert.Equal(3, messages.Count);
        Assert.StartsWith("I will write in English.", messages[1].Text, StringComparison.Ordinal);
        Assert.Equal("I don't know the command /nonsense. Send /help for the list.", messages[2].Text);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Forged_button_data_is_refused_and_changes_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        await api.PostAsJsonAsync("/api/sandbox/chats/503/messages", new { text = "/lang ar" });
        var confirmation = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/503/messages"))!.Single();
        Assert.Equal(Rlm + "سأراسلك بالعربية.", confirmation.Text);

        // A modified client can send any callback data under a real message: the bot answers that the button is not valid.
        await api.PostAsJsonAsync("/api/sandbox/chats/503/messages", new { text = "/start" });
        var start = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/503/messages"))!.Last();
        var forged = await AlertBotApp.ReadAsync<SandboxPressResult>(
            await api.PostAsJsonAsync("/api/sandbox/chats/503/press", new { messageId = start.Id, button = "lang:xx;drop table" }));
        Assert.False(forged.MatchedButton);
        Assert.Equal(Rlm + "هذا الزر لم يعد صالحًا.", forged.Notice);

        await api.PostAsJsonAsync("/api/sandbox/chats/503/messages", new { text = "/help" });
        var help = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/503/messages"))!.Last();
        Assert.DoesNotContain("Commands", help.Text, StringComparison.Ordinal);
        Assert.Contains("الأوامر", help.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task In_a_group_only_an_admin_may_change_the_language(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync("/api/sandbox/chats/-900/members/alice", new { admin = true })).StatusCode);
        Assert.Equal(HttpStatusCode.NoContent, (await api.PutAsJsonAsync("/api/sandbox/chats/-900/members/bob", new { admin = false })).StatusCode);

        await api.PostAsJsonAsync("/api/sandbox/chats/-900/messages", new { text = "/lang en", userId = "bob" });
        await api.PostAsJsonAsync("/api/sandbox/chats/-900/messages", new { text = "/lang en", userId = "alice" });

        var messages = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/-900/messages"))!;
        Assert.Equal(2, messages.Count);
        Assert.Contains("Only this group's admins", messages[0].Text, StringComparison.Ordinal);
        Assert.Equal("I will write in English.", messages[1].Text);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Bad_sandbox_requests_get_a_clear_400_and_store_nothing(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();

        var tooLong = await api.PostAsJsonAsync("/api/sandbox/chats/504/messages", new { text = new string('x', 5000) });
        Assert.Equal(HttpStatusCode.BadRequest, tooLong.StatusCode);
        Assert.Contains("longer than 4096", await tooLong.Content.ReadAsStringAsync(), StringComparison.Ordinal);

        var badChat = await api.PostAsJsonAsync("/api/sandbox/chats/a%20b/messages", new { text = "/start" });
        Assert.Equal(HttpStatusCode.BadRequest, badChat.StatusCode);

        var noMessage = await api.PostAsJsonAsync("/api/sandbox/chats/504/press", new { messageId = 999999, button = "lang:en" });
        Assert.Equal(HttpStatusCode.BadRequest, noMessage.StatusCode);

        Assert.Empty((await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/504/messages"))!);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Hostile_text_is_stored_intact_and_shown_inert_in_the_console(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var api = app.ApiClient();
        const string hostile = "<script>alert(1)</script> @everyone \u202Eevil\u202C <b>bold</b>";

        await api.PostAsJsonAsync("/api/sandbox/chats/505/messages", new { text = hostile });

        using var console = await app.ConsoleClientAsync();
        var page = await console.GetStringAsync(new Uri("/sandbox?chat=505", UriKind.Relative));
        Assert.DoesNotContain("<script>alert(1)", page, StringComparison.Ordinal);
        Assert.DoesNotContain("<b>bold</b>", page, StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;alert(1)&lt;/script&gt;", page, StringComparison.Ordinal);

        // The user's own line is stored exactly as typed; the bot's answer quotes nothing of it.
        var reply = (await api.GetFromJsonAsync<List<SandboxMessageDto>>("/api/sandbox/chats/505/messages"))!.Single();
        Assert.DoesNotContain("<script>", reply.Text, StringComparison.Ordinal);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Console_sandbox_page_sends_a_message_and_shows_the_answer(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database);
        using var console = await app.ConsoleClientAsync();

        var page = await console.GetStringAsync(new Uri("/sandbox?chat=506", UriKind.Relative));
        var token = AlertBotApp.AntiforgeryToken().Match(page).Groups[1].Value;
        var post = await console.PostAsync(new Uri("/sandbox?handler=Send", UriKind.Relative), new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["chat"] = "506",
            ["text"] = "/start",
            ["__RequestVerificationToken"] = token,
        }));
        Assert.Equal(HttpStatusCode.Redirect, post.StatusCode);

        var after = await console.GetStringAsync(post.Headers.Location!);
        Assert.Contains("Hello! I am AlertBot", after, StringComparison.Ordinal);
        Assert.Contains(">العربية<", after, StringComparison.Ordinal);
        Assert.Contains("value=\"lang:both\"", after, StringComparison.Ordinal);
        Assert.Contains("dir=\"auto\"", after, StringComparison.Ordinal);
    }
}
