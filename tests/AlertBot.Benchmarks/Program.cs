using System.Globalization;
using AlertBot.Benchmarks;
using BenchmarkDotNet.Running;

// Load harnesses that are not BenchmarkDotNet benchmarks (they print their own figures):
//   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --harness latency [Sqlite|PostgreSql] [subscribers] [rounds] [warmup] [--Section:Key=value…]
//   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --harness memory [size,size…]
//   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --harness telegram [Sqlite|PostgreSql] [private chats] [groups] [warm-up chats] [--Telegram:PaidBroadcast=true…]
//   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --harness discord [Sqlite|PostgreSql] [DMs] [channels] [--Discord:GlobalRequestsPerSecond=45…]
if (args is ["--harness", var harness, .. var rest])
{
    var positional = rest.Where(a => !a.StartsWith("--", StringComparison.Ordinal)).ToArray();
    var overrides = rest.Where(a => a.StartsWith("--", StringComparison.Ordinal) && a.Contains('=', StringComparison.Ordinal))
        .Select(a => a[2..].Split('=', 2))
        .ToDictionary(kv => kv[0], kv => (string?)kv[1]);
    int Number(int i, int fallback) => positional.Length > i ? int.Parse(positional[i], CultureInfo.InvariantCulture) : fallback;
    return harness switch
    {
        "latency" => await DeliveryLatencyHarness.RunAsync(positional.Length > 0 ? positional[0] : "Sqlite", Number(1, 1000), Number(2, 60), Number(3, 5), overrides),
        "memory" => await IndexMemoryHarness.RunAsync(
            positional.Length > 0 ? [.. positional[0].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))] : [100_000, 1_000_000]),
        "telegram" => await TelegramBroadcastHarness.RunAsync(positional.Length > 0 ? positional[0] : "Sqlite", Number(1, 10_000), Number(2, 200), Number(3, 2_000), overrides),
        "discord" => await DiscordBroadcastHarness.RunAsync(positional.Length > 0 ? positional[0] : "Sqlite", Number(1, 2_000), Number(2, 500), overrides),
        _ => throw new ArgumentException($"unknown harness '{harness}' (latency, memory, telegram, discord)"),
    };
}

// Every benchmark class in this assembly is listed; pick with --filter, e.g.
//   dotnet run -c Release --project tests/AlertBot.Benchmarks -- --filter '*Extraction*'
BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
