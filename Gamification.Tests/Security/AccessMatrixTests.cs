namespace Gamification.Tests.Security;

/// <summary>
/// Every endpoint of the route table × every kind of caller (nobody, Acme's agent, supervisor and admin, the platform
/// operator, Globex's admin): each answers what its authorization says, and no id of Acme ever answers Globex's admin
/// with a success. The endpoint list is read from the app, so a new endpoint is in the matrix without editing it.
/// </summary>
public sealed class AccessMatrixTests(ApiSurfaceApp app) : IClassFixture<ApiSurfaceApp>
{
    private static readonly Caller[] SignedIn = [Caller.Agent, Caller.Supervisor, Caller.Admin, Caller.Operator, Caller.OtherTenantAdmin];

    /// <summary>Who each policy lets in, written out by hand from the product's roles (not read from the app).</summary>
    private static IReadOnlySet<Caller> AllowedBy(string policy) => policy switch
    {
        "" => SignedIn.ToHashSet(),
        "tenant-member" => new HashSet<Caller> { Caller.Agent, Caller.Supervisor, Caller.Admin, Caller.OtherTenantAdmin },
        "agent" => new HashSet<Caller> { Caller.Agent },
        "supervisor" => new HashSet<Caller> { Caller.Supervisor, Caller.Admin, Caller.OtherTenantAdmin },
        "admin" => new HashSet<Caller> { Caller.Admin, Caller.OtherTenantAdmin },
        "operator" => new HashSet<Caller> { Caller.Operator },
        _ => throw new InvalidOperationException($"The access matrix does not know the policy '{policy}': say who it lets in."),
    };

    [Fact]
    public async Task The_route_table_lists_the_api_and_the_pages()
    {
        var endpoints = app.Endpoints();

        // Positive controls: the enumeration sees minimal APIs, grouped routes with values, and Razor pages.
        Assert.Contains(endpoints, e => e.ToString() == "POST /api/v1/gamification/points/award");
        Assert.Contains(endpoints, e => e.ToString() == "PUT /api/v1/gamification/admin/rewards/{id:long}");
        Assert.Contains(endpoints, e => e.ToString() == "GET /admin/settings" && e.IsPage);
        Assert.True(endpoints.Count(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal)) >= 70, string.Join("\n", endpoints));
    }

    [Fact]
    public async Task Every_api_endpoint_names_a_policy_or_is_deliberately_open()
    {
        var open = app.Endpoints().Where(e => e.Pattern.StartsWith("/api/", StringComparison.Ordinal) && e.Policies.Count == 0).ToList();

        // The only endpoints without a policy: sign-in, health, the OpenAPI document, and ingestion (its key is its credential).
        Assert.All(open, e => Assert.True(e.Anonymous, $"{e} names no policy and is not marked AllowAnonymous."));
        Assert.Equal(
            [
                "POST /api/v1/auth/refresh", "POST /api/v1/auth/token",
                "POST /api/v1/gamification/events", "POST /api/v1/gamification/events/batch",
            ],
            open.Select(e => e.ToString()).Where(s => !s.Contains("openapi", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        await Task.CompletedTask;
    }

    [Fact]
    public async Task Every_endpoint_answers_each_caller_as_its_policy_says()
    {
        var ids = await app.AcmeIdsAsync();
        var endpoints = app.Endpoints();
        var answers = new Dictionary<(string Endpoint, Caller Caller), HttpResponseMessage>();
        // Globex's admin and the callers who are refused go first; Acme's admin, whose writes change Acme, goes last.
        Caller[] order = [Caller.OtherTenantAdmin, Caller.Anonymous, Caller.Agent, Caller.Supervisor, Caller.Operator, Caller.Admin];
        foreach (var caller in order)
        {
            var api = await app.ClientAsync(caller);
            var pages = await app.ClientAsync(caller, forPages: true);
            foreach (var endpoint in endpoints)
            {
                answers[(endpoint.ToString(), caller)] = await SendAsync(endpoint.IsPage ? pages : api, endpoint, ids);
            }
        }

        var failures = new StringBuilder();
        var checkedCells = 0;
        foreach (var endpoint in endpoints)
        {
            var path = ApiSurfaceApp.PathOf(endpoint, ids, out var realIds);
            var isApi = endpoint.Pattern.StartsWith("/api/", StringComparison.Ordinal);
            var open = endpoint.Anonymous || endpoint.Policies.Count == 0;
            var allowed = open ? order.ToHashSet() : endpoint.Policies.Select(AllowedBy).Aggregate((a, b) => a.Intersect(b).ToHashSet());
            foreach (var caller in order)
            {
                var response = answers[(endpoint.ToString(), caller)];
                var status = (int)response.StatusCode;
                var problem = Check(endpoint, caller, response, isApi, open, allowed, realIds, answers);
                checkedCells++;
                if (problem is not null)
                {
                    failures.AppendLine(CultureInfoInvariant($"{endpoint} ({path}) as {caller}: {status}; {problem}"));
                }
            }
        }

        Assert.True(failures.Length == 0, $"{failures}");
        Assert.Equal(endpoints.Count * order.Length, checkedCells);

        // Positive controls: the matrix saw each kind of answer it checks for.
        int Status(string endpoint, Caller caller) => (int)answers[(endpoint, caller)].StatusCode;
        const string Reward = "GET /api/v1/gamification/admin/rewards/{id:long}";
        Assert.Equal([401, 403, 403, 200, 403, 404],
            order.Order().Select(c => Status(Reward, c)));
        const string Settings = "GET /admin/settings";
        Assert.Equal(200, Status(Settings, Caller.Admin));
        Assert.Equal(302, Status(Settings, Caller.Agent));
        Assert.Contains("/Account/AccessDenied", answers[(Settings, Caller.Agent)].Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Contains("/Account/Login", answers[(Settings, Caller.Anonymous)].Headers.Location!.OriginalString, StringComparison.Ordinal);
        Assert.Equal(200, Status("GET /platform/tenants", Caller.Operator));
    }

    private static string? Check(
        SurfaceEndpoint endpoint,
        Caller caller,
        HttpResponseMessage response,
        bool isApi,
        bool open,
        IReadOnlySet<Caller> allowed,
        bool realIds,
        Dictionary<(string Endpoint, Caller Caller), HttpResponseMessage> answers)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return "a server error";
        }
        if (open)
        {
            // An open endpoint does not care who calls: everyone gets the answer nobody gets.
            var anonymous = (int)answers[(endpoint.ToString(), Caller.Anonymous)].StatusCode;
            return status == anonymous ? null : $"an open endpoint answered {anonymous} to nobody";
        }
        if (!allowed.Contains(caller))
        {
            if (caller == Caller.Anonymous)
            {
                return isApi
                    ? status == 401 ? null : "expected 401 for nobody"
                    : status == 302 && response.Headers.Location?.OriginalString.Contains("/Account/Login", StringComparison.Ordinal) == true
                        ? null : "expected a redirect to the sign-in page";
            }
            return status == 403 || (!isApi && status == 302 && response.Headers.Location?.OriginalString.Contains("/Account/AccessDenied", StringComparison.Ordinal) == true)
                ? null : "expected 403 for a role the policy does not let in";
        }
        if (status is 401 or 403)
        {
            return "the policy lets this caller in, yet it was refused";
        }
        if (caller == Caller.OtherTenantAdmin && endpoint.HasRouteValues && realIds)
        {
            if (status is >= 200 and < 300)
            {
                return "another tenant's id answered a success";
            }
            return endpoint.Method == "GET" && status != 404 ? "expected 404 for another tenant's id" : null;
        }
        if (endpoint.Method == "GET" && status is not (200 or 400))
        {
            // 400: a read whose query value is required (e.g. which chart a CSV is for) and was not sent.
            return "expected 200 for a read the caller may make";
        }
        return null;
    }

    private static async Task<HttpResponseMessage> SendAsync(HttpClient client, SurfaceEndpoint endpoint, IReadOnlyDictionary<string, string> ids)
    {
        var path = ApiSurfaceApp.PathOf(endpoint, ids, out _);
        using var request = new HttpRequestMessage(new HttpMethod(endpoint.Method), path);
        if (endpoint.Method is "POST" or "PUT" or "PATCH")
        {
            request.Content = new StringContent("{}", Encoding.UTF8, "application/json");
        }
        var response = await client.SendAsync(request);
        await response.Content.LoadIntoBufferAsync();
        return response;
    }

    private static string CultureInfoInvariant(FormattableString text) => FormattableString.Invariant(text);
}
