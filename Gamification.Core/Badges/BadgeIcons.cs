namespace Gamification.Core.Badges;

/// <summary>How a badge's icon is named: a built-in icon (<see cref="Tenants.StarterCatalog.BuiltInIcons"/>) or an uploaded image.</summary>
public static class BadgeIcons
{
    /// <summary>An uploaded image's icon value is this prefix and the image id ("image:12").</summary>
    public const string ImagePrefix = "image:";

    /// <summary>The largest image an admin may upload (256 KiB).</summary>
    public const int MaxImageBytes = 256 * 1024;

    /// <summary>Image types accepted for upload (checked by their first bytes, not by the name or header sent).</summary>
    public static readonly IReadOnlyList<string> ImageContentTypes = ["image/png", "image/jpeg", "image/gif", "image/webp"];

    public static string ForImage(long imageId) => FormattableString.Invariant($"{ImagePrefix}{imageId}");

    public static bool TryGetImageId(string? icon, out long imageId)
    {
        imageId = 0;
        return icon is not null && icon.StartsWith(ImagePrefix, StringComparison.Ordinal)
            && long.TryParse(icon.AsSpan(ImagePrefix.Length), System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out imageId)
            && imageId > 0;
    }

    /// <summary>The content type of an image by its first bytes, or null when it is none of <see cref="ImageContentTypes"/>.</summary>
    public static string? Sniff(ReadOnlySpan<byte> head)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]))
        {
            return "image/png";
        }
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]))
        {
            return "image/jpeg";
        }
        if (head.StartsWith("GIF87a"u8) || head.StartsWith("GIF89a"u8))
        {
            return "image/gif";
        }
        if (head.Length >= 12 && head[..4].SequenceEqual("RIFF"u8) && head[8..12].SequenceEqual("WEBP"u8))
        {
            return "image/webp";
        }
        return null;
    }
}
