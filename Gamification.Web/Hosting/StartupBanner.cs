using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace Gamification.Web.Hosting;

/// <summary>Prints where the app listens and how to sign in, once it has started (the one place the app writes to the console).</summary>
internal sealed class StartupBanner(IHostApplicationLifetime lifetime, IServer server, IOptions<SeedOptions> seed, IConfiguration configuration)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(Print);
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private void Print()
    {
        if (!configuration.GetValue("Banner", true))
        {
            return;
        }
        var addresses = server.Features.Get<IServerAddressesFeature>()?.Addresses ?? [];
        var lines = new List<string> { "", "=== Gamification platform is running ===" };
        lines.AddRange(addresses.Select(a => $"  Open: {a}"));
        if (seed.Value.Demo)
        {
            lines.Add($"  Demo sign-ins (password: {seed.Value.DemoPassword}):");
            lines.AddRange(DemoSeeder.DemoAccounts.Select(a => $"    {a.Email,-45} {a.Role,-11} {a.Tenant}"));
        }
        else if (!string.IsNullOrEmpty(seed.Value.OperatorEmail))
        {
            lines.Add($"  Operator sign-in: {seed.Value.OperatorEmail} (password from Seed:OperatorPassword)");
        }
        lines.Add("");
        Console.WriteLine(string.Join(Environment.NewLine, lines));
    }
}
