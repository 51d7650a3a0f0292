using Gamification.Web.Notifications;

using Microsoft.Extensions.Logging.Abstractions;

namespace Gamification.Tests.Components;

/// <summary>The notifier's tenant-wide subscriptions (the leaderboards): every change of their tenant, none of another.</summary>
public sealed class CircuitNotifierTests
{
    private readonly Guid tenantId = Guid.NewGuid();
    private readonly Guid otherTenantId = Guid.NewGuid();
    private readonly CircuitNotifier notifier = new(NullLogger<CircuitNotifier>.Instance);

    [Fact]
    public void A_tenant_subscriber_hears_every_user_of_its_tenant_and_no_other_tenant()
    {
        var heard = new List<string>();
        using var mine = notifier.SubscribeTenant(tenantId, n => { heard.Add(n.UserId); return Task.CompletedTask; });
        using var theirs = notifier.SubscribeTenant(otherTenantId, n => { heard.Add("other tenant: " + n.UserId); return Task.CompletedTask; });

        notifier.Publish(Notification(tenantId, "ann"));
        notifier.Publish(Notification(tenantId, "bob"));
        notifier.Publish(Notification(Guid.NewGuid(), "carl"));

        Assert.Equal(["ann", "bob"], heard);
    }

    [Fact]
    public void A_change_reaches_both_the_users_own_subscribers_and_the_tenants()
    {
        var heard = new List<string>();
        using var user = notifier.Subscribe(tenantId, "ann", n => { heard.Add("user " + n.UserId); return Task.CompletedTask; });
        using var otherUser = notifier.Subscribe(tenantId, "bob", n => { heard.Add("other user " + n.UserId); return Task.CompletedTask; });
        using var tenant = notifier.SubscribeTenant(tenantId, n => { heard.Add("tenant " + n.UserId); return Task.CompletedTask; });

        notifier.Publish(Notification(tenantId, "ann"));

        Assert.Equal(["user ann", "tenant ann"], heard);
        Assert.Equal(3, notifier.SubscriberCount);
    }

    [Fact]
    public void Disposing_a_tenant_subscription_stops_it_and_failing_tenant_subscribers_do_not_stop_the_others()
    {
        var heard = 0;
        using var failing = notifier.SubscribeTenant(tenantId, _ => throw new InvalidOperationException("page closed"));
        using var faulted = notifier.SubscribeTenant(tenantId, _ => Task.FromException(new InvalidOperationException("render failed")));
        var mine = notifier.SubscribeTenant(tenantId, _ => { heard++; return Task.CompletedTask; });

        notifier.Publish(Notification(tenantId, "ann"));
        mine.Dispose();
        mine.Dispose();
        notifier.Publish(Notification(tenantId, "ann"));

        Assert.Equal(1, heard);
        Assert.Equal(2, notifier.SubscriberCount);
    }

    [Fact]
    public async Task Tenant_subscriptions_are_safe_under_concurrent_subscribers_and_publishers()
    {
        var count = 0;
        var work = Enumerable.Range(0, 8).Select(i => Task.Run(() =>
        {
            for (var n = 0; n < 500; n++)
            {
                using var subscription = notifier.SubscribeTenant(tenantId, _ => { Interlocked.Increment(ref count); return Task.CompletedTask; });
                notifier.Publish(Notification(tenantId, $"agent-{i}"));
            }
        }));

        await Task.WhenAll(work);

        Assert.Equal(0, notifier.SubscriberCount);
        Assert.True(count >= 8 * 500, $"Each publisher reached at least its own subscriber; {count} deliveries.");
    }

    private static PointsNotification Notification(Guid tenant, string userId) =>
        new(tenant, userId, 100, 100, 10, 500, 1, 1, null, 10, "Completed call: +10");
}
