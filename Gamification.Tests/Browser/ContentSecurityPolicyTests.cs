namespace Gamification.Tests.Browser;

/// <summary>
/// The pages work under the Content-Security-Policy: sign-in, an agent's dashboard and shop, an admin editor with its
/// dialog, and a chart page with its CSV download (a JS module loaded through the import map) run without one
/// violation, while an inline script is refused.
/// </summary>
public sealed class ContentSecurityPolicyTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private readonly List<string> violations = [];

    /// <summary>Collects what Chromium reports of the policy: console errors and securitypolicyviolation events.</summary>
    private async Task WatchAsync()
    {
        Page.Console += (_, message) =>
        {
            if (message.Text.Contains("Content Security Policy", StringComparison.Ordinal) || message.Text.StartsWith("CSP violation", StringComparison.Ordinal))
            {
                violations.Add(message.Text);
            }
        };
        // Added by Playwright through the DevTools protocol, so the policy does not apply to this script itself.
        await Page.AddInitScriptAsync(
            "document.addEventListener('securitypolicyviolation', e => console.error('CSP violation: ' + e.violatedDirective + ' ' + e.blockedURI));");
    }

    private async Task VisitAsync(string path)
    {
        var response = await Page.GotoAsync(path);
        Assert.NotNull(response);
        Assert.Contains("frame-ancestors 'none'", await response.HeaderValueAsync("content-security-policy") ?? "", StringComparison.Ordinal);
        await WaitUntilInteractiveAsync();
    }

    private void AssertNoViolation() => Assert.True(violations.Count == 0, string.Join('\n', violations));

    [Fact]
    public async Task An_agents_sign_in_dashboard_and_shop_run_without_a_violation()
    {
        await WatchAsync();

        await SignInAsync("agent02@acme.test");
        await VisitAsync("/dashboard/gamification");
        await Expect(Page.Locator("#dash-level")).ToBeVisibleAsync();
        await VisitAsync("/rewards");
        await Expect(Page.Locator("[data-testid=\"tab-history\"]")).ToBeVisibleAsync();
        await Page.Locator("[data-testid=\"tab-history\"]").ClickAsync();

        AssertNoViolation();
    }

    [Fact]
    public async Task An_admins_editor_dialog_and_chart_page_run_without_a_violation()
    {
        // A day of activity, so the charts draw (as in AnalyticsFlowTests).
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        await InScopeAsync(tenantId, (EventIngestion ingestion) => ingestion.IngestAsync(tenantId,
            new IncomingEvent($"csp-{Guid.NewGuid():N}", ActivityType.CallCompleted, "agent-13", DateTimeOffset.UtcNow, 5),
            CancellationToken.None));
        await InScopeAsync(tenantId, (AnalyticsRollup rollup) => rollup.RollUpTenantAsync(tenantId));
        await WatchAsync();

        await SignInAsync("admin@acme.test");
        await VisitAsync("/admin/rewards");
        await Page.Locator("#reward-add").ClickAsync();
        await Expect(Page.Locator("#reward-dialog")).ToBeVisibleAsync();
        await Page.Locator("#reward-name").FillAsync("Under the policy");
        await VisitAsync("/analytics/engagement");
        await Expect(Page.Locator("#chart-points")).ToHaveAttributeAsync("data-state", "data");
        await Expect(Page.Locator("#chart-points svg").First).ToBeVisibleAsync();
        var download = await Page.RunAndWaitForDownloadAsync(() => Page.Locator("#chart-points-csv").ClickAsync());
        Assert.EndsWith(".csv", download.SuggestedFilename, StringComparison.Ordinal);

        AssertNoViolation();
    }

    [Fact]
    public async Task An_inline_script_is_refused_and_reported()
    {
        await WatchAsync();
        await Page.GotoAsync("/Account/Login");

        var ran = await Page.EvaluateAsync<bool>(
            "() => { const s = document.createElement('script'); s.textContent = 'window.__injected = true'; document.head.appendChild(s); return window.__injected === true; }");

        Assert.False(ran);
        await Expect(Page.Locator("#sign-in")).ToBeVisibleAsync();
        for (var i = 0; i < 100 && violations.Count == 0; i++)
        {
            await Page.WaitForTimeoutAsync(50); // the report reaches the console asynchronously
        }
        Assert.Contains(violations, v => v.Contains("script-src", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_tests_wait_for_a_condition_without_eval_which_the_policy_refuses()
    {
        await Page.GotoAsync("/Account/Login");
        await Page.EvaluateAsync("() => { setTimeout(() => window.__later = true, 300); }");

        // Playwright's WaitForFunctionAsync evaluated this with eval once it was false the first time: the policy refused it.
        Assert.True(await WaitUntilTrueAsync(Page, "window.__later === true"));
        Assert.False(await WaitUntilTrueAsync(Page, "window.__never === true", timeoutMs: 200));
    }
}
