using Microsoft.Extensions.Options;

namespace AlertBot.Hosting;

/// <summary>Turns a configuration failure into the one line an operator needs: which key, and what is wrong with it.</summary>
internal static class StartupError
{
    public static string? Describe(Exception exception) => exception switch
    {
        OptionsValidationException ov => string.Join("; ", ov.Failures),
        AggregateException { InnerExceptions.Count: > 0 } ae => ae.InnerExceptions.Select(Describe).FirstOrDefault(d => d is not null),
        InvalidOperationException io when io.Message.StartsWith("Failed to convert configuration value", StringComparison.Ordinal) =>
            io.Message.ReplaceLineEndings(" "),
        _ => null,
    };
}
