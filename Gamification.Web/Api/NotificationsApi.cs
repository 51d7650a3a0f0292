namespace Gamification.Web.Api;

/// <summary>What marking every notice read did: how many were unread, and what is unread now (0).</summary>
public sealed record NotificationsReadAll(int Marked, int UnreadCount);

/// <summary>
/// The caller's in-app inbox (docs/rules.md, Reminders and celebrations): streak reminders and decay notices, newest
/// first, and marking them read. Only the caller's own notices, in the caller's tenant: any other id answers 404.
/// </summary>
internal static class NotificationsApi
{
    public static IEndpointRouteBuilder MapNotificationsApi(this IEndpointRouteBuilder app)
    {
        var me = app.MapGroup("/api/v1/gamification/me/notifications").WithTags("Notifications").RequireAuthorization(Policies.TenantMember);
        me.MapGet("", ListMyNotifications).WithName("ListMyNotifications").ProducesValidationProblem()
            .WithSummary("The caller's notices (streak reminders, decay notices), newest first, and how many are unread.")
            .WithDescription($"limit: how many to list, 1-{NotificationRules.MaxListed} (default {NotificationRules.DefaultListed}); "
                + "unread_count counts all the caller's unread notices.");
        me.MapPost("/{id:long}/read", MarkNotificationRead).WithName("MarkNotificationRead").ProducesProblem(StatusCodes.Status404NotFound)
            .WithSummary("Marks one of the caller's notices read (again: it keeps the first time); 404 for anyone else's.");
        me.MapPost("/read-all", MarkAllNotificationsRead).WithName("MarkAllNotificationsRead")
            .WithSummary("Marks every unread notice of the caller read.");
        return app;
    }

    public static async Task<Ok<NotificationInbox>> ListMyNotifications(ClaimsPrincipal user, NotificationService notifications, string? limit, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var count = QueryValues.Int(limit, "limit", errors, min: 1) ?? NotificationRules.DefaultListed;
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await notifications.ListAsync(user.GetUserId()!, count, ct));
    }

    public static async Task<Ok<NotificationView>> MarkNotificationRead(long id, ClaimsPrincipal user, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(await notifications.MarkReadAsync(user.GetUserId()!, id, ct));

    public static async Task<Ok<NotificationsReadAll>> MarkAllNotificationsRead(ClaimsPrincipal user, NotificationService notifications, CancellationToken ct) =>
        TypedResults.Ok(new NotificationsReadAll(await notifications.MarkAllReadAsync(user.GetUserId()!, ct), 0));
}
