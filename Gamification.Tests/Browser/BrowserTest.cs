namespace Gamification.Tests.Browser;

/// <summary>A page in its own browser context per test, and the steps every browser test shares.</summary>
[Collection(BrowserCollection.Name)]
public abstract class BrowserTest(BrowserAppFixture browser) : IAsyncLifetime
{
    protected BrowserAppFixture Browser { get; } = browser;

    protected IPage Page { get; private set; } = null!;

    public async Task InitializeAsync() => Page = await Browser.NewPageAsync();

    /// <summary>
    /// Closes the test's browser context. Bounded: once in a full run, Chromium never answered Playwright's close (the
    /// test itself had passed) and the whole suite waited on it; now that fails the test, loudly, after a minute.
    /// </summary>
    public async Task DisposeAsync()
    {
        try
        {
            await Page.Context.CloseAsync().WaitAsync(TimeSpan.FromMinutes(1));
        }
        catch (TimeoutException ex)
        {
            throw new TimeoutException($"Chromium did not close this test's browser context within a minute (page {Page.Url}).", ex);
        }
    }

    /// <summary>Fills the static sign-in form, submits it and waits for the page it leads to (see <see cref="SignInOnAsync"/>).</summary>
    protected Task SignInAsync(string email, string password = GamificationAppFactory.Password) => SignInOnAsync(Page, email, password);

    /// <summary>
    /// Signs in on <paramref name="page"/> (also a second person's, in their own browser context), then waits for what
    /// the person sees next: the app's layout (a successful sign-in redirects to it) or the sign-in page's message (a
    /// refused one stays). Not a wait for the next document's DOMContentLoaded: once in a full CI run that load-state
    /// wait never saw the event of the page the form redirected to (only "networkidle" fired) and the test failed after
    /// 30 s with the page signed in.
    /// </summary>
    protected static async Task SignInOnAsync(IPage page, string email, string password = GamificationAppFactory.Password)
    {
        await page.GotoAsync("/Account/Login");
        await page.Locator("#Input\\.Email").FillAsync(email);
        await page.Locator("#Input\\.Password").FillAsync(password);
        await page.Locator("#sign-in").ClickAsync();
        await Expect(page.Locator("#main").Or(page.Locator("#status-message"))).ToBeAttachedAsync();
    }

    /// <summary>Goes to <paramref name="path"/> on another page and waits until it takes clicks.</summary>
    protected static async Task OpenOnAsync(IPage page, string path)
    {
        await page.GotoAsync(path);
        await Expect(page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();
    }

    /// <summary>Goes to <paramref name="path"/> and waits until the page takes clicks.</summary>
    protected async Task OpenAsync(string path)
    {
        await Page.GotoAsync(path);
        await WaitUntilInteractiveAsync();
    }

    /// <summary>Signs in as <paramref name="email"/>, then opens <paramref name="path"/> ready for clicks.</summary>
    protected async Task SignInAndOpenAsync(string email, string path, string password = GamificationAppFactory.Password)
    {
        await SignInAsync(email, password);
        await OpenAsync(path);
    }

    /// <summary>
    /// Signs in as <paramref name="email"/>, opens <paramref name="path"/>, clicks its add button
    /// (#<paramref name="prefix"/>-add) and waits for the dialog (#<paramref name="prefix"/>-dialog).
    /// </summary>
    protected async Task OpenAddDialogAsync(string email, string path, string prefix)
    {
        await SignInAndOpenAsync(email, path);
        await Page.Locator($"#{prefix}-add").ClickAsync();
        await Expect(Page.Locator($"#{prefix}-dialog")).ToBeVisibleAsync();
    }

    /// <summary>
    /// Waits until <paramref name="expression"/> is true on <paramref name="page"/>, asking again every 50 ms; false after
    /// <paramref name="timeoutMs"/>. Not Playwright's WaitForFunctionAsync: it evaluates a string predicate with eval on
    /// each poll after the first, which the app's Content-Security-Policy (no 'unsafe-eval') refuses, so it failed
    /// whenever the predicate was not already true. Each ask here is a plain evaluation, which the policy allows.
    /// </summary>
    protected static async Task<bool> WaitUntilTrueAsync(IPage page, string expression, int timeoutMs = 5_000)
    {
        var until = DateTime.UtcNow.AddMilliseconds(timeoutMs);
        while (!await page.EvaluateAsync<bool>(expression))
        {
            if (DateTime.UtcNow >= until)
            {
                return false;
            }
            await Task.Delay(50);
        }
        return true;
    }

    /// <summary>The prerendered HTML ignores clicks: wait for the layout to mark the circuit as interactive.</summary>
    protected Task WaitUntilInteractiveAsync() =>
        Expect(Page.Locator("#main[data-interactive=\"true\"]")).ToBeAttachedAsync();

    /// <summary>Opens the select inside <paramref name="wrapper"/> and picks the option with exactly this text.</summary>
    protected async Task ChooseAsync(string wrapper, string option)
    {
        await Page.Locator($"{wrapper} .mud-input-control").ClickAsync();
        var item = Page.Locator(".mud-popover-open .mud-list-item").Filter(new() { HasTextRegex = new Regex($"^\\s*{Regex.Escape(option)}\\s*$") });
        await item.ClickAsync();
        await Expect(Page.Locator(".mud-popover-open .mud-list-item")).ToHaveCountAsync(0);
        // The field shows the choice: in its input (a select with a ToStringFunc writes the words there) or in the
        // element MudBlazor draws over it (a select without one shows the chosen item's content).
        var shows = $$"""
            (() => {
                const field = document.querySelector({{JsonSerializer.Serialize(wrapper)}});
                const shown = (field?.querySelector('[role=combobox]')?.value ?? '') + ' ' + (field?.querySelector('.mud-input')?.innerText ?? '');
                return shown.includes({{JsonSerializer.Serialize(option)}});
            })()
            """;
        Assert.True(await WaitUntilTrueAsync(Page, shows, timeoutMs: (int)BrowserAppFixture.Timeout.TotalMilliseconds),
            $"The select in {wrapper} did not show '{option}' after it was chosen.");
    }

    /// <summary>A full-page screenshot into $GAMIFICATION_SCREENSHOTS (when set), for looking at the pages by eye.</summary>
    protected async Task ScreenshotAsync(string name)
    {
        if (Environment.GetEnvironmentVariable("GAMIFICATION_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }

    /// <summary>Runs <paramref name="action"/> on a service of the app in a scope set to the tenant (as a request of it would be).</summary>
    protected async Task<TResult> InScopeAsync<TService, TResult>(Guid tenantId, Func<TService, Task<TResult>> action)
        where TService : notnull
    {
        await using var scope = Browser.App.Services.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(tenantId, null);
        return await action(scope.ServiceProvider.GetRequiredService<TService>());
    }
}
