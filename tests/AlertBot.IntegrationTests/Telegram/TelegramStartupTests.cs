using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Telegram;

/// <summary>A Telegram setting that cannot work stops the bot at start with one line naming the key, never the token.</summary>
public sealed class TelegramStartupTests
{
    [Theory]
    [InlineData("Telegram:WebhookSecret", "--Telegram:BotToken=123456:SECRET-PART-xyz", "--Telegram:Mode=Webhook", "--Telegram:WebhookUrl=https://alertbot.example.org/telegram/webhook")]
    [InlineData("Telegram:BotToken", "--Telegram:BotToken=not-a-token-SECRET-PART-xyz")]
    [InlineData("Telegram:ModeratorChatId", "--Telegram:BotToken=123456:SECRET-PART-xyz", "--Telegram:ModeratorChatId=42")]
    public async Task A_bad_setting_is_one_line_naming_the_key(string key, params string[] settings)
    {
        var directory = Directory.CreateTempSubdirectory("alertbot-tgconf-").FullName;
        await using var bot = BotProcess.Start(directory, null, ["--urls", "http://127.0.0.1:0", .. settings]);
        var exit = await bot.WaitForExitAsync(TimeSpan.FromSeconds(90));

        Assert.True(exit == 2, $"exit {exit}, stderr:\n{bot.Stderr}");
        var line = Assert.Single(bot.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith("alertbot: configuration error:", line, StringComparison.Ordinal);
        Assert.Contains(key, line, StringComparison.Ordinal);
        Assert.DoesNotContain("SECRET-PART", line, StringComparison.Ordinal);
    }
}
