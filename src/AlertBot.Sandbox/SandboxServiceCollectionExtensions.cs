using AlertBot.Core.Platforms;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace AlertBot.Sandbox;

public static class SandboxServiceCollectionExtensions
{
    /// <summary>
    /// The sandbox chat platform, registered as every adapter is: its options (validated at start), its
    /// <see cref="IChatPlatform"/> with its own send gate, and its inbound side (<see cref="SandboxChats"/>) that hands each
    /// update to the conversation in a fresh scope. Its HTTP routes (<see cref="SandboxApi"/>) are mapped by the host into its authenticated API group; its console page (Pages/Sandbox.cshtml) ships in this assembly and the host finds it as an application part.
    /// </summary>
    public static IServiceCollection AddSandbox(this IServiceCollection services)
    {
        services.AddOptions<SandboxOptions>().BindConfiguration(SandboxOptions.Section)
            .Validate(o => o.MessagesPerSecond >= 1 && o.ChatMessagesPerSecond >= 1 && o.GroupMessagesPerMinute >= 1,
                "Sandbox:MessagesPerSecond, Sandbox:ChatMessagesPerSecond and Sandbox:GroupMessagesPerMinute must be at least 1")
            .Validate(o => o.MaxTextLength is >= 100 and <= 100_000, "Sandbox:MaxTextLength must be between 100 and 100000")
            .Validate(o => o.MaxButtonRows is >= 5 and <= 100 && o.MaxButtonsPerRow is >= 2 and <= 8,
                "Sandbox:MaxButtonRows must be between 5 and 100 and Sandbox:MaxButtonsPerRow between 2 and 8")
            .Validate(o => o.MaxButtonDataBytes is >= 16 and <= 100, "Sandbox:MaxButtonDataBytes must be between 16 and 100")
            .Validate(o => o.MaxCaptionLength is >= 0 and <= 100_000, "Sandbox:MaxCaptionLength must be between 0 (no images) and 100000")
            .ValidateOnStart();
        services.AddSingleton(sp => new SandboxFaults(sp.GetRequiredService<IOptions<SandboxOptions>>().Value, sp.GetRequiredService<TimeProvider>()));
        services.AddSingleton<SandboxPlatform>();
        services.AddSingleton<IChatPlatform>(sp => sp.GetRequiredService<SandboxPlatform>());
        services.AddSingleton<SandboxChats>();

        // The console page in Pages/: the host's Razor Pages serve it once this assembly is one of MVC's parts.
        services.AddMvcCore().AddApplicationPart(typeof(SandboxServiceCollectionExtensions).Assembly);
        return services;
    }
}
