using System.Security.Cryptography;

namespace Gamification.Core.Rewards;

/// <summary>The rewards rules (RULES.md, Rewards and redemption): what a valid reward is, codes, limits.</summary>
public static class RewardRules
{
    public const int MaxQuantity = 20;
    public const int MaxPointsCost = 1_000_000;
    public const int MaxStock = 1_000_000;
    public const int MaxCodeValidityDays = 365;
    public const int MaxReasonLength = 500;
    public const int MaxNameLength = 100;
    public const int MaxDescriptionLength = 1000;
    public const int MaxRedemptionDetailsLength = 1000;

    // Crockford's base32 without I, L, O, U: nothing to misread when a code is typed from a screen.
    private const string CodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

    /// <summary>
    /// A new redemption code from a cryptographic random source: "RWD-" and 15 characters of 32 (75 bits) in three
    /// groups, e.g. RWD-7K3MQ-9TX4H-PA2ZC. Unguessable, and unique (a unique index backs it; a clash retries).
    /// </summary>
    public static string NewCode()
    {
        Span<char> chars = stackalloc char[15];
        for (var i = 0; i < chars.Length; i++)
        {
            chars[i] = CodeAlphabet[RandomNumberGenerator.GetInt32(CodeAlphabet.Length)];
        }
        return $"RWD-{chars[..5]}-{chars[5..10]}-{chars[10..]}";
    }

    /// <summary>The redemption details with the code filled in ("{code}" in the template), or the code alone when there are none.</summary>
    public static string Details(string? template, string code) =>
        string.IsNullOrWhiteSpace(template) ? code : template.Replace("{code}", code, StringComparison.OrdinalIgnoreCase);

    /// <summary>The shop marks at most this many rewards as trending (docs/rules.md, Trending rewards).</summary>
    public const int TrendingCount = 3;

    /// <summary>Trending counts the redemptions of the last this many tenant-local days, today included.</summary>
    public const int TrendingDays = 14;

    /// <summary>The first local day of the trending window that ends on <paramref name="today"/> (13 days before it).</summary>
    public static DateOnly TrendingWindowStart(DateOnly today) => today.AddDays(1 - TrendingDays);

    /// <summary>
    /// The trending rewards (docs/rules.md, Trending rewards): of the rewards with at least one counted redemption in
    /// the window, the <see cref="TrendingCount"/> with the most; equal counts go to the one redeemed most recently
    /// (the highest redemption id). The caller counts only what is in the shop (active rewards) and not rejected.
    /// </summary>
    public static IReadOnlySet<long> Trending(IEnumerable<(long RewardId, int Redemptions, long LatestRedemptionId)> counts)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return counts.Where(c => c.Redemptions > 0)
            .OrderByDescending(c => c.Redemptions).ThenByDescending(c => c.LatestRedemptionId)
            .Take(TrendingCount).Select(c => c.RewardId).ToHashSet();
    }

    /// <summary>The first local day of the per-agent limit's window containing <paramref name="today"/> (null: ever).</summary>
    public static DateOnly? LimitWindowStart(RewardLimitPeriod period, DateOnly today) => period switch
    {
        RewardLimitPeriod.Week => TenantClock.WeekStart(today),
        RewardLimitPeriod.Month => TenantClock.MonthStart(today),
        _ => null,
    };

    /// <summary>A per-agent limit's period in words ("per week"), in the reader's language (the current UI culture).</summary>
    public static string Describe(RewardLimitPeriod period) => Describe(period, CultureInfo.CurrentUICulture);

    /// <summary>A per-agent limit's period in words in <paramref name="culture"/>'s language (English for the invariant culture).</summary>
    public static string Describe(RewardLimitPeriod period, CultureInfo culture) => CoreText.Get(period switch
    {
        RewardLimitPeriod.Week => "Reward.LimitPeriod.Week",
        RewardLimitPeriod.Month => "Reward.LimitPeriod.Month",
        _ => "Reward.LimitPeriod.Total",
    }, Languages.TextCulture(culture));

    public const int MaxImageUrlLength = 300;

    /// <summary>
    /// A reward image the shop may show (as stored: trimmed): an https:// link or a path on this site
    /// (<see cref="WebLinks"/>). Rewards saved before this rule may hold others; the shop shows them without an image.
    /// </summary>
    public static bool IsImageUrl(string? url) =>
        url?.Trim() is { Length: > 0 and <= MaxImageUrlLength } link && (WebLinks.IsHttpsUrl(link) || WebLinks.IsLocalPath(link));

    /// <summary>Checks an admin's reward; every bad field is reported at once (400, nothing stored).</summary>
    /// <exception cref="DomainException">One or more fields are invalid.</exception>
    public static void Validate(RewardInput input)
    {
        ArgumentNullException.ThrowIfNull(input);
        var errors = new Dictionary<string, string[]>();
        void Add(string field, string message) => errors[field] = [message];
        if (string.IsNullOrWhiteSpace(input.Name))
        {
            Add("name", "Give the reward a name.");
        }
        else if (input.Name.Trim().Length > MaxNameLength)
        {
            Add("name", $"The name is longer than {MaxNameLength} characters.");
        }
        else if (!TextRules.IsCleanName(input.Name.Trim()))
        {
            Add("name", TextRules.NameMessage);
        }
        if (input.Description?.Length > MaxDescriptionLength)
        {
            Add("description", $"The description is longer than {MaxDescriptionLength:N0} characters.");
        }
        else if (input.Description is { } description && !TextRules.IsCleanText(description))
        {
            Add("description", TextRules.TextMessage);
        }
        if (!string.IsNullOrWhiteSpace(input.ImageUrl) && !IsImageUrl(input.ImageUrl))
        {
            Add("image_url", $"The image is a link starting with https:// or a path on this site starting with a single /, at most {MaxImageUrlLength} characters.");
        }
        if (!Enum.IsDefined(input.Category))
        {
            Add("category", "The category is discount, digital, experience or physical.");
        }
        if (input.PointsCost is < 1 or > MaxPointsCost)
        {
            Add("points_cost", $"The cost is between 1 and {MaxPointsCost:N0} points.");
        }
        if (input.Stock is < -1 or > MaxStock)
        {
            Add("stock", $"The stock is between 0 and {MaxStock:N0}, or -1 for unlimited.");
        }
        if (input.CodeValidityDays is < 1 or > MaxCodeValidityDays)
        {
            Add("code_validity_days", $"Codes are valid for 1 to {MaxCodeValidityDays} days.");
        }
        if (input.RedemptionDetails?.Length > MaxRedemptionDetailsLength)
        {
            Add("redemption_details", $"The redemption details are longer than {MaxRedemptionDetailsLength:N0} characters.");
        }
        else if (input.RedemptionDetails is { } details && !TextRules.IsCleanText(details))
        {
            Add("redemption_details", TextRules.TextMessage);
        }
        if (input.PerAgentLimit is < 1 or > 1000)
        {
            Add("per_agent_limit", "The limit per agent is between 1 and 1,000, or empty for no limit.");
        }
        if (!Enum.IsDefined(input.LimitPeriod))
        {
            Add("limit_period", "The limit's period is ever, month or week.");
        }
        if (errors.Count > 0)
        {
            throw new DomainException(DomainErrorKind.Validation,
                errors.Count == 1 ? errors.First().Value[0] : "Some fields need a look.", errors);
        }
    }

    /// <summary>Checks a quantity asked for (400 with the field).</summary>
    public static void ValidateQuantity(int quantity)
    {
        if (quantity is < 1 or > MaxQuantity)
        {
            throw DomainException.Invalid("quantity", $"The quantity is between 1 and {MaxQuantity}.");
        }
    }

    /// <summary>Checks an admin's reason (rejections, stock adjustments).</summary>
    public static string ValidateReason(string? reason, string what) => Reasons.Require(reason, Reasons.For(what), MaxReasonLength);
}
