using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace Gamification.Tests.Support;

/// <summary>
/// The real app over a temporary SQLite file (or, when <see cref="Database"/> says so, a fresh PostgreSQL database of
/// its own, migrated at start) with the demo tenants seeded (no history by default, so it starts fast),
/// on <see cref="TestClock"/>: real time moved forward to early afternoon in New York, so no test depends on the hour it
/// runs at. Stamp events and compute "today" with <see cref="Now"/>, never with the wall clock.
/// </summary>
public class GamificationAppFactory : WebApplicationFactory<Program>
{
    public static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower };
    public const string Password = "Demo123!";

    private readonly string dataDirectory = Path.Combine(Path.GetTempPath(), "gamification-tests", Guid.NewGuid().ToString("n"));

    protected virtual int HistoryDays => 0;

    /// <summary>The database the app runs on: a temporary SQLite file unless a subclass asks for PostgreSQL.</summary>
    protected virtual TestDatabase Database => TestDatabase.Sqlite;

    private PostgreSqlTestDatabase? postgres;

    protected virtual bool SeedDemo => true;

    /// <summary>Whether the demo activity simulator runs (off: it would move points under a test).</summary>
    protected virtual bool SimulateActivity => false;

    /// <summary>Whether the scheduled daily jobs run (off unless a test is about them).</summary>
    protected virtual bool RunJobs => false;

    /// <summary>The app's clock (its <see cref="TimeProvider"/> service).</summary>
    public virtual TimeProvider Clock => TestClock.Shared;

    /// <summary>Now by the app's clock.</summary>
    public DateTimeOffset Now => Clock.GetUtcNow();

    /// <summary>
    /// Whether the sign-in and key budgets are raised far above their defaults: every request of the test server comes
    /// from one (missing) address, and a test class signs in many times. The budgets' defaults are tested on their own
    /// (<c>RateLimitTests</c>).
    /// </summary>
    protected virtual bool RelaxedRateLimits => true;

    /// <summary>
    /// Whether the app starts from a copy of the seeded demo (<see cref="SeededTemplate"/>) instead of migrating and
    /// seeding its own: on for the plain demo on SQLite (no history, the shared clock), which nearly every test class
    /// starts, so the suite migrates and seeds once per run instead of once per class. The copy is what the same code
    /// seeded in this process; the seeding itself is tested by classes that switch this off.
    /// </summary>
    protected virtual bool StartsFromSeededTemplate =>
        Database == TestDatabase.Sqlite && SeedDemo && HistoryDays == 0 && ReferenceEquals(Clock, TestClock.Shared);

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Database:DataDirectory", dataDirectory);
        if (Database == TestDatabase.Sqlite && StartsFromSeededTemplate)
        {
            // Once per factory: an app derived with WithWebHostBuilder configures again and shares the file, as before.
            var file = Path.Combine(dataDirectory, "test.db");
            if (!File.Exists(file))
            {
                Directory.CreateDirectory(dataDirectory);
                File.Copy(SeededTemplate.Path, file);
            }
        }
        if (Database == TestDatabase.PostgreSql)
        {
            // Fails the test class here, saying how to start one, when the test server is not there.
            postgres ??= new PostgreSqlTestDatabase();
            builder.UseSetting("Database:Provider", "PostgreSql");
            builder.UseSetting("Database:ConnectionString", postgres.ConnectionString);
            builder.UseSetting("Database:MigrateOnStart", "true");
            builder.UseSetting("DataProtection:KeysDirectory", Path.Combine(dataDirectory, "keys"));
        }
        else
        {
            builder.UseSetting("Database:Provider", "Sqlite");
            builder.UseSetting("Database:ConnectionString", "Data Source=test.db");
        }
        builder.UseSetting("Seed:Demo", SeedDemo ? "true" : "false");
        builder.UseSetting("Seed:DemoPassword", Password);
        builder.UseSetting("Seed:DemoHistoryDays", HistoryDays.ToString(System.Globalization.CultureInfo.InvariantCulture));
        builder.UseSetting("Banner", "false");
        // Background work that would move points under a test: opt in per test.
        builder.UseSetting("Demo:SimulateActivity", SimulateActivity ? "true" : "false");
        builder.UseSetting("Jobs:Enabled", RunJobs ? "true" : "false");
        builder.UseSetting("Logging:LogLevel:Default", "Warning");
        builder.ConfigureTestServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton(Clock);
        });

        if (RelaxedRateLimits)
        {
            builder.UseSetting("RateLimits:TokenRequestsPerMinutePerAddress", "100000");
            builder.UseSetting("RateLimits:TokenRequestsPerMinutePerAccount", "100000");
            builder.UseSetting("RateLimits:FailedSignInsPerMinutePerAddress", "100000");
            builder.UseSetting("RateLimits:FailedKeysPerMinutePerAddress", "100000");
        }
    }

    /// <summary>Runs <paramref name="action"/> against the app's database acting as <paramref name="tenantId"/> (or as nobody).</summary>
    public async Task<T> WithDbAsync<T>(Func<GamificationDbContext, Task<T>> action, Guid? tenantId = null)
    {
        ArgumentNullException.ThrowIfNull(action);
        await using var scope = Services.CreateAsyncScope();
        if (tenantId is { } id)
        {
            scope.ServiceProvider.GetRequiredService<CurrentTenant>().Set(id, null);
        }
        return await action(scope.ServiceProvider.GetRequiredService<GamificationDbContext>());
    }

    /// <summary>An open fair-play flag on <paramref name="userId"/> (12 short calls in a day), as detection would raise it.</summary>
    public async Task<long> AddFlagAsync(Guid tenantId, string userId, FarmingKind kind) =>
        await WithDbAsync(async db =>
        {
            var flag = new FarmingFlag
            {
                TenantId = tenantId,
                UserId = userId,
                Kind = kind,
                Score = 0.8,
                Evidence = "12 calls under 20 seconds in a day (usually 1).",
                DataJson = "{\"short_calls\":12,\"usual\":1}",
                WindowStart = new DateOnly(2025, 3, 1),
                WindowEnd = new DateOnly(2025, 3, 5),
                DetectedAt = Now,
                Status = FarmingFlagStatus.Open,
            };
            db.FarmingFlags.Add(flag);
            await db.SaveChangesAsync();
            return flag.Id;
        }, tenantId);

    public Task<Guid> TenantIdAsync(string name) =>
        WithDbAsync(db => db.Tenants.Where(t => t.Name == name).Select(t => t.Id).SingleAsync());

    /// <summary>The id of the user signed up with <paramref name="email"/>, in whichever tenant.</summary>
    public Task<string> UserIdAsync(string email) =>
        WithDbAsync(db => db.Users.IgnoreQueryFilters().Where(u => u.Email == email).Select(u => u.Id).SingleAsync());

    /// <summary>
    /// Deactivates the user signed up with <paramref name="email"/> straight in the database, as another instance or a
    /// script would: no request of this app sees it happen.
    /// </summary>
    public Task DeactivateAsync(string email) =>
        WithDbAsync(async db =>
        {
            var user = await db.Users.IgnoreQueryFilters().SingleAsync(u => u.Email == email);
            user.IsActive = false;
            return await db.SaveChangesAsync();
        });

    public async Task<HttpClient> ClientForAsync(string email, string password = Password)
    {
        var client = CreateClient();
        var token = await TokenAsync(client, email, password);
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token.GetProperty("access_token").GetString());
        return client;
    }

    public static async Task<JsonElement> TokenAsync(HttpClient client, string email, string password = Password)
    {
        ArgumentNullException.ThrowIfNull(client);
        var response = await client.PostAsJsonAsync("/api/v1/auth/token", new { email, password });
        response.EnsureSuccessStatusCode();
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (disposing)
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            postgres?.Dispose();
            try
            {
                Directory.Delete(dataDirectory, recursive: true);
            }
            catch (IOException)
            {
                // A file still held open on some platforms; the temp folder is cleaned by the OS.
            }
        }
    }

    /// <summary>
    /// The demo seeded once per test run on SQLite by the app itself (migrations, demo tenants, their people), copied
    /// with <c>VACUUM INTO</c> while that app runs: a consistent file that each test app then starts from.
    /// </summary>
    private static class SeededTemplate
    {
        private static readonly Lazy<string> Template = new(Create, LazyThreadSafetyMode.ExecutionAndPublication);

        public static string Path => Template.Value;

        private static string Create()
        {
            var path = System.IO.Path.Combine(System.IO.Path.GetTempPath(), "gamification-tests", $"seeded-{Guid.NewGuid():n}.db");
            Directory.CreateDirectory(System.IO.Path.GetDirectoryName(path)!);
            using (var seeder = new SeedingFactory())
            {
                seeder.WithDbAsync(db => db.Database.ExecuteSqlAsync($"VACUUM INTO {path}")).GetAwaiter().GetResult();
            }
            AppDomain.CurrentDomain.ProcessExit += (_, _) => File.Delete(path);
            return path;
        }

        private sealed class SeedingFactory : GamificationAppFactory
        {
            protected override bool StartsFromSeededTemplate => false;
        }
    }
}
