using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>An admin's manual award of a badge; the tenant is the admin's.</summary>
public sealed record BadgeAwardBody(string? UserId, string? Reason);

/// <summary>An uploaded badge image: the value to put in a badge's <c>icon</c> and where the image is served.</summary>
public sealed record BadgeImageUploaded(string Icon, string Url);

/// <summary>
/// The caller's badges (earned, and every active one with their progress) and uploaded badge images (any tenant
/// member); the admin's badge catalog editor and manual awards. The tenant always comes from the caller's identity:
/// a badge or image id of another tenant answers 404.
/// </summary>
internal static class BadgesApi
{
    private const string Base = "/api/v1/gamification";

    /// <summary>Room for the multipart boundaries and headers around an image of the largest allowed size.</summary>
    private const int MultipartOverheadBytes = 16 * 1024;

    public static IEndpointRouteBuilder MapBadgesApi(this IEndpointRouteBuilder app)
    {
        var member = app.MapGroup(Base).WithTags("Badges").RequireAuthorization(Policies.TenantMember);
        member.MapGet("/badges", ListMyBadges).WithName("ListMyBadges").WithSummary("The badges the caller earned, with earned_date and the reason.");
        member.MapGet("/badges/available", ListAvailableBadges).WithName("ListAvailableBadges")
            .WithSummary("Every active badge of the tenant with the caller's progress toward it: earned first, then locked by closeness.");
        member.MapGet("/badges/images/{id:long}", GetBadgeImage).WithName("GetBadgeImage")
            .WithSummary("An uploaded badge image (the icon image:{id}), served with its content type.");

        var admin = app.MapGroup(Base).WithTags("Badges administration").RequireAuthorization(Policies.Admin);
        admin.MapPost("/badges/{id:long}/award", AwardBadge).WithName("AwardBadge").ProducesValidationProblem()
            .WithSummary("Awards a badge by hand to a person of the tenant with a reason; the badge's points are paid with it.")
            .WithDescription("Unknown badge or user: 404; inactive badge or missing field: 400; the person already has the badge: 409.");
        admin.MapGet("/admin/badges", ListBadges).WithName("ListBadges").ProducesValidationProblem()
            .WithSummary("The tenant's badge catalog with how many people earned each.")
            .WithDescription("Filters, all optional: search (code, name or description), category (milestone, skill, behavior, performance, social), "
                + "rarity (common, uncommon, rare, epic, legendary), include_inactive (true by default).");
        admin.MapGet("/admin/badges/{id:long}", GetBadge).WithName("GetBadge").WithSummary("One badge of the tenant's catalog.");
        admin.MapPost("/admin/badges", CreateBadge).WithName("CreateBadge").WithSummary("Adds a badge to the tenant's catalog.")
            .WithDescription(BadgeBodyDescription);
        admin.MapPut("/admin/badges/{id:long}", UpdateBadge).WithName("UpdateBadge").WithSummary("Edits a badge; those who earned it keep it.")
            .WithDescription(BadgeBodyDescription);
        admin.MapPost("/admin/badges/{id:long}/deactivate", DeactivateBadge).WithName("DeactivateBadge")
            .WithSummary("Stops awarding a badge; those who earned it keep it.");
        admin.MapPost("/admin/badges/{id:long}/activate", ActivateBadge).WithName("ActivateBadge")
            .WithSummary("Awards a deactivated badge again from now on.");
        // Bearer callers hold no antiforgery token. Cookie callers are covered by the Identity cookie's SameSite=Lax
        // (a cross-site POST carries no cookie), as for the JSON endpoints.
        admin.MapPost("/admin/badges/images", UploadBadgeImage).WithName("UploadBadgeImage").ProducesValidationProblem()
            .DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: BadgeIcons.MaxImageBytes + MultipartOverheadBytes)
            .WithSummary("Uploads an image for a badge icon (multipart form field 'file'; PNG, JPEG, GIF or WebP, checked by its bytes; at most 256 KB).")
            .WithDescription("Answers {icon: \"image:12\", url}; put icon in a badge's icon field. Not an image: 400; too large: 413.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

    public static async Task<Ok<IReadOnlyList<EarnedBadge>>> ListMyBadges(ClaimsPrincipal user, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.EarnedAsync(user.GetUserId()!, ct));

    public static async Task<Ok<IReadOnlyList<BadgeProgress>>> ListAvailableBadges(ClaimsPrincipal user, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.AvailableAsync(user.GetUserId()!, ct));

    public static async Task<Results<FileContentHttpResult, NotFound>> GetBadgeImage(long id, HttpContext http, BadgeService badges, CancellationToken ct)
    {
        if (await badges.GetImageAsync(id, ct) is not { } image)
        {
            return TypedResults.NotFound();
        }
        http.Response.Headers.CacheControl = "private, max-age=86400";
        http.Response.Headers.XContentTypeOptions = "nosniff";
        return TypedResults.File(image.Content, image.ContentType);
    }

    public static async Task<Ok<BadgeAwardResult>> AwardBadge(long id, BadgeAwardBody body, ClaimsPrincipal user, BadgeService badges, CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        if (string.IsNullOrWhiteSpace(body.UserId))
        {
            errors["user_id"] = ["user_id is required."];
        }
        // The guide's body is {user_id} alone: a missing reason becomes "Awarded by <admin name>"; a blank one is refused.
        if (body.Reason is not null && Reasons.IsMissing(body.Reason))
        {
            errors["reason"] = [Reasons.ForBadge];
        }
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await badges.AwardAsync(id, body.UserId!.Trim(), body.Reason?.Trim(), user.GetUserId(), ct));
    }

    public static async Task<Ok<IReadOnlyList<BadgeView>>> ListBadges(
        BadgeService badges,
        string? search,
        string? category,
        string? rarity,
        [FromQuery(Name = "include_inactive")] string? includeInactive,
        CancellationToken ct)
    {
        var errors = new Dictionary<string, string[]>();
        var filter = new BadgeFilter(
            string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
            SnakeCaseNames.ParseQuery<BadgeCategory>(category, "category", errors),
            SnakeCaseNames.ParseQuery<BadgeRarity>(rarity, "rarity", errors),
            QueryValues.Bool(includeInactive, "include_inactive", true, errors));
        DomainException.ThrowIfInvalid(errors);
        return TypedResults.Ok(await badges.ListAsync(filter, ct));
    }

    public static async Task<Ok<BadgeView>> GetBadge(long id, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.GetAsync(id, ct));

    public static async Task<Created<BadgeView>> CreateBadge(JsonElement body, BadgeService badges, CancellationToken ct)
    {
        var created = await badges.CreateAsync(ReadBadge(body), ct);
        return TypedResults.Created($"{Base}/admin/badges/{created.Id}", created);
    }

    public static async Task<Ok<BadgeView>> UpdateBadge(long id, JsonElement body, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.UpdateAsync(id, ReadBadge(body), ct));

    public static async Task<Ok<BadgeView>> DeactivateBadge(long id, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.SetActiveAsync(id, false, ct));

    public static async Task<Ok<BadgeView>> ActivateBadge(long id, BadgeService badges, CancellationToken ct) =>
        TypedResults.Ok(await badges.SetActiveAsync(id, true, ct));

    /// <summary>
    /// Reads the multipart form itself (not bound), so a form without a file, an unfinished form and one past the size
    /// limit each get their own answer.
    /// </summary>
    public static async Task<Results<Created<BadgeImageUploaded>, ProblemHttpResult>> UploadBadgeImage(
        HttpRequest request, BadgeService badges, CancellationToken ct)
    {
        if (!request.HasFormContentType)
        {
            throw FileError("Send the image as multipart/form-data in the field 'file'.");
        }
        if (request.ContentLength > BadgeIcons.MaxImageBytes + MultipartOverheadBytes)
        {
            return TooLarge();
        }
        IFormCollection form;
        try
        {
            form = await request.ReadFormAsync(ct);
        }
        catch (InvalidDataException)
        {
            // The form reader's own limits (set with WithFormOptions) were passed.
            return TooLarge();
        }
        catch (IOException)
        {
            // A multipart body that ends before its closing boundary.
            throw FileError("The form could not be read: it ends before its closing boundary. Send the image as multipart/form-data in the field 'file'.");
        }
        if (form.Files.GetFile("file") is not { } file || file.Length == 0)
        {
            throw FileError("Attach a PNG, JPEG, GIF or WebP image in the form field 'file'.");
        }
        if (file.Length > BadgeIcons.MaxImageBytes)
        {
            return TooLarge();
        }
        await using var content = file.OpenReadStream();
        var icon = await badges.SaveImageAsync(content, ct);
        var url = BadgeIcons.TryGetImageId(icon, out var imageId) ? ImageUrl(imageId) : icon;
        return TypedResults.Created(url, new BadgeImageUploaded(icon, url));
    }

    private static DomainException FileError(string message) => DomainException.Invalid(new Dictionary<string, string[]> { ["file"] = [message] });

    private const string BadgeBodyDescription =
        "Body: {code, name, description, category: milestone|skill|behavior|performance|social, rarity: common|uncommon|rare|epic|legendary, "
        + "requirement_type (total_calls, conversions, ..., calls_before_hour, calls_after_hour, weekly_rank, manual), requirement_value, "
        + "points_reward, icon (a built-in icon name or image:{id}), is_active?}. Each wrong field answers 400 with errors per field; nothing is stored.";

    /// <summary>Where an uploaded image is served.</summary>
    public static string ImageUrl(long imageId) => string.Create(CultureInfo.InvariantCulture, $"{Base}/badges/images/{imageId}");

    private static ProblemHttpResult TooLarge() =>
        TypedResults.Problem(
            title: "The image is too large.",
            detail: string.Create(CultureInfo.InvariantCulture, $"A badge image may be at most {BadgeIcons.MaxImageBytes / 1024} KB."),
            statusCode: StatusCodes.Status413PayloadTooLarge);

    /// <summary>Reads a badge body field by field, so an unknown category, rarity or requirement type is reported against its field.</summary>
    private static BadgeInput ReadBadge(JsonElement body)
    {
        var fields = new RequestFields(body, "{\"code\": \"night_shift\", \"name\": \"Night Shift\", ...}");
        var input = new BadgeInput(
            fields.String("code"),
            fields.String("name"),
            fields.String("description"),
            fields.Enum<BadgeCategory>("category"),
            fields.Enum<BadgeRarity>("rarity"),
            fields.Enum<BadgeRequirement>("requirement_type"),
            fields.Int("requirement_value"),
            fields.Int("points_reward"),
            fields.String("icon"),
            fields.Bool("is_active"));
        fields.ThrowIfInvalid("The badge was not saved: fix the fields marked.");
        return input;
    }
}
