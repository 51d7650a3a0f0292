using Gamification.Tests.Api;

using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.Routing.Patterns;

namespace Gamification.Tests.Security;

/// <summary>Who calls: nobody, each role of Acme, the platform operator, and Globex's admin (another tenant).</summary>
public enum Caller
{
    Anonymous,
    Agent,
    Supervisor,
    Admin,
    Operator,
    OtherTenantAdmin,
}

/// <summary>One endpoint of the app as the route table lists it, with what its metadata asks of the caller.</summary>
/// <param name="Policies">The authorization policies it names (all must pass); "" stands for the default policy (signed in).</param>
/// <param name="BindsBody">Whether the endpoint declares a request body that the framework binds (a record or a JSON element).</param>
public sealed record SurfaceEndpoint(string Method, RoutePattern Route, IReadOnlyList<string> Policies, bool Anonymous, bool IsPage, bool BindsBody = false)
{
    public string Pattern => "/" + Route.RawText!.Trim('/');

    public bool HasRouteValues => Route.Parameters.Count > 0;

    public bool IsWrite => Method is "POST" or "PUT" or "PATCH" or "DELETE";

    public override string ToString() => $"{Method} {Pattern}";
}

/// <summary>
/// The app's whole surface, read from its route table (so a new endpoint is covered without editing a test), and one
/// resource of each kind in Acme, so that routes with ids can be called with real ids of Acme.
/// </summary>
public class ApiSurfaceApp : GamificationAppFactory
{
    /// <summary>A 1x1 transparent PNG.</summary>
    private static readonly byte[] TinyPng = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    private readonly SemaphoreSlim gate = new(1, 1);
    private readonly Dictionary<(Caller, bool), HttpClient> clients = [];
    private Dictionary<string, string>? ids;

    public static string EmailOf(Caller caller) => caller switch
    {
        Caller.Agent => "agent01@acme.test",
        Caller.Supervisor => "supervisor@acme.test",
        Caller.Admin => "admin@acme.test",
        Caller.Operator => "operator@platform.test",
        Caller.OtherTenantAdmin => "admin@globex.test",
        _ => throw new ArgumentOutOfRangeException(nameof(caller), caller, "Anonymous has no sign-in."),
    };

    /// <summary>Acme's integration key (made once).</summary>
    public string AcmeKey { get; private set; } = "";

    /// <summary>Every endpoint except static files and Blazor's own transport.</summary>
    public IReadOnlyList<SurfaceEndpoint> Endpoints()
    {
        var source = Services.GetRequiredService<EndpointDataSource>();
        var list = new List<SurfaceEndpoint>();
        foreach (var endpoint in source.Endpoints.OfType<RouteEndpoint>())
        {
            var raw = "/" + (endpoint.RoutePattern.RawText ?? "").TrimStart('/');
            if (raw.StartsWith("/_", StringComparison.Ordinal) || IsStaticAsset(endpoint))
            {
                continue;
            }
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["GET"];
            var policies = endpoint.Metadata.GetOrderedMetadata<IAuthorizeData>().Select(a => a.Policy ?? "").ToList();
            var anonymous = endpoint.Metadata.GetMetadata<IAllowAnonymous>() is not null;
            var isPage = endpoint.Metadata.Any(m => m.GetType().Name == "ComponentTypeMetadata");
            var bindsBody = endpoint.Metadata.GetMetadata<Microsoft.AspNetCore.Http.Metadata.IAcceptsMetadata>()?.RequestType is not null;
            foreach (var method in methods.Where(m => m is not "HEAD" and not "OPTIONS"))
            {
                list.Add(new SurfaceEndpoint(method, endpoint.RoutePattern, policies, anonymous, isPage, bindsBody));
            }
        }
        return list.DistinctBy(e => e.ToString()).OrderBy(e => e.Pattern, StringComparer.Ordinal).ThenBy(e => e.Method, StringComparer.Ordinal).ToList();
    }

    private static bool IsStaticAsset(RouteEndpoint endpoint) =>
        endpoint.Metadata.Any(m => m.GetType().Name == "StaticAssetDescriptor")
        || endpoint.DisplayName?.Contains("static", StringComparison.OrdinalIgnoreCase) == true && endpoint.RoutePattern.RawText?.Contains('.', StringComparison.Ordinal) == true;

    /// <summary>
    /// A client signed in as <paramref name="caller"/> (anonymous: no credentials) as users meet the app: for the API a
    /// bearer token, for pages the sign-in form and its cookie. Redirects are not followed: they are answers.
    /// </summary>
    public async Task<HttpClient> ClientAsync(Caller caller, bool forPages = false)
    {
        await gate.WaitAsync();
        try
        {
            if (!clients.TryGetValue((caller, forPages), out var client))
            {
                client = CreateClient(new() { AllowAutoRedirect = false, HandleCookies = forPages });
                if (caller != Caller.Anonymous && forPages)
                {
                    await SignInWithFormAsync(client, EmailOf(caller));
                }
                else if (caller != Caller.Anonymous)
                {
                    var token = await TokenAsync(client, EmailOf(caller));
                    client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
                }
                clients[(caller, forPages)] = client;
            }
            return client;
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>Posts the sign-in page's form, with the antiforgery token it carries; the client keeps the cookie.</summary>
    public static async Task SignInWithFormAsync(HttpClient client, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var page = await client.GetStringAsync("/Account/Login");
        var input = System.Text.RegularExpressions.Regex.Match(page, "<input[^>]*name=\"__RequestVerificationToken\"[^>]*>").Value;
        var token = System.Net.WebUtility.HtmlDecode(System.Text.RegularExpressions.Regex.Match(input, "value=\"([^\"]+)\"").Groups[1].Value);
        Assert.False(string.IsNullOrEmpty(token), $"The sign-in page carries no antiforgery token: {page}");
        var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["__RequestVerificationToken"] = token,
            ["_handler"] = "login",
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        var response = await client.PostAsync("/Account/Login", form);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, $"Signing in as {email} answered {(int)response.StatusCode}.");
    }

    /// <summary>
    /// Real ids of Acme for each kind of route value, keyed by the literal segment before it ("teams" → a team id);
    /// made once: a team, an agent, a badge with an uploaded image, a challenge, a reward, a pending redemption,
    /// a farming flag and an integration key.
    /// </summary>
    public async Task<IReadOnlyDictionary<string, string>> AcmeIdsAsync()
    {
        await gate.WaitAsync();
        try
        {
            return ids ??= await MakeAcmeResourcesAsync();
        }
        finally
        {
            gate.Release();
        }
    }

    private async Task<Dictionary<string, string>> MakeAcmeResourcesAsync()
    {
        var acme = await TenantIdAsync(DemoSeeder.AcmeName);
        var admin = await ClientForAsync("admin@acme.test");
        // Two keys: the first is the route value of the key endpoints (and may be revoked by them), the second sends events.
        await IngestionSteps.CreateKeyAsync(this);
        AcmeKey = await IngestionSteps.CreateKeyAsync(this);
        var (team, agent, person, badge, challenge, keyId) = await WithDbAsync(async db => (
            await db.Teams.OrderBy(t => t.Id).Select(t => t.Id).FirstAsync(),
            await db.Users.Where(u => u.Email == "agent01@acme.test").Select(u => u.Id).SingleAsync(),
            await db.Users.Where(u => u.Email == "agent02@acme.test").Select(u => u.Id).SingleAsync(),
            await db.Badges.OrderBy(b => b.Id).Select(b => b.Id).FirstAsync(),
            await db.Challenges.OrderBy(c => c.Id).Select(c => c.Id).FirstAsync(),
            await db.ApiKeys.OrderBy(k => k.Id).Select(k => k.Id).FirstAsync()), acme);

        var file = new ByteArrayContent(TinyPng);
        file.Headers.ContentType = new MediaTypeHeaderValue("image/png");
        var upload = await admin.PostAsync("/api/v1/gamification/admin/badges/images", new MultipartFormDataContent { { file, "file", "icon.png" } });
        Assert.Equal(HttpStatusCode.Created, upload.StatusCode);
        // The answer names the image's URL (…/badges/images/{id}); its last segment is the id.
        var image = (await upload.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("url").GetString()!.Split('/')[^1];

        var reward = await admin.PostAsJsonAsync("/api/v1/gamification/admin/rewards", new
        {
            name = "Matrix reward",
            description = "For the access matrix.",
            category = "experience",
            points_cost = 10,
            requires_approval = true,
        });
        Assert.True(reward.StatusCode == HttpStatusCode.Created, await reward.Content.ReadAsStringAsync());
        var rewardId = (await reward.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetInt64();
        var award = await admin.PostAsJsonAsync("/api/v1/gamification/points/award", new { user_id = agent, points = 100, reason = "Matrix set-up" });
        Assert.Equal(HttpStatusCode.OK, award.StatusCode);
        var agentClient = await ClientForAsync("agent01@acme.test");
        var redeem = await agentClient.PostAsJsonAsync("/api/v1/gamification/redeem", new { reward_id = rewardId });
        Assert.True(redeem.StatusCode == HttpStatusCode.OK, await redeem.Content.ReadAsStringAsync());
        var redemption = (await redeem.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("redemption_id").GetInt64();

        var flag = await WithDbAsync(async db =>
        {
            var today = DateOnly.FromDateTime(Now.UtcDateTime);
            var f = new FarmingFlag
            {
                TenantId = acme,
                UserId = agent,
                Kind = FarmingKind.ShortCalls,
                Score = 0.5,
                Evidence = "Made by the access matrix.",
                WindowStart = today.AddDays(-6),
                WindowEnd = today,
                DetectedAt = Now,
                Status = FarmingFlagStatus.Open,
            };
            db.FarmingFlags.Add(f);
            await db.SaveChangesAsync();
            return f.Id;
        }, acme);

        return new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
        {
            ["teams"] = team.ToString(System.Globalization.CultureInfo.InvariantCulture),
            // Not agent01, who redeems: a password reset or an edit by a write endpoint must not sign the agent out.
            ["users"] = person,
            ["badges"] = badge.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["images"] = image,
            ["challenges"] = challenge.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["rewards"] = rewardId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["redemptions"] = redemption.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["farming-flags"] = flag.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["api-keys"] = keyId.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["tenants"] = acme.ToString(),
        };
    }

    /// <summary>
    /// The path of <paramref name="endpoint"/> with each route value set to Acme's resource of that kind (the literal
    /// segment before it names the kind). A kind this table does not know gets an id nobody has, so the endpoint is
    /// still called; <paramref name="known"/> tells whether every value was a real one.
    /// </summary>
    public static string PathOf(SurfaceEndpoint endpoint, IReadOnlyDictionary<string, string> acmeIds, out bool known)
    {
        known = true;
        var parts = new List<string>();
        string? previous = null;
        foreach (var segment in endpoint.Route.PathSegments)
        {
            var text = string.Concat(segment.Parts.Select(part => part switch
            {
                RoutePatternLiteralPart literal => literal.Content,
                RoutePatternSeparatorPart separator => separator.Content,
                RoutePatternParameterPart parameter => ValueFor(parameter, previous, acmeIds),
                _ => "",
            }));
            if (segment.Parts.Any(p => p is RoutePatternParameterPart) && (previous is null || !acmeIds.ContainsKey(previous)))
            {
                known = false;
            }
            previous = segment.Parts.OfType<RoutePatternLiteralPart>().LastOrDefault()?.Content;
            parts.Add(text);
        }
        return "/" + string.Join('/', parts);
    }

    private static string ValueFor(RoutePatternParameterPart parameter, string? previous, IReadOnlyDictionary<string, string> acmeIds)
    {
        if (previous is not null && acmeIds.TryGetValue(previous, out var id))
        {
            return id;
        }
        var constraints = parameter.ParameterPolicies.Select(p => p.Content ?? "").ToList();
        return constraints.Contains("guid") ? Guid.NewGuid().ToString() : "987654321";
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            foreach (var client in clients.Values)
            {
                client.Dispose();
            }
            gate.Dispose();
        }
        base.Dispose(disposing);
    }
}
