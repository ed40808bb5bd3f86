package sadtalker.server;

import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Serves one published MP4 as a browser's {@code <video>} element needs it: {@code Content-Length},
 * {@code Accept-Ranges: bytes}, one byte range ({@code 206}, or {@code 416} when it lies past the
 * end), and a strong ETag ({@code If-None-Match} gives {@code 304}; {@code If-Range} with another tag
 * gives the whole file). A request for several ranges gets the whole file, as RFC 9110 allows.
 * (Hand-written: Javalin's seekable writer knows neither 416 nor ETags, and its static-file handler
 * cannot sit behind the job routes' 404/410 and API-key checks.)
 */
final class VideoResponse {
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");

    private VideoResponse() {}

    /** Writes {@code file} (published by job {@code id}, never changed after) to {@code ctx}. */
    static void send(Context ctx, String id, Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            long modified = java.nio.file.Files.getLastModifiedTime(file).toMillis();
            String etag = "\"" + id + "-" + Long.toHexString(size) + "-" + Long.toHexString(modified) + "\"";
            ctx.header("ETag", etag).header("Accept-Ranges", "bytes").header("Cache-Control", "private, max-age=3600");
            String inm = ctx.header("If-None-Match");
            if (inm != null && (inm.trim().equals("*") || java.util.Arrays.stream(inm.split(","))
                    .map(String::trim).map(t -> t.startsWith("W/") ? t.substring(2) : t).anyMatch(etag::equals))) {
                ctx.status(HttpStatus.NOT_MODIFIED);
                return;
            }
            String range = ctx.header("Range");
            String ifRange = ctx.header("If-Range");
            if (range != null && (ifRange == null || ifRange.trim().equals(etag))) {
                Matcher m = RANGE.matcher(range.trim());
                if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
                    long[] span = span(m.group(1), m.group(2), size);
                    if (span == null) {
                        ctx.header("Content-Range", "bytes */" + size).status(HttpStatus.RANGE_NOT_SATISFIABLE)
                                .json(Map.of("error", "range " + range + " lies outside the " + size + " bytes of the video"));
                        return;
                    }
                    ctx.status(HttpStatus.PARTIAL_CONTENT)
                            .header("Content-Range", "bytes " + span[0] + "-" + span[1] + "/" + size);
                    write(ctx, channel, span[0], span[1] - span[0] + 1);
                    return;
                }
            }
            write(ctx, channel, 0, size);
        }
    }

    /** First and last byte of the range {@code first-last}, or null when it is unsatisfiable. */
    private static long[] span(String first, String last, long size) {
        try {
            if (first.isEmpty()) {                       // suffix: the last n bytes
                long n = Long.parseLong(last);
                return n == 0 || size == 0 ? null : new long[] {Math.max(0, size - n), size - 1};
            }
            long a = Long.parseLong(first);
            long b = last.isEmpty() ? size - 1 : Math.min(Long.parseLong(last), size - 1);
            return a >= size || b < a ? null : new long[] {a, b};
        } catch (NumberFormatException e) {
            return null;   // digits past Long.MAX_VALUE
        }
    }

    private static void write(Context ctx, FileChannel channel, long from, long length) throws IOException {
        ctx.contentType("video/mp4").header("Content-Length", Long.toString(length));
        if (ctx.method() == io.javalin.http.HandlerType.HEAD) {
            return;
        }
        channel.position(from);
        InputStream in = Channels.newInputStream(channel);
        OutputStream out = ctx.res().getOutputStream();
        byte[] buffer = new byte[64 * 1024];
        for (long left = length; left > 0; ) {
            int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new IOException("the video ended early");
            }
            out.write(buffer, 0, n);
            left -= n;
        }
        out.flush();
    }
}
