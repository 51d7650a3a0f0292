namespace Gamification.Tests.Support;

/// <summary>A request body sent without a Content-Length (chunked): the server learns its size only by reading it.</summary>
public sealed class ChunkedContent : HttpContent
{
    private readonly byte[] bytes;

    public ChunkedContent(byte[] bytes, string mediaType = "application/json")
    {
        this.bytes = bytes;
        Headers.ContentType = MediaTypeHeaderValue.Parse(mediaType);
    }

    protected override async Task SerializeToStreamAsync(Stream stream, TransportContext? context)
    {
        // In pieces, as a client streaming a body would.
        for (var offset = 0; offset < bytes.Length; offset += 64 * 1024)
        {
            await stream.WriteAsync(bytes.AsMemory(offset, Math.Min(64 * 1024, bytes.Length - offset)));
        }
    }

    protected override bool TryComputeLength(out long length)
    {
        length = 0;
        return false;
    }
}
