using AlertBot.IntegrationTests.Infrastructure;
using System.Text.RegularExpressions;
using AlertBot.Core.Events;
using AlertBot.Discord;
using AlertBot.Hosting;
using AlertBot.Security;
using AlertBot.Telegram;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.IntegrationTests;

/// <summary>What a newcomer reads must match what the bot accepts.</summary>
public sealed partial class DocumentationTests
{
    private static readonly string Root = RepositoryRoot.Path;

    [Fact]
    public void Example_settings_pass_the_bots_own_validation()
    {
        // The gazetteer extension directory is the operator's own; here it is an empty one that exists.
        var gazetteer = Directory.CreateTempSubdirectory("alertbot-gazetteer-").FullName;
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(Root, "appsettings.example.json"))
            .AddInMemoryCollection(new Dictionary<string, string?>
            {
                ["Extraction:GazetteerDirectory"] = gazetteer,

                // The tokens are secrets, so the example has none; with them, the Telegram and Discord settings are validated too.
                ["Telegram:BotToken"] = "123456:EXAMPLE-TOKEN",
                ["Discord:BotToken"] = "EXAMPLE.discord-bot-token.0123456789",
            })
            .Build();
        var services = new ServiceCollection().AddLogging();
        services.AddStorage(configuration).AddSecurity(configuration).AddScheduling(configuration).AddExtraction(configuration)
            .AddEventPipeline(configuration).AddDemo(configuration).AddFeeds(configuration).AddTelegram(configuration).AddDiscord(configuration);
        using var provider = services.BuildServiceProvider();

        provider.GetRequiredService<IStartupValidator>().Validate();
        Assert.NotEmpty(provider.GetRequiredService<IOptions<ApiOptions>>().Value.Keys);
        Assert.NotEmpty(provider.GetRequiredService<IOptions<ConsoleOptions>>().Value.Users);
        Assert.Equal(-1001234567890, provider.GetRequiredService<IOptions<TelegramOptions>>().Value.ModeratorChatId);
        Assert.Equal("3333333333333333333", provider.GetRequiredService<IOptions<DiscordOptions>>().Value.ModeratorChannelId);
    }

    [Fact]
    public void Readme_documents_every_key_of_the_example_settings()
    {
        var configuration = new ConfigurationBuilder().AddJsonFile(Path.Combine(Root, "appsettings.example.json")).Build();
        var readme = File.ReadAllText(Path.Combine(Root, "README.md"));

        var keys = configuration.AsEnumerable()
            .Where(kv => kv.Value is not null)
            .Select(kv => Generalise(kv.Key))
            .Distinct()
            .ToList();

        Assert.NotEmpty(keys);
        Assert.All(keys, key => Assert.Contains($"`{key}`", readme, StringComparison.Ordinal));
    }

    /// <summary>Names that operators choose become the README's placeholders: Api:Keys:ops:Key → Api:Keys:&lt;name&gt;:Key.</summary>
    private static string Generalise(string key)
    {
        key = NamedEntry().Replace(key, m => $"{m.Groups[1].Value}:<{(m.Groups[1].Value == "Console:Users" ? "login" : "name")}>");
        return key.StartsWith("Logging:LogLevel:", StringComparison.Ordinal) ? "Logging:LogLevel:<category>" : key;
    }

    [GeneratedRegex(@"^(Api:Keys|Console:Users|Moderation:OutletTiers|Feeds:Sources):[^:]+")]
    private static partial Regex NamedEntry();
}
