using AlertBot.Core.Events;
using System.Net.Http.Json;
using AlertBot.Api;
using AlertBot.Core.Delivery;
using AlertBot.Core.Routing;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Alerts;

/// <summary>Shared steps of the alert tests: subscribers in sandbox chats, events confirmed through the API, waiting for delivery.</summary>
internal static class Alerts
{
    public const string AlMayadin = "ES037";
    public const string DeirEzZorGovernorate = "SY09";
    public const string AlTanf = "ES086";

    /// <summary>Makes sandbox chat <paramref name="chatId"/> a recipient subscribed to <paramref name="target"/>.</summary>
    public static async Task<long> SubscribeAsync(IServiceProvider services, string chatId, SubscriptionTarget target, ChatLanguage language = ChatLanguage.Both)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
        var recipient = await db.Recipients.SingleOrDefaultAsync(r => r.Platform == SandboxPlatform.PlatformName && r.ChatId == chatId);
        if (recipient is null)
        {
            recipient = new Recipient { Platform = SandboxPlatform.PlatformName, ChatId = chatId, Kind = SandboxPlatform.KindOf(chatId), Language = language, CreatedAt = DateTimeOffset.UtcNow };
            db.Recipients.Add(recipient);
            await db.SaveChangesAsync();
        }

        await scope.ServiceProvider.GetRequiredService<SubscriptionService>().AddAsync(recipient.Id, target, DeliveryMode.Instant, CancellationToken.None);
        return recipient.Id;
    }

    /// <summary>Posts the two al-Mayadin shelling reports and confirms their event; returns its id.</summary>
    public static async Task<long> ConfirmMayadinShellingAsync(AlertBotApp app)
    {
        using var ops = app.ApiClient();
        var id = (await Reports.PostAsync(ops, Reports.MayadinShellingArabic)).EventId!.Value;
        await Reports.PostAsync(ops, Reports.MayadinShellingEnglish);
        var confirmed = await AlertBotApp.ReadAsync<EventDto>(await ops.PostAsync(new Uri($"/api/events/{id}/confirm", UriKind.Relative), null));
        Assert.Equal("confirmed", confirmed.Status);
        return id;
    }

    public static async Task<List<SandboxMessageDto>> BotMessagesAsync(HttpClient client, string chatId) =>
        (await client.GetFromJsonAsync<List<SandboxMessageDto>>($"/api/sandbox/chats/{chatId}/messages"))!.Where(m => m.FromBot).ToList();

    /// <summary>Waits until every routing task is done and no outbox row is pending: nothing more will be sent.</summary>
    public static Task SettledAsync(IServiceProvider services, TimeSpan? timeout = null) =>
        UntilAsync(async () =>
        {
            await using var scope = services.CreateAsyncScope();
            var db = scope.ServiceProvider.GetRequiredService<AlertBotDb>();
            return !await db.RoutingTasks.AnyAsync(t => t.DoneAt == null) && !await db.Outbox.AnyAsync(o => o.State == OutboxState.Pending);
        }, timeout ?? TimeSpan.FromSeconds(60), "routing and delivery to settle");

    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out after {timeout.TotalSeconds:0} s waiting for {what}");
            }

            await Task.Delay(100);
        }
    }

    public static async Task<T> InScopeAsync<T>(IServiceProvider services, Func<AlertBotDb, Task<T>> query)
    {
        await using var scope = services.CreateAsyncScope();
        return await query(scope.ServiceProvider.GetRequiredService<AlertBotDb>());
    }
}
