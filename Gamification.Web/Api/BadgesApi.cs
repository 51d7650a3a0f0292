using System.Globalization;
using System.Security.Claims;
using System.Text.Json;

using Gamification.Core;
using Gamification.Core.Badges;
using Gamification.Core.Users;
using Gamification.Web.Auth;

using Microsoft.AspNetCore.Http.HttpResults;
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

        member.MapGet("/badges", async Task<Ok<IReadOnlyList<EarnedBadge>>> (ClaimsPrincipal user, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.EarnedAsync(user.GetUserId()!, ct)))
            .WithName("ListMyBadges")
            .WithSummary("The badges the caller earned, with earned_date and the reason.");

        member.MapGet("/badges/available", async Task<Ok<IReadOnlyList<BadgeProgress>>> (ClaimsPrincipal user, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.AvailableAsync(user.GetUserId()!, ct)))
            .WithName("ListAvailableBadges")
            .WithSummary("Every active badge of the tenant with the caller's progress toward it: earned first, then locked by closeness.");

        member.MapGet("/badges/images/{id:long}", async Task<Results<FileContentHttpResult, NotFound>> (
                long id, HttpContext http, BadgeService badges, CancellationToken ct) =>
            {
                if (await badges.GetImageAsync(id, ct) is not { } image)
                {
                    return TypedResults.NotFound();
                }
                http.Response.Headers.CacheControl = "private, max-age=86400";
                http.Response.Headers.XContentTypeOptions = "nosniff";
                return TypedResults.File(image.Content, image.ContentType);
            })
            .WithName("GetBadgeImage")
            .WithSummary("An uploaded badge image (the icon image:{id}), served with its content type.");

        var admin = app.MapGroup(Base).WithTags("Badges administration").RequireAuthorization(Policies.Admin);

        admin.MapPost("/badges/{id:long}/award", async Task<Results<Ok<BadgeAwardResult>, ValidationProblem>> (
                long id, BadgeAwardBody body, ClaimsPrincipal user, BadgeService badges, CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                if (string.IsNullOrWhiteSpace(body.UserId))
                {
                    errors["user_id"] = ["user_id is required."];
                }
                if (string.IsNullOrWhiteSpace(body.Reason))
                {
                    errors["reason"] = ["Give a reason; the agent sees it with the badge."];
                }
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                return TypedResults.Ok(await badges.AwardAsync(id, body.UserId!.Trim(), body.Reason!.Trim(), user.GetUserId(), ct));
            })
            .WithName("AwardBadge")
            .WithSummary("Awards a badge by hand to a person of the tenant with a reason; the badge's points are paid with it.")
            .WithDescription("Unknown badge or user: 404; inactive badge or missing field: 400; the person already has the badge: 409.");

        admin.MapGet("/admin/badges", async Task<Results<Ok<IReadOnlyList<BadgeView>>, ValidationProblem>> (
                BadgeService badges,
                string? search,
                string? category,
                string? rarity,
                [FromQuery(Name = "include_inactive")] string? includeInactive,
                CancellationToken ct) =>
            {
                var errors = new Dictionary<string, string[]>();
                var filter = new BadgeFilter(
                    string.IsNullOrWhiteSpace(search) ? null : search.Trim(),
                    SnakeCaseNames<BadgeCategory>.ParseQuery(category, "category", errors),
                    SnakeCaseNames<BadgeRarity>.ParseQuery(rarity, "rarity", errors),
                    RequestFields.ParseBool(includeInactive, "include_inactive", true, errors));
                if (errors.Count > 0)
                {
                    return TypedResults.ValidationProblem(errors);
                }
                return TypedResults.Ok(await badges.ListAsync(filter, ct));
            })
            .WithName("ListBadges")
            .WithSummary("The tenant's badge catalog with how many people earned each.")
            .WithDescription("Filters, all optional: search (code, name or description), category (milestone, skill, behavior, performance, social), "
                + "rarity (common, uncommon, rare, epic, legendary), include_inactive (true by default).");

        admin.MapGet("/admin/badges/{id:long}", async Task<Ok<BadgeView>> (long id, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.GetAsync(id, ct)))
            .WithName("GetBadge")
            .WithSummary("One badge of the tenant's catalog.");

        admin.MapPost("/admin/badges", async Task<Created<BadgeView>> (JsonElement body, BadgeService badges, CancellationToken ct) =>
            {
                var created = await badges.CreateAsync(ReadBadge(body), ct);
                return TypedResults.Created($"{Base}/admin/badges/{created.Id}", created);
            })
            .WithName("CreateBadge")
            .WithSummary("Adds a badge to the tenant's catalog.")
            .WithDescription(BadgeBodyDescription);

        admin.MapPut("/admin/badges/{id:long}", async Task<Ok<BadgeView>> (long id, JsonElement body, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.UpdateAsync(id, ReadBadge(body), ct)))
            .WithName("UpdateBadge")
            .WithSummary("Edits a badge; those who earned it keep it.")
            .WithDescription(BadgeBodyDescription);

        admin.MapPost("/admin/badges/{id:long}/deactivate", async Task<Ok<BadgeView>> (long id, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.SetActiveAsync(id, false, ct)))
            .WithName("DeactivateBadge")
            .WithSummary("Stops awarding a badge; those who earned it keep it.");

        admin.MapPost("/admin/badges/{id:long}/activate", async Task<Ok<BadgeView>> (long id, BadgeService badges, CancellationToken ct) =>
                TypedResults.Ok(await badges.SetActiveAsync(id, true, ct)))
            .WithName("ActivateBadge")
            .WithSummary("Awards a deactivated badge again from now on.");

        // Bearer callers hold no antiforgery token. Cookie callers are covered by the Identity cookie's SameSite=Lax
        // (a cross-site POST carries no cookie), as for the JSON endpoints.
        admin.MapPost("/admin/badges/images", async Task<Results<Created<BadgeImageUploaded>, ValidationProblem, ProblemHttpResult>> (
                HttpRequest request, BadgeService badges, CancellationToken ct) =>
            {
                if (!request.HasFormContentType)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["file"] = ["Send the image as multipart/form-data in the field 'file'."],
                    });
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
                    // The form reader's own limits (set below with WithFormOptions) were passed.
                    return TooLarge();
                }
                catch (IOException)
                {
                    // A multipart body that ends before its closing boundary.
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["file"] = ["The form could not be read: it ends before its closing boundary. Send the image as multipart/form-data in the field 'file'."],
                    });
                }
                if (form.Files.GetFile("file") is not { } file || file.Length == 0)
                {
                    return TypedResults.ValidationProblem(new Dictionary<string, string[]>
                    {
                        ["file"] = ["Attach a PNG, JPEG, GIF or WebP image in the form field 'file'."],
                    });
                }
                if (file.Length > BadgeIcons.MaxImageBytes)
                {
                    return TooLarge();
                }
                await using var content = file.OpenReadStream();
                var icon = await badges.SaveImageAsync(content, ct);
                var url = BadgeIcons.TryGetImageId(icon, out var imageId) ? ImageUrl(imageId) : icon;
                return TypedResults.Created(url, new BadgeImageUploaded(icon, url));
            })
            .DisableAntiforgery()
            .WithFormOptions(multipartBodyLengthLimit: BadgeIcons.MaxImageBytes + MultipartOverheadBytes)
            .WithName("UploadBadgeImage")
            .WithSummary("Uploads an image for a badge icon (multipart form field 'file'; PNG, JPEG, GIF or WebP, checked by its bytes; at most 256 KB).")
            .WithDescription("Answers {icon: \"image:12\", url}; put icon in a badge's icon field. Not an image: 400; too large: 413.")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge);
        return app;
    }

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

/// <summary>The snake_case names of an enum as the API writes them ("calls_before_hour"), for reading them back.</summary>
internal static class SnakeCaseNames<T>
    where T : struct, Enum
{
    private static readonly Dictionary<string, T> ByName =
        Enum.GetValues<T>().ToDictionary(v => JsonNamingPolicy.SnakeCaseLower.ConvertName(v.ToString()), StringComparer.OrdinalIgnoreCase);

    public static string Known => string.Join(", ", ByName.Keys);

    public static bool TryParse(string? text, out T value)
    {
        value = default;
        return text is not null && ByName.TryGetValue(text.Trim(), out value);
    }

    /// <summary>An optional query value: null when absent; an error naming <paramref name="field"/> when unknown.</summary>
    public static T? ParseQuery(string? text, string field, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return null;
        }
        if (TryParse(text, out var value))
        {
            return value;
        }
        errors[field] = [$"Unknown {field} '{text}'; use one of {Known}."];
        return null;
    }
}

/// <summary>
/// Reads a JSON object body field by field, so a wrong type or an unknown enum name is reported against its field
/// (as a 400 validation problem) rather than as unreadable JSON. An absent or null field reads as null; unknown
/// fields are ignored (a body read back from GET, with id and counts, can be sent again).
/// </summary>
internal sealed class RequestFields
{
    private readonly JsonElement body;

    public RequestFields(JsonElement body, string example)
    {
        this.body = body;
        if (body.ValueKind != JsonValueKind.Object)
        {
            Errors["body"] = [$"Send a JSON object, such as {example}."];
        }
    }

    public Dictionary<string, string[]> Errors { get; } = [];

    public string? String(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String)
        {
            return value.GetString();
        }
        Errors[name] = ["Must be a string."];
        return null;
    }

    public int? Int(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out var number))
        {
            return number;
        }
        Errors[name] = ["Must be a whole number."];
        return null;
    }

    public long? Long(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.Number && value.TryGetInt64(out var number))
        {
            return number;
        }
        Errors[name] = ["Must be a whole number."];
        return null;
    }

    public bool? Bool(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind is JsonValueKind.True or JsonValueKind.False)
        {
            return value.GetBoolean();
        }
        Errors[name] = ["Must be true or false."];
        return null;
    }

    public T? Enum<T>(string name)
        where T : struct, Enum
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String && SnakeCaseNames<T>.TryParse(value.GetString(), out var parsed))
        {
            return parsed;
        }
        Errors[name] = [$"Unknown {name} '{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}'; use one of {SnakeCaseNames<T>.Known}."];
        return null;
    }

    /// <summary>A calendar day written yyyy-MM-dd.</summary>
    public DateOnly? Day(string name)
    {
        if (!TryGet(name, out var value))
        {
            return null;
        }
        if (value.ValueKind == JsonValueKind.String
            && DateOnly.TryParseExact(value.GetString()!.Trim(), "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
        {
            return day;
        }
        Errors[name] = [$"'{(value.ValueKind == JsonValueKind.String ? value.GetString() : value.GetRawText())}' is not a date in the form yyyy-MM-dd."];
        return null;
    }

    /// <exception cref="DomainException">Validation (400) with the errors per field, when any field was wrong.</exception>
    public void ThrowIfInvalid(string message)
    {
        if (Errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation, message, Errors);
        }
    }

    /// <summary>An optional true/false query value.</summary>
    public static bool ParseBool(string? text, string field, bool fallback, Dictionary<string, string[]> errors)
    {
        if (string.IsNullOrWhiteSpace(text))
        {
            return fallback;
        }
        if (bool.TryParse(text.Trim(), out var value))
        {
            return value;
        }
        errors[field] = [$"'{text}' is not true or false."];
        return fallback;
    }

    private bool TryGet(string name, out JsonElement value)
    {
        value = default;
        return body.ValueKind == JsonValueKind.Object && body.TryGetProperty(name, out value) && value.ValueKind != JsonValueKind.Null;
    }
}
