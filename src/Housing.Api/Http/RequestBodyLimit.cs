using Microsoft.AspNetCore.Http.Features;

namespace Housing.Api.Http;

/// <summary>
/// Rejects bodies over the documented limit with 413, whether the client sent a
/// Content-Length or streamed chunks, and on every server (the test host included). An HMIS
/// export's upload has its own, larger limit.
/// </summary>
public sealed class RequestBodyLimit(RequestDelegate next, long bodyBytes, long importBytes)
{
    /// <summary>Where an HMIS export is uploaded: the API and the console's import page.</summary>
    public static readonly PathString[] ImportPaths = ["/v1/imports", "/admin/import"];

    public Task InvokeAsync(HttpContext context)
    {
        var maxBytes = ImportPaths.Any(p => context.Request.Path.StartsWithSegments(p, StringComparison.OrdinalIgnoreCase)) ? importBytes : bodyBytes;
        if (context.Request.ContentLength > maxBytes)
            throw new BadHttpRequestException(Say.Format(ProblemText.Problem_BodyTooLarge_Detail, maxBytes), StatusCodes.Status413PayloadTooLarge);

        if (context.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } feature)
            feature.MaxRequestBodySize = maxBytes;
        if (context.Request.ContentLength is null && context.Request.Body.CanRead)
            context.Request.Body = new LimitedReadStream(context.Request.Body, maxBytes);
        return next(context);
    }

    private sealed class LimitedReadStream(Stream inner, long maxBytes) : Stream
    {
        private long _read;

        public override bool CanRead => true;
        public override bool CanSeek => false;
        public override bool CanWrite => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => _read; set => throw new NotSupportedException(); }

        public override int Read(byte[] buffer, int offset, int count) => Count(inner.Read(buffer, offset, count));

        public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            Count(await inner.ReadAsync(buffer, cancellationToken));

        public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
            ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

        private int Count(int read)
        {
            _read += read;
            if (_read > maxBytes)
                throw new BadHttpRequestException(Say.Format(ProblemText.Problem_BodyTooLarge_Detail, maxBytes), StatusCodes.Status413PayloadTooLarge);
            return read;
        }

        public override void Flush() { }
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
