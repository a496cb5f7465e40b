using System.Net;
using System.Text.RegularExpressions;
using AlertBot.Hosting;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using Hangfire;
using Hangfire.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace AlertBot.IntegrationTests.Hardening;

/// <summary>The job dashboard: everyone signed in may look, only moderators may change a job.</summary>
public sealed partial class DashboardTests
{
    private const string ViewerPassword = "viewer's long console password";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Console_user_without_a_role_sees_a_read_only_dashboard_and_cannot_delete_a_recurring_job(string provider)
    {
        await using var database = await TestDatabase.CreateAsync(provider);
        await using var app = new AlertBotApp(database, new Dictionary<string, string?>
        {
            ["Console:Users:viewer:PasswordHash"] = PasswordHashes.Hash(ViewerPassword),
        });
        using var viewer = await app.ConsoleClientAsync("viewer", ViewerPassword);
        Assert.Contains(RecurringJobsRegistration.SandboxCleanup, RecurringJobIds(app));

        // The viewer reads the recurring jobs, without the buttons that change them.
        var page = await viewer.GetAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var html = await page.Content.ReadAsStringAsync();
        Assert.Contains(RecurringJobsRegistration.SandboxCleanup, html, StringComparison.Ordinal);
        Assert.DoesNotContain("recurring/remove", html, StringComparison.Ordinal);
        Assert.DoesNotContain("recurring/trigger", html, StringComparison.Ordinal);

        // A forged delete, with a valid antiforgery token, is refused and the job stays.
        var refused = await RemoveAsync(viewer, html, RecurringJobsRegistration.SandboxCleanup);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains(RecurringJobsRegistration.SandboxCleanup, RecurringJobIds(app));

        // A moderator sees the buttons and the same request deletes the job.
        using var mona = await app.ConsoleClientAsync();
        var moderatorHtml = await mona.GetStringAsync(new Uri("/hangfire/recurring", UriKind.Relative));
        Assert.Contains("recurring/remove", moderatorHtml, StringComparison.Ordinal);
        Assert.Equal(HttpStatusCode.NoContent, (await RemoveAsync(mona, moderatorHtml, RecurringJobsRegistration.SandboxCleanup)).StatusCode);
        Assert.DoesNotContain(RecurringJobsRegistration.SandboxCleanup, RecurringJobIds(app));
    }

    private static async Task<HttpResponseMessage> RemoveAsync(HttpClient client, string dashboardHtml, string jobId)
    {
        var request = new HttpRequestMessage(HttpMethod.Post, new Uri("/hangfire/recurring/remove", UriKind.Relative))
        {
            Content = new FormUrlEncodedContent([new KeyValuePair<string, string>("jobs[]", jobId)]),
        };
        request.Headers.Add(CsrfHeader().Match(dashboardHtml).Groups[1].Value, CsrfToken().Match(dashboardHtml).Groups[1].Value);
        return await client.SendAsync(request);
    }

    private static List<string> RecurringJobIds(AlertBotApp app)
    {
        using var connection = app.Services.GetRequiredService<JobStorage>().GetConnection();
        return connection.GetRecurringJobs().Select(j => j.Id).ToList();
    }

    [GeneratedRegex("<meta name=\"csrf-header\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfHeader();

    [GeneratedRegex("<meta name=\"csrf-token\" content=\"([^\"]+)\"")]
    private static partial Regex CsrfToken();
}
