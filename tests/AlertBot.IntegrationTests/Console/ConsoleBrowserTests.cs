using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.RegularExpressions;
using AlertBot.IntegrationTests.Events;
using AlertBot.IntegrationTests.Infrastructure;
using AlertBot.Security;
using Microsoft.Playwright;

namespace AlertBot.IntegrationTests.Console;

/// <summary>
/// The console as a moderator sees it in Debian's headless Chromium: in Arabic (right to left), the question before
/// confirming with the number of chats, the queue updating by itself, and every main page at phone width.
/// </summary>
public sealed partial class ConsoleBrowserTests
{
    private const string Key = "browser-test-key-0123456789";

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Arabic_console_is_right_to_left_with_the_menu_on_the_right_and_the_switch_keeps_the_choice(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider);
        var mayadin = (await Reports.PostAsync(run.Api, Reports.MayadinShellingArabic)).EventId!.Value;

        var page = await run.OpenAsync(new() { Locale = "ar-SY", ViewportSize = new() { Width = 1280, Height = 800 } });
        await run.SignInAsync(page, "/events");

        // Accept-Language: ar picks Arabic before the user chose anything.
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "قائمة المراجعة" })).ToBeVisibleAsync();
        Assert.Equal("rtl", await page.Locator("html").GetAttributeAsync("dir"));
        Assert.Equal("rtl", await page.Locator("body").EvaluateAsync<string>("e => getComputedStyle(e).direction"));
        var nav = await page.Locator("header nav").BoundingBoxAsync();
        var brand = await page.Locator("header .brand").BoundingBoxAsync();
        Assert.True(brand!.X > nav!.X, $"the brand ({brand.X}) should be right of the menu ({nav.X}) in Arabic");
        Assert.True(nav.X + nav.Width > 1280 * 0.6, "the menu starts on the right half of the page");
        await Assertions.Expect(page.Locator("header nav a").First).ToHaveTextAsync("نظرة عامة");
        var firstHeader = await page.Locator("table.queue th").First.BoundingBoxAsync();
        var lastHeader = await page.Locator("table.queue th").Last.BoundingBoxAsync();
        Assert.True(firstHeader!.X > lastHeader!.X, "the table's first column is on the right in Arabic");

        // An Arabic event page: Arabic headings, the Arabic names first, the status in Arabic.
        await page.Locator($"table.queue a[href='/events/{mayadin}']").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"الحدث #{mayadin}" })).ToBeVisibleAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("بانتظار المراجعة");
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "النوع" })).ToContainTextAsync("قصف مدفعي · Shelling");
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "الأماكن" })).ToContainTextAsync("الميادين · al-Mayadin");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "تأكيد", Exact = true })).ToBeVisibleAsync();
        await run.ScreenshotAsync(page, "arabic-event");

        // The switch on the page: English now, and still English on the next page although the browser asks for Arabic.
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = $"Event #{mayadin}" })).ToBeVisibleAsync();
        Assert.Equal("ltr", await page.Locator("html").GetAttributeAsync("dir"));
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "Type" })).ToContainTextAsync("Shelling · قصف مدفعي");
        await page.GotoAsync("/");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Overview" })).ToBeVisibleAsync();
        await page.GetByTestId("language-switch").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "نظرة عامة" })).ToBeVisibleAsync();
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Confirm_asks_once_naming_how_many_chats_on_which_platform_and_bulk_confirm_names_the_total(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider);
        await run.SandboxSaysAsync("2001", "/subscribe al-Mayadin");
        await run.SandboxSaysAsync("2002", "/subscribe Deir ez-Zor Governorate");
        await run.SandboxSaysAsync("2003", "/subscribe Albu Kamal");
        var mayadin = (await Reports.PostAsync(run.Api, Reports.MayadinShellingArabic)).EventId!.Value;
        var airstrike = (await Reports.PostAsync(run.Api, Reports.AlbuKamalAirstrike)).EventId!.Value;

        var page = await run.OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await run.SignInAsync(page, $"/events/{mayadin}");
        await Assertions.Expect(page.GetByTestId("recipients")).ToHaveTextAsync("Confirming alerts 2 chat(s): sandbox 2.");

        var questions = new List<string>();
        page.Dialog += async (_, dialog) =>
        {
            questions.Add(dialog.Message);
            await dialog.AcceptAsync();
        };
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByTestId("status")).ToHaveTextAsync("confirmed", new() { Timeout = 20_000 });
        Assert.Equal(["Confirm 1 event(s)? Alerts go to 2 chat(s): sandbox 2."], questions);

        // Two more pending events, ticked together: one question with the total of distinct chats.
        var second = (await Reports.PostAsync(run.Api, new
        {
            source = "Deir Press",
            url = "https://deir.example/news/hajin-shelling",
            title = "قصف مدفعي على بلدة هجين",
            text = "تعرضت بلدة هجين في ريف دير الزور الشرقي مساء اليوم لقصف مدفعي.",
            language = "ar",
            publishedAt = Reports.Morning.AddHours(6),
        })).EventId!.Value;
        questions.Clear();
        await page.GotoAsync("/events");
        await page.GetByLabel($"Select event {airstrike}").CheckAsync();
        await page.GetByLabel($"Select event {second}").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Confirm selected" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Confirmed 2 of 2 event(s).", new() { Timeout = 20_000 });
        Assert.Equal(["Confirm 2 event(s)? Alerts go to 2 chat(s): sandbox 2."], questions);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Editing_picks_a_place_from_the_gazetteer_finds_an_actor_by_search_and_sets_a_count_in_its_field(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider);
        var mayadin = (await Reports.PostAsync(run.Api, Reports.MayadinShellingArabic)).EventId!.Value;
        var page = await run.OpenAsync(new() { Locale = "ar-SY", ViewportSize = new() { Width = 1280, Height = 900 } });
        await run.SignInAsync(page, $"/events/{mayadin}");

        await page.Locator("details summary").ClickAsync();
        var edit = page.GetByTestId("edit");

        // The place picker offers the gazetteer in both languages, Arabic first for this reader; a choice names its place exactly.
        var hajin = await edit.Locator("datalist#gazetteer option[value^='هجين · Hajin (مدينة)']").GetAttributeAsync("value");
        Assert.Equal("هجين · Hajin (مدينة) #ES049", hajin);
        Assert.Contains("الميادين · al-Mayadin (مدينة) #ES037", await edit.Locator("input[name=places]").First.InputValueAsync(), StringComparison.Ordinal);
        await edit.GetByTestId("add-place").FillAsync(hajin!);

        // Searching the actors hides the others; the choice is ticked by its name, not an id.
        await edit.GetByRole(AriaRole.Searchbox, new() { Name = "ابحث في الأطراف" }).FillAsync("التحالف");
        var shown = edit.Locator("[data-filter-item=actors]:visible");
        await Assertions.Expect(shown).ToHaveCountAsync(1);
        await shown.GetByRole(AriaRole.Checkbox).CheckAsync();

        // Its role is chosen beside it, in the reader's language (the search looks at names, not at the role words).
        var role = shown.GetByRole(AriaRole.Combobox, new() { Name = "دور التحالف الدولي · International coalition" });
        await role.SelectOptionAsync(new SelectOptionValue { Label = "الهدف" });

        await edit.GetByLabel("قذائف").FillAsync("8");
        await edit.GetByRole(AriaRole.Button, new() { Name = "حفظ" }).ClickAsync();

        await Assertions.Expect(page.GetByRole(AriaRole.Status).Filter(new() { HasText = "حُفظ." })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "الأماكن" })).ToContainTextAsync("هجين · Hajin");
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "الأماكن" })).ToContainTextAsync("الميادين · al-Mayadin");
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "الأطراف" })).ToContainTextAsync("التحالف الدولي · International coalition (الهدف)");
        await Assertions.Expect(page.Locator(".grid .card").Filter(new() { HasText = "الأعداد" })).ToContainTextAsync("shells=8");
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Queue_shows_a_new_report_by_itself_within_two_seconds_and_announces_it(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider);
        await Reports.PostAsync(run.Api, Reports.MayadinShellingArabic);
        var page = await run.OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await run.SignInAsync(page, "/events");
        await Assertions.Expect(page.Locator("table.queue tbody tr")).ToHaveCountAsync(1);
        await Assertions.Expect(page.Locator("[data-announce]")).ToBeHiddenAsync();

        var clock = Stopwatch.StartNew();
        var airstrike = (await Reports.PostAsync(run.Api, Reports.AlbuKamalAirstrike)).EventId!.Value;
        await Assertions.Expect(page.Locator($"table.queue tr[data-event='{airstrike}']")).ToBeVisibleAsync(new() { Timeout = 2000 });
        var seen = clock.Elapsed;
        await Assertions.Expect(page.Locator("[data-announce]")).ToHaveTextAsync("A new event is waiting for moderation.");
        Assert.True(seen < TimeSpan.FromSeconds(2), $"the queue took {seen.TotalMilliseconds:0} ms");
        Assert.Equal("/events", new Uri(page.Url).AbsolutePath);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task At_phone_width_no_page_scrolls_sideways_the_queue_headline_shows_and_each_page_is_photographed(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider);
        var mayadin = (await Reports.PostAsync(run.Api, Reports.MayadinShellingArabic)).EventId!.Value;
        await Reports.PostAsync(run.Api, Reports.MayadinShellingEnglish);
        await Reports.PostAsync(run.Api, Reports.AlbuKamalAirstrike);
        await run.SandboxSaysAsync("3001", "/start");

        foreach (var (language, locale) in new[] { ("en", "en-GB"), ("ar", "ar-SY") })
        {
            var page = await run.OpenAsync(new() { Locale = locale, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
            await run.SignInAsync(page, "/events");

            var headline = page.Locator("table.queue td.headline").First;
            await Assertions.Expect(headline).ToBeInViewportAsync();
            var box = await headline.BoundingBoxAsync();
            Assert.True(box!.X >= 0 && box.X + box.Width <= 390 + 1, $"the headline ({box.X}+{box.Width}) should fit the 390 px screen");

            foreach (var path in new[] { "/", "/events", $"/events/{mayadin}", "/reports", "/audit", "/sources", "/subscribers", "/places", "/deliveries", "/sandbox?chat=3001" })
            {
                await page.GotoAsync(path);
                var overflow = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth - document.documentElement.clientWidth");
                Assert.True(overflow <= 1, $"{path} in {language} scrolls sideways by {overflow} px at phone width");
                var name = path == "/" ? "overview" : Regex.Replace(path.Trim('/'), "[^a-z0-9]+", "-");
                await run.ScreenshotAsync(page, $"phone-{language}-{name}");
            }

            await page.CloseAsync();
        }

        Assert.True(Directory.GetFiles(run.Screenshots, "phone-*.png").Length >= 20);
    }

    [SkippableTheory]
    [MemberData(nameof(TestDatabase.Providers), MemberType = typeof(TestDatabase))]
    public async Task Sources_table_header_lines_up_with_its_rows(string provider)
    {
        await using var run = await ConsoleRun.StartAsync(provider, new() { ["Feeds:Sources:Deir Press:Url"] = "http://127.0.0.1:9/feed.xml", ["Feeds:AllowPrivateAddresses"] = "true" });
        var page = await run.OpenAsync(new() { ViewportSize = new() { Width = 1280, Height = 800 } });
        await run.SignInAsync(page, "/sources");

        var headers = page.Locator("table.sources thead th");
        var cells = page.Locator("table.sources tbody tr").First.Locator("td");
        Assert.Equal(await headers.CountAsync(), await cells.CountAsync());
        for (var i = 0; i < await headers.CountAsync(); i++)
        {
            var th = await headers.Nth(i).BoundingBoxAsync();
            var td = await cells.Nth(i).BoundingBoxAsync();
            Assert.True(Math.Abs(th!.X - td!.X) < 1 && Math.Abs(th.Width - td.Width) < 1, $"column {i}: header at {th.X}/{th.Width}, cell at {td.X}/{td.Width}");
        }
    }

    /// <summary>The bot as a child process, an API client, and Chromium pages signed in as a moderator.</summary>
    private sealed class ConsoleRun : IAsyncDisposable
    {
        private TestDatabase _database = null!;
        private BotProcess _bot = null!;
        private IPlaywright _playwright = null!;
        private IBrowser _browser = null!;

        public HttpClient Api { get; private set; } = null!;

        public Uri BaseUrl { get; private set; } = null!;

        public string Screenshots { get; } = Directory.CreateDirectory(Path.Combine(AppContext.BaseDirectory, "screenshots")).FullName;

        public static async Task<ConsoleRun> StartAsync(string provider, Dictionary<string, string?>? extra = null)
        {
            DebianChromium.RequireOrSkip();

            var run = new ConsoleRun { _database = await TestDatabase.CreateAsync(provider) };
            var settings = new Dictionary<string, string?>(run._database.Settings)
            {
                ["Api:Keys:ops:Key"] = Key,
                ["Api:Keys:ops:Roles"] = "curator,moderator",
                [$"Console:Users:{AlertBotApp.ConsoleLogin}:PasswordHash"] = PasswordHashes.Hash(AlertBotApp.ConsolePassword),
                [$"Console:Users:{AlertBotApp.ConsoleLogin}:Roles"] = "moderator",
                ["Demo:Enabled"] = "false",
            };
            foreach (var (key, value) in extra ?? [])
            {
                settings[key] = value;
            }

            var args = settings.Where(s => s.Value is not null).Select(s => $"--{s.Key}={s.Value}").Concat(["--urls", "http://127.0.0.1:0"]).ToArray();
            run._bot = BotProcess.Start(run._database.Directory, null, args);
            // Generous: on a loaded machine the bot takes well over its usual few seconds to start.
            var consoleLine = await run._bot.WaitForLogAsync(l => l.Contains("Web console: http://", StringComparison.Ordinal), TimeSpan.FromSeconds(120));
            run.BaseUrl = new Uri(ConsoleUrl().Match(consoleLine).Groups[1].Value);
            run.Api = new HttpClient { BaseAddress = run.BaseUrl };
            run.Api.DefaultRequestHeaders.Add("X-Api-Key", Key);
            run._playwright = await Playwright.CreateAsync();
            run._browser = await run._playwright.Chromium.LaunchAsync(new() { ExecutablePath = DebianChromium.Path, Headless = true, Args = DebianChromium.Args });
            return run;
        }

        public async Task<IPage> OpenAsync(BrowserNewContextOptions options)
        {
            options.BaseURL = BaseUrl.ToString();
            var context = await _browser.NewContextAsync(options);
            // A loaded 2-core CI box (the bot, Chromium and other tests at once) can take longer than Playwright's 30 s.
            context.SetDefaultTimeout(60_000);
            context.SetDefaultNavigationTimeout(60_000);
            return await context.NewPageAsync();
        }

        public async Task SignInAsync(IPage page, string path)
        {
            await page.GotoAsync(new Uri(BaseUrl, path).ToString());
            // The form speaks the browser's language: its fields are found by name, not by their (English or Arabic) labels.
            await page.Locator("input[name=Login]").FillAsync(AlertBotApp.ConsoleLogin);
            await page.Locator("input[name=Password]").FillAsync(AlertBotApp.ConsolePassword);
            await page.Locator("form button[type=submit]").Last.ClickAsync();
            // Signed in once the redirect has committed and the page shows the sign-out form. Waiting for the "load"
            // lifecycle event here once hung past its timeout on CI although the page had arrived (networkidle fired).
            await page.WaitForURLAsync(url => !url.Contains("/login", StringComparison.OrdinalIgnoreCase), new() { WaitUntil = WaitUntilState.Commit });
            await page.Locator("form.signout").WaitForAsync(new() { State = WaitForSelectorState.Attached });
        }

        public async Task SandboxSaysAsync(string chat, string text) =>
            (await Api.PostAsJsonAsync($"/api/sandbox/chats/{chat}/messages", new { text })).EnsureSuccessStatusCode();

        public async Task ScreenshotAsync(IPage page, string name)
        {
            var file = Path.Combine(Screenshots, $"{name}-{_database.Provider}.png");
            await page.ScreenshotAsync(new() { Path = file, FullPage = true });
            Assert.True(new FileInfo(file).Length > 1000, $"{file} is empty");
        }

        public async ValueTask DisposeAsync()
        {
            if (_browser is not null)
            {
                await _browser.DisposeAsync();
            }

            _playwright?.Dispose();
            Api?.Dispose();
            if (_bot is not null)
            {
                await _bot.DisposeAsync();
            }

            await _database.DisposeAsync();
        }
    }

    [GeneratedRegex(@"Web console: (http://\S+?)/?$")]
    private static partial Regex ConsoleUrl();
}
