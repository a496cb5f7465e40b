using System.Net;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using AlertBot.IntegrationTests.Infrastructure;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>What the Docker image and compose file run, checked without Docker: the health check command and the secrets.</summary>
public sealed partial class OperationsTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public async Task Docker_health_check_command_says_healthy_for_a_ready_bot_and_unhealthy_once_it_is_gone()
    {
        // The image's HEALTHCHECK, exactly as written, with the port this test can use instead of the image's 8080.
        var dockerfile = await File.ReadAllTextAsync(Path.Combine(Root, "Dockerfile"));
        var command = JsonSerializer.Deserialize<string[]>(HealthCheck().Match(dockerfile).Groups[1].Value)!;
        Assert.Equal(["dotnet", "AlertBot.dll", "probe", "http://127.0.0.1:8080/ready"], command);
        var port = FreePort();
        var url = command[3].Replace(":8080/", $":{port}/", StringComparison.Ordinal);

        var directory = Directory.CreateTempSubdirectory("alertbot-health-").FullName;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}",
            ["Storage__DataDirectory"] = Path.Combine(directory, "data"),
        };
        await using (var bot = BotProcess.Start(directory, environment))
        {
            await bot.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(90));
            await using var healthy = BotProcess.Start(directory, null, command[2], url);
            var exit = await healthy.WaitForExitAsync(TimeSpan.FromSeconds(90));
            Assert.True(exit == 0, $"probe exit {exit}: {healthy.Stderr}");
            Assert.Empty(healthy.Stderr);
        }

        await using var unhealthy = BotProcess.Start(directory, null, command[2], url);
        Assert.Equal(1, await unhealthy.WaitForExitAsync(TimeSpan.FromSeconds(90)));
        var line = Assert.Single(unhealthy.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries));
        Assert.StartsWith($"probe: {url} did not answer", line, StringComparison.Ordinal);
    }

    [Fact]
    public void Image_build_runs_the_tests_only_when_asked_and_keeps_the_volume_and_the_non_root_user()
    {
        var dockerfile = File.ReadAllLines(Path.Combine(Root, "Dockerfile"));

        Assert.Contains("ARG RUN_TESTS=false", dockerfile);
        Assert.DoesNotContain(dockerfile, l => l.TrimStart().StartsWith("RUN dotnet test", StringComparison.Ordinal));
        Assert.Contains(dockerfile, l => l.Contains("if [ \"$RUN_TESTS\" = \"true\" ]", StringComparison.Ordinal));
        Assert.Contains("USER app", dockerfile);
        Assert.Contains("VOLUME /data", dockerfile);
    }

    [Fact]
    public void Compose_commits_no_password_and_env_example_names_every_variable_it_reads()
    {
        var compose = File.ReadAllText(Path.Combine(Root, "compose.yaml"));
        var example = File.ReadAllLines(Path.Combine(Root, ".env.example"));

        var used = Variable().Matches(compose).Select(m => m.Groups[1].Value).ToHashSet(StringComparer.Ordinal);
        var offered = example.Select(l => ExampleEntry().Match(l)).Where(m => m.Success).ToDictionary(m => m.Groups[1].Value, m => m.Groups[2].Value, StringComparer.Ordinal);
        Assert.Contains("POSTGRES_PASSWORD", used);
        Assert.Subset(offered.Keys.ToHashSet(StringComparer.Ordinal), used);
        Assert.All(offered.Values, Assert.Empty);

        // Every password and key is a required variable (${NAME:?…}), never a literal.
        var withoutValues = Regex.Replace(compose, @"\$\{[^}]*\}", "@@VAR");
        Assert.DoesNotMatch(@"(?im)^\s*[\w-]*(password|key|hash)\s*:\s*(?!@@VAR)\S", withoutValues);
        Assert.DoesNotMatch(@"(?i)password=(?!@@VAR)", withoutValues);
        Assert.Equal(3, RequiredVariable().Matches(compose).Select(m => m.Groups[1].Value).Distinct().Count());

        // Health checks, restart policies, and the bots wait for a healthy PostgreSQL.
        Assert.Equal(2, Regex.Count(compose, @"(?m)^    restart: unless-stopped$"));
        Assert.Equal(2, Regex.Count(compose, @"(?m)^    healthcheck:$"));
        Assert.Contains("<<: *alertbot", compose, StringComparison.Ordinal);
        Assert.Contains("condition: service_healthy", compose, StringComparison.Ordinal);

        // .env never reaches git nor the image.
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".gitignore")));
        Assert.Contains(".env", File.ReadAllLines(Path.Combine(Root, ".dockerignore")));
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private static string FindRoot()
    {
        var dir = new DirectoryInfo(AppContext.BaseDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "AlertBot.sln")))
        {
            dir = dir.Parent;
        }

        return dir?.FullName ?? throw new DirectoryNotFoundException("repository root not found");
    }

    [GeneratedRegex(@"HEALTHCHECK [^\n]*\\\n\s*CMD (\[[^\n]*\])")]
    private static partial Regex HealthCheck();

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*)")]
    private static partial Regex Variable();

    [GeneratedRegex(@"\$\{([A-Z_][A-Z0-9_]*):\?")]
    private static partial Regex RequiredVariable();

    [GeneratedRegex(@"^([A-Z_][A-Z0-9_]*)=(.*)$")]
    private static partial Regex ExampleEntry();
}
