using AlertBot.Core.Platforms;
using AlertBot.Sandbox;
using AlertBot.Core.Storage;
using Microsoft.Extensions.Options;

namespace AlertBot.Core.Tests;

/// <summary>The sandbox enforces Telegram's limits, on a real SQLite file.</summary>
public sealed class SandboxPlatformTests : IAsyncLifetime
{
    private readonly string _directory = Directory.CreateTempSubdirectory("alertbot-core-").FullName;
    private AlertBotDbFactory _factory = null!;
    private SandboxPlatform _platform = null!;

    private static ChatRef Chat1 => SandboxPlatform.ChatOf("1");

    public async Task InitializeAsync()
    {
        _factory = new AlertBotDbFactory(Options.Create(new StorageOptions { DataDirectory = _directory }));
        await _factory.MigrateAsync(CancellationToken.None);
        var sandbox = new SandboxOptions();
        _platform = new SandboxPlatform(_factory, new SandboxFaults(sandbox, TimeProvider.System), Options.Create(sandbox), TimeProvider.System);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_directory, recursive: true);
        return Task.CompletedTask;
    }

    [Fact]
    public async Task Message_over_4096_characters_is_rejected_as_Telegram_would()
    {
        var ex = await Assert.ThrowsAsync<PlatformException>(() => _platform.SendAsync(Chat1, new OutgoingMessage(new string('a', 4097)), CancellationToken.None));
        Assert.Equal(PlatformFailure.Rejected, ex.Failure);
    }

    [Fact]
    public async Task Button_data_over_64_bytes_is_rejected()
    {
        var data = new string('ب', 33); // 66 bytes in UTF-8
        var message = new OutgoingMessage("x", [[new ChatButton("b", data)]]);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => _platform.SendAsync(Chat1, message, CancellationToken.None));
        Assert.Contains("BUTTON_DATA_INVALID", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Edit_replaces_text_and_buttons_and_marks_the_message_edited()
    {
        var id = await _platform.SendAsync(Chat1, new OutgoingMessage("before", [[new ChatButton("a", "x:1")]]), CancellationToken.None);
        await _platform.EditAsync(Chat1, id, new OutgoingMessage("after"), CancellationToken.None);

        await using var db = _factory.Create();
        var row = db.SandboxMessages.Single();
        Assert.Equal("after", row.Text);
        Assert.Null(row.ButtonsJson);
        Assert.NotNull(row.EditedAt);
    }

    [Fact]
    public async Task Editing_a_message_of_another_chat_is_refused()
    {
        var id = await _platform.SendAsync(Chat1, new OutgoingMessage("mine"), CancellationToken.None);
        var ex = await Assert.ThrowsAsync<PlatformException>(() => _platform.EditAsync(SandboxPlatform.ChatOf("2"), id, new OutgoingMessage("theirs"), CancellationToken.None));
        Assert.Equal(PlatformFailure.Rejected, ex.Failure);
    }
}
