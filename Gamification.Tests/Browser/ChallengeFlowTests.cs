namespace Gamification.Tests.Browser;

/// <summary>
/// An admin creates a challenge in the editor; an agent's calls, sent through the ingestion API, complete it; the
/// agent sees the completion and the reward on their dashboard.
/// </summary>
/// <remarks>
/// Uses Acme's agent 19, which no other browser test touches. The challenge is ended when the test finishes, so
/// the calls of other tests in the shared app do not complete it too. Set GAMIFICATION_SCREENSHOTS to a folder to
/// keep screenshots.
/// </remarks>
public sealed class ChallengeFlowTests(BrowserAppFixture browser) : BrowserTest(browser)
{
    private const string Name = "Browser Sprint";

    [Fact]
    public async Task Admin_creates_a_daily_challenge_that_an_agents_calls_complete_and_the_agent_sees_it_with_the_reward()
    {
        var tenantId = await Browser.App.TenantIdAsync(DemoSeeder.AcmeName);
        long? challengeId = null;
        try
        {
            // The admin creates it in the editor.
            await OpenAddDialogAsync("admin@acme.test", "/admin/challenges", "challenge");

            await Page.Locator("#challenge-name").FillAsync(Name);
            await Page.Locator("#challenge-description").FillAsync("Complete 2 calls today.");
            await ChooseAsync("#challenge-type", "Daily");
            await ChooseAsync("#challenge-objective", "Completed calls");
            await Page.Locator("#challenge-target").FillAsync("2");
            await Page.Locator("#challenge-reward").FillAsync("77");
            await Expect(Page.Locator("#challenge-team")).Not.ToBeCheckedAsync();
            await Expect(Page.Locator("#challenge-goal-preview")).ToContainTextAsync("2 calls each day");
            await Screenshot("challenge-dialog");
            await Page.Locator("#challenge-save").ClickAsync();

            await Expect(Page.GetByText($"Challenge “{Name}” created.")).ToBeVisibleAsync();
            await Expect(Page.Locator("#challenge-dialog")).ToHaveCountAsync(0);
            var row = Page.Locator("#challenges-active tbody tr", new() { HasText = Name });
            await Expect(row).ToContainTextAsync("Daily");
            await Expect(row).ToContainTextAsync("Individual");
            await Expect(row).ToContainTextAsync("2 calls");
            await Expect(row).ToContainTextAsync("+77");
            await Screenshot("challenge-editor");

            var stored = await Browser.App.WithDbAsync(db => db.Challenges.SingleAsync(c => c.Name == Name), tenantId);
            challengeId = stored.Id;
            Assert.Equal((ChallengeType.Daily, ObjectiveType.TotalCalls, 2, 77, false),
                (stored.ChallengeType, stored.ObjectiveType, stored.ObjectiveTarget, stored.PointsReward, stored.IsTeamChallenge));

            // The call-center system sends two completed calls of agent 19.
            var key = await CreateKeyAsync(tenantId);
            using var api = new HttpClient { BaseAddress = new Uri(Browser.BaseUrl) };
            for (var i = 0; i < 2; i++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, "/api/v1/gamification/events")
                {
                    Content = JsonContent.Create(new Dictionary<string, object>
                    {
                        ["event_id"] = $"sprint-{Guid.NewGuid():N}",
                        ["type"] = "call_completed",
                        ["agent_id"] = "agent-19",
                        // A new recurring challenge counts from the instant it was created: these calls come after it
                        // (rounded up to the whole second the timestamp carries).
                        ["occurred_at"] = Browser.App.Now.AddSeconds(1).ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", System.Globalization.CultureInfo.InvariantCulture),
                    }),
                };
                request.Headers.Add("X-Api-Key", key);
                using var response = await api.SendAsync(request);
                Assert.Equal(HttpStatusCode.OK, response.StatusCode);
                Assert.Equal("awarded", (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("status").GetString());
            }

            // The agent sees it: the reward in the points history, the completion in the challenge tracker.
            await Page.Context.ClearCookiesAsync();
            await SignInAsync("agent19@acme.test");
            await Expect(Page.Locator("#agent-name")).ToBeVisibleAsync();
            await OpenAsync("/dashboard/gamification");

            var reward = Page.Locator("#dash-transactions tbody tr", new() { HasText = Name });
            await Expect(reward).ToHaveCountAsync(1);
            await Expect(reward).ToContainTextAsync("+77");
            await Expect(reward).ToContainTextAsync("Challenge completed");
            var tracker = Page.Locator("#dash-challenges [data-testid=\"challenge-tracker\"]");
            await Expect(tracker).ToHaveAttributeAsync("data-completed", "1");
            await Screenshot("challenge-dashboard");

            // The dashboard's card shows the most urgent few, a challenge just completed first.
            var item = Page.Locator($"#dash-challenges [data-testid=\"challenge-{challengeId}\"]");
            await Expect(item).ToHaveAttributeAsync("data-completed", "true");
            await Expect(Page.Locator($"[data-testid=\"challenge-status-{challengeId}\"]")).ToContainTextAsync("Completed");
            await Expect(Page.Locator($"[data-testid=\"challenge-name-{challengeId}\"]")).ToHaveTextAsync(Name);
            await Screenshot("challenge-tracker");

            var paid = await Browser.App.WithDbAsync(db => db.PointTransactions
                .Where(t => t.Type == Core.Points.TransactionType.ChallengeReward && t.Reason.Contains(Name)).Select(t => t.Points).ToListAsync(), tenantId);
            Assert.Equal([77L], paid);
        }
        finally
        {
            // The browser tests share one app: other agents' calls must not complete it.
            challengeId ??= await Browser.App.WithDbAsync(db => db.Challenges.Where(c => c.Name == Name).Select(c => (long?)c.Id).SingleOrDefaultAsync(), tenantId);
            if (challengeId is { } id)
            {
                await InScopeAsync(tenantId, (ChallengeService s) => s.EndAsync(id));
            }
        }
    }

    private async Task<string> CreateKeyAsync(Guid tenantId) =>
        (await InScopeAsync(tenantId, (ApiKeyService keys) => keys.CreateAsync($"Sprint dialer {Guid.NewGuid():N}"[..20], null))).Key;

    private async Task Screenshot(string name)
    {
        if (Environment.GetEnvironmentVariable("GAMIFICATION_SCREENSHOTS") is { Length: > 0 } folder)
        {
            Directory.CreateDirectory(folder);
            await Page.ScreenshotAsync(new() { Path = Path.Combine(folder, $"{name}.png"), FullPage = true });
        }
    }
}
