using System.IO.Compression;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http;

namespace AlertBot.TestSupport;

/// <summary>Handlers for <see cref="LoopbackHttpServer.Handle"/> that misbehave the way real servers do.</summary>
public static class LoopbackFaults
{
    private static readonly byte[] Chunk = CreateChunk();

    /// <summary>Answers <paramref name="status"/> with a <c>Location</c>.</summary>
    public static RequestDelegate Redirect(int status, string location) => context => Redirect(context, status, location);

    public static Task Redirect(HttpContext context, int status, string location)
    {
        context.Response.StatusCode = status;
        context.Response.Headers.Location = location;
        return Task.CompletedTask;
    }

    /// <summary>Answers <paramref name="status"/>, with <c>Retry-After</c> when given, and a body.</summary>
    public static Task Status(HttpContext context, int status, string? retryAfter, string contentType, byte[] body)
    {
        context.Response.StatusCode = status;
        if (retryAfter is not null)
        {
            context.Response.Headers.RetryAfter = retryAfter;
        }

        context.Response.ContentType = contentType;
        return context.Response.Body.WriteAsync(body, context.RequestAborted).AsTask();
    }

    /// <summary>Sends nothing, not even headers, for <paramref name="delay"/>; then the body.</summary>
    public static RequestDelegate SlowHeaders(TimeSpan delay, byte[] body) => async context =>
    {
        await Task.Delay(delay, context.RequestAborted);
        await context.Response.Body.WriteAsync(body, context.RequestAborted);
    };

    /// <summary>Starts at once, then drips the body one byte every <paramref name="perByte"/>.</summary>
    public static RequestDelegate Trickle(byte[] body, string contentType, TimeSpan perByte) => async context =>
    {
        context.Response.ContentType = contentType;
        await context.Response.StartAsync(context.RequestAborted);
        for (var i = 0; i < body.Length; i++)
        {
            await context.Response.Body.WriteAsync(body.AsMemory(i, 1), context.RequestAborted);
            await context.Response.Body.FlushAsync(context.RequestAborted);
            await Task.Delay(perByte, context.RequestAborted);
        }
    };

    /// <summary>Sends a pre-compressed body with <c>Content-Encoding: gzip</c>.</summary>
    public static RequestDelegate Gzipped(byte[] compressed, string contentType) => context =>
    {
        context.Response.ContentType = contentType;
        context.Response.Headers.ContentEncoding = "gzip";
        return context.Response.Body.WriteAsync(compressed, context.RequestAborted).AsTask();
    };

    /// <summary><paramref name="prefix"/> followed by <paramref name="megabytes"/> MB of spaces, gzip-compressed (to well under a megabyte).</summary>
    public static byte[] GzipBomb(ReadOnlySpan<byte> prefix, int megabytes)
    {
        using var output = new MemoryStream();
        using (var gzip = new GZipStream(output, CompressionLevel.SmallestSize, leaveOpen: true))
        {
            gzip.Write(prefix);
            var spaces = new byte[1024 * 1024];
            spaces.AsSpan().Fill((byte)' ');
            for (var i = 0; i < megabytes; i++)
            {
                gzip.Write(spaces);
            }
        }

        return output.ToArray();
    }

    /// <summary>Streams <paramref name="prefix"/> then up to <see cref="EndlessStream.Total"/> bytes, noting how far it got before the client hung up.</summary>
    public sealed class EndlessStream(long total, byte[] prefix, string contentType, bool declareLength)
    {
        private long _written;

        public long Total { get; } = total;

        /// <summary>Bytes written after the prefix.</summary>
        public long BytesWritten => Interlocked.Read(ref _written);

        /// <summary>Completed when the response ended, whole or cut off by the client.</summary>
        public TaskCompletionSource Finished { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public async Task HandleAsync(HttpContext context)
        {
            context.Response.ContentType = contentType;
            if (declareLength)
            {
                context.Response.ContentLength = Total;
            }

            try
            {
                await context.Response.Body.WriteAsync(prefix, context.RequestAborted);
                // Kestrel completes writes after an abort synchronously and without error, so the loop yields (letting
                // the abort notification run) and checks for the hang-up itself.
                while (BytesWritten < Total && !context.RequestAborted.IsCancellationRequested)
                {
                    await context.Response.Body.WriteAsync(Chunk, context.RequestAborted);
                    Interlocked.Add(ref _written, Chunk.Length);
                    await Task.Yield();
                }
            }
            catch (Exception ex) when (ex is OperationCanceledException or IOException or ConnectionAbortedException)
            {
                // The client hung up at its cap: that is the expected end.
            }
            finally
            {
                Finished.TrySetResult();
            }
        }
    }

    /// <summary>Holds each request for <see cref="Hold"/> and notes the most requests in flight at once.</summary>
    public sealed class ConcurrencyProbe(TimeSpan hold, Func<HttpContext, Task> respond)
    {
        private int _inFlight;
        private int _max;

        public TimeSpan Hold { get; } = hold;

        public int MaxInFlight => Volatile.Read(ref _max);

        public async Task HandleAsync(HttpContext context)
        {
            var now = Interlocked.Increment(ref _inFlight);
            int seen;
            while (now > (seen = Volatile.Read(ref _max)) && Interlocked.CompareExchange(ref _max, now, seen) != seen)
            {
            }

            try
            {
                await Task.Delay(Hold, context.RequestAborted);
            }
            finally
            {
                Interlocked.Decrement(ref _inFlight);
            }

            await respond(context);
        }
    }

    private static byte[] CreateChunk()
    {
        var chunk = new byte[64 * 1024];
        chunk.AsSpan().Fill((byte)'a');
        return chunk;
    }
}
