using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.AspNetCore.Mvc;

namespace Gamification.Web.Api;

/// <summary>An endpoint's own limit for its request body, when it differs from <see cref="ApiRequestBodies.DefaultLimitBytes"/>.</summary>
public sealed record RequestBodyLimit(long Bytes);

/// <summary>
/// What every API request body goes through before its endpoint reads it:
/// <list type="bullet">
/// <item>a size limit (1 MB unless the endpoint declares <see cref="RequestBodyLimit"/>): a larger Content-Length is
/// answered 413 at once, and a body sent without one (chunked) is cut off at the limit, under Kestrel and TestServer alike
/// (Kestrel's own MaxRequestBodySize is left at its default: it refuses a chunked body of exactly the limit);</item>
/// <item>readable text in a JSON body the endpoint binds (a record or a <see cref="JsonElement"/>): System.Text.Json parses a
/// lone surrogate (<c>"\ud800"</c>) or bytes that are not UTF-8 and fails later, when the text is read, with an error that
/// does not say so (a 500 from a <see cref="JsonElement"/>, "malformed JSON" from a record). Such text is refused here with
/// 400 naming the field (<c>name</c>, <c>days_off[1]</c>). Event ingestion reads its body itself and refuses such an event
/// on its own (in a batch, only that item).</item>
/// </list>
/// </summary>
internal static class ApiRequestBodies
{
    public const long DefaultLimitBytes = 1024 * 1024;

    /// <summary>Declares the largest body the endpoint accepts.</summary>
    public static TBuilder WithBodyLimit<TBuilder>(this TBuilder builder, long bytes)
        where TBuilder : IEndpointConventionBuilder =>
        builder.WithMetadata(new RequestBodyLimit(bytes));

    public static IApplicationBuilder UseApiRequestBodies(this IApplicationBuilder app) =>
        app.UseWhen(c => c.Request.Path.StartsWithSegments("/api"), api => api.Use(GuardAsync));

    private static async Task GuardAsync(HttpContext context, RequestDelegate next)
    {
        var request = context.Request;
        var limit = context.GetEndpoint()?.Metadata.GetMetadata<RequestBodyLimit>()?.Bytes ?? DefaultLimitBytes;
        if (request.ContentLength > limit)
        {
            await TooLargeAsync(context, limit);
            return;
        }
        if (request.HasJsonContentType() && !HasKnownCharset(request))
        {
            await WriteAsync(context, new ProblemDetails
            {
                Status = StatusCodes.Status415UnsupportedMediaType,
                Title = "Unsupported media type.",
                Detail = "Send JSON as UTF-8 (Content-Type: application/json; charset=utf-8).",
            });
            return;
        }
        if (!request.HasJsonContentType())
        {
            request.Body = new LimitedReadStream(request.Body, limit, TooLargeMessage(limit));
            await next(context);
            return;
        }

        var body = await ReadAsync(request.Body, limit, context.RequestAborted);
        if (body is null)
        {
            await TooLargeAsync(context, limit);
            return;
        }
        if (BindsJson(context) && JsonText.FindUnreadable(body) is { } field)
        {
            await WriteAsync(context, new HttpValidationProblemDetails(new Dictionary<string, string[]> { [field] = [JsonText.Unreadable(field)] })
            {
                Status = StatusCodes.Status400BadRequest,
                Title = "One or more validation errors occurred.",
                Detail = "The request was not read: fix the field marked.",
            });
            return;
        }
        request.Body = new MemoryStream(body, writable: false);
        await next(context);
    }

    /// <summary>Whether the Content-Type names no charset or one .NET can read (the JSON binder fails on an unknown one).</summary>
    private static bool HasKnownCharset(HttpRequest request) =>
        !Microsoft.Net.Http.Headers.MediaTypeHeaderValue.TryParse(request.ContentType, out var type)
        || type.Charset.Length == 0
        || type.Encoding is not null;

    /// <summary>Whether the endpoint binds its JSON body (a record or a <see cref="JsonElement"/>) rather than reading the request itself.</summary>
    private static bool BindsJson(HttpContext context) =>
        context.GetEndpoint()?.Metadata.GetMetadata<IAcceptsMetadata>() is { RequestType: not null };

    /// <summary>The whole body, or null when it is longer than <paramref name="limit"/>.</summary>
    private static async Task<byte[]?> ReadAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    private static Task TooLargeAsync(HttpContext context, long limit) =>
        WriteAsync(context, new ProblemDetails
        {
            Status = StatusCodes.Status413PayloadTooLarge,
            Title = "The request body is too large.",
            Detail = TooLargeMessage(limit),
        });

    private static string TooLargeMessage(long limit) => string.Create(CultureInfo.InvariantCulture,
        $"A request body here is limited to {(limit % (1024 * 1024) == 0 ? $"{limit / (1024 * 1024)} MB" : $"{limit / 1024} KB")}.");

    private static async Task WriteAsync(HttpContext context, ProblemDetails problem)
    {
        context.Response.StatusCode = problem.Status!.Value;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    /// <summary>A request body that fails with 413 once more than its limit was read (TestServer does not enforce one).</summary>
    private sealed class LimitedReadStream(Stream inner, long limit, string message) : Stream
    {
        private long total;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => total; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override int Read(Span<byte> buffer) => Count(inner.Read(buffer));

        public override async Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            Count(await inner.ReadAsync(buffer.AsMemory(offset, count), cancellationToken));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        private int Count(int read)
        {
            total += read;
            return total > limit ? throw new BadHttpRequestException(message, StatusCodes.Status413PayloadTooLarge) : read;
        }

        public override void Flush()
        {
        }

        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();

        public override void SetLength(long value) => throw new NotSupportedException();

        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
