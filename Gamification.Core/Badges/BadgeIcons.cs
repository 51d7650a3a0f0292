using System.Buffers.Binary;

namespace Gamification.Core.Badges;

/// <summary>How a badge's icon is named: a built-in icon (<see cref="Tenants.StarterCatalog.BuiltInIcons"/>) or an uploaded image.</summary>
public static class BadgeIcons
{
    /// <summary>An uploaded image's icon value is this prefix and the image id ("image:12").</summary>
    public const string ImagePrefix = "image:";

    /// <summary>The largest image an admin may upload (256 KiB).</summary>
    public const int MaxImageBytes = 256 * 1024;

    /// <summary>The largest width and height of an uploaded image, in pixels (a badge shows at most a few hundred).</summary>
    public const int MaxImageSide = 1024;

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

    /// <summary>
    /// Why an image of <paramref name="contentType"/> (as <see cref="Sniff"/> found it) is refused for its size in pixels,
    /// read from its header; null when it is at most <see cref="MaxImageSide"/> on each side. A small file can describe a
    /// huge picture that every viewer would have to decode.
    /// </summary>
    public static string? SizeProblem(ReadOnlySpan<byte> image, string contentType)
    {
        if (!TryReadSize(image, contentType, out var width, out var height) || width == 0 || height == 0)
        {
            return "The image's header does not say its size; save it again as a PNG, JPEG, GIF or WebP image.";
        }
        return width > MaxImageSide || height > MaxImageSide
            ? FormattableString.Invariant($"The image is {width} × {height} pixels; a badge image is at most {MaxImageSide} × {MaxImageSide} pixels.")
            : null;
    }

    /// <summary>The width and height an image's header gives (PNG IHDR, GIF screen, WebP VP8/VP8L/VP8X, JPEG frame header).</summary>
    public static bool TryReadSize(ReadOnlySpan<byte> image, string contentType, out long width, out long height)
    {
        (width, height) = (0, 0);
        switch (contentType)
        {
            case "image/png" when image.Length >= 24 && image[12..16].SequenceEqual("IHDR"u8):
                (width, height) = (BinaryPrimitives.ReadUInt32BigEndian(image[16..]), BinaryPrimitives.ReadUInt32BigEndian(image[20..]));
                return true;
            case "image/gif" when image.Length >= 10:
                (width, height) = (BinaryPrimitives.ReadUInt16LittleEndian(image[6..]), BinaryPrimitives.ReadUInt16LittleEndian(image[8..]));
                return true;
            case "image/webp" when image.Length >= 30 && image[12..16].SequenceEqual("VP8 "u8) && image[23..26].SequenceEqual((ReadOnlySpan<byte>)[0x9D, 0x01, 0x2A]):
                (width, height) = (BinaryPrimitives.ReadUInt16LittleEndian(image[26..]) & 0x3FFF, BinaryPrimitives.ReadUInt16LittleEndian(image[28..]) & 0x3FFF);
                return true;
            case "image/webp" when image.Length >= 25 && image[12..16].SequenceEqual("VP8L"u8) && image[20] == 0x2F:
                var bits = BinaryPrimitives.ReadUInt32LittleEndian(image[21..]);
                (width, height) = ((bits & 0x3FFF) + 1, ((bits >> 14) & 0x3FFF) + 1);
                return true;
            case "image/webp" when image.Length >= 30 && image[12..16].SequenceEqual("VP8X"u8):
                (width, height) = (ReadUInt24LittleEndian(image[24..]) + 1, ReadUInt24LittleEndian(image[27..]) + 1);
                return true;
            case "image/jpeg":
                return TryReadJpegSize(image, out width, out height);
            default:
                return false;
        }
    }

    private static long ReadUInt24LittleEndian(ReadOnlySpan<byte> bytes) => bytes[0] | (bytes[1] << 8) | (bytes[2] << 16);

    /// <summary>Walks the JPEG's segments to its frame header (SOF0-SOF15 but DHT, JPG and DAC), which precedes the image data.</summary>
    private static bool TryReadJpegSize(ReadOnlySpan<byte> image, out long width, out long height)
    {
        (width, height) = (0, 0);
        var i = 2;
        while (i + 3 < image.Length)
        {
            if (image[i] != 0xFF)
            {
                return false;
            }
            var marker = image[i + 1];
            if (marker == 0xFF)
            {
                i++; // a fill byte
                continue;
            }
            if (marker is 0x01 or 0xD8 or (>= 0xD0 and <= 0xD7))
            {
                i += 2; // a marker without a segment
                continue;
            }
            if (marker is 0xD9 or 0xDA)
            {
                return false; // the end, or image data before any frame header
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(image[(i + 2)..]);
            if (marker is >= 0xC0 and <= 0xCF and not (0xC4 or 0xC8 or 0xCC))
            {
                if (i + 9 > image.Length)
                {
                    return false;
                }
                (height, width) = (BinaryPrimitives.ReadUInt16BigEndian(image[(i + 5)..]), BinaryPrimitives.ReadUInt16BigEndian(image[(i + 7)..]));
                return true;
            }
            if (length < 2)
            {
                return false;
            }
            i += 2 + length;
        }
        return false;
    }
}
