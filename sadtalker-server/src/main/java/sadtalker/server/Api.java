package sadtalker.server;

import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.HttpStatus;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The HTTP routes. Handlers are thin: validation, the queue and the engine do the work. */
final class Api {
    static final int MAX_BODY_BYTES = 16 * 1024;
    static final String JOB_ID_HEADER = "X-Job-Id";

    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.http");

    private Api() {}

    /** Builds the (unstarted) app. {@code ready} turns true once the models are loaded and the worker runs. */
    static Javalin create(RequestValidation validation, JobQueue queue, AtomicBoolean ready) {
        return create(validation, queue, ready, new ApiKey(null));
    }

    /** Builds the (unstarted) app; the job routes require {@code key} when one is set. */
    static Javalin create(RequestValidation validation, JobQueue queue, AtomicBoolean ready, ApiKey key) {
        return create(validation, queue, ready, key, new ServiceMetrics());
    }

    /** Builds the (unstarted) app; the job routes and {@code /metrics} require {@code key} when one is set. */
    static Javalin create(RequestValidation validation, JobQueue queue, AtomicBoolean ready, ApiKey key,
            ServiceMetrics metrics) {
        JobRoutes jobs = new JobRoutes(queue);
        Javalin app = Javalin.create(config -> {
            config.showJavalinBanner = false;
            config.http.maxRequestSize = MAX_BODY_BYTES;
            config.staticFiles.enableWebjars();
            config.requestLogger.http((ctx, ms) -> {
                // Probes poll every few seconds: their lines would drown the log at INFO.
                boolean probe = ctx.path().equals("/health") || ctx.path().equals("/ready");
                String line = "http method={} path={} status={} ms={}";
                Object[] args = {ctx.method(), LogText.clean(ctx.path()), ctx.statusCode(), String.format("%.1f", ms)};
                if (probe) {
                    LOG.debug(line, args);
                } else {
                    LOG.info(line, args);
                }
            });
        });
        app.get("/health", ctx -> ctx.json(Map.of("status", "live")));
        app.get("/ready", ctx -> {
            if (ready.get()) {
                ctx.json(Map.of("status", "ready"));
            } else {
                ctx.status(HttpStatus.SERVICE_UNAVAILABLE).json(Map.of("status", "loading"));
            }
        });
        app.before("/generate", ctx -> authorize(ctx, key));
        app.before("/jobs", ctx -> authorize(ctx, key));
        app.before("/jobs/*", ctx -> authorize(ctx, key));
        app.before("/metrics", ctx -> authorize(ctx, key));
        app.post("/generate", ctx -> generate(ctx, validation, queue, ready));
        app.get("/jobs", jobs::list);
        app.get("/jobs/{id}", jobs::status);
        app.delete("/jobs/{id}", jobs::cancel);
        app.get("/jobs/{id}/video", jobs::video);
        app.get("/metrics", ctx -> ctx.contentType("text/plain; version=0.0.4; charset=utf-8").result(metrics.scrape()));
        app.get("/openapi.json", ctx -> ctx.contentType("application/json").result(resource("openapi.json")));
        app.get("/docs", ctx -> ctx.html(resource("docs.html").replace("{{swagger-ui}}", swaggerUiVersion())));
        app.exception(Exception.class, (e, ctx) -> {
            if (ClientGone.is(e)) {
                // the client closed the connection mid-response (a player seeking a video): nothing to answer
                LOG.debug("http.client_gone path={}", LogText.clean(ctx.path()));
                return;
            }
            LOG.error("http.error path={} error=\"{}\"", LogText.clean(ctx.path()), LogText.clean(e), e);
            ctx.status(HttpStatus.INTERNAL_SERVER_ERROR).json(Map.of("error", "internal error"));
        });
        return app;
    }

    private static void generate(Context ctx, RequestValidation validation, JobQueue queue, AtomicBoolean ready)
            throws IOException {
        if (!ready.get()) {
            ctx.header("Retry-After", "10").status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("error", "the service is starting: models are still loading"));
            return;
        }
        if (ctx.contentLength() > MAX_BODY_BYTES) {
            tooLarge(ctx);
            return;
        }
        // Read at most the limit (plus one byte to tell), whatever the transfer encoding: a chunked
        // body declares no length, and reading it whole would let a client fill the heap.
        byte[] bytes = ctx.req().getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
            tooLarge(ctx);
            return;
        }
        String body = new String(bytes, StandardCharsets.UTF_8);
        RequestValidation.Outcome outcome = validation.check(body);
        if (!outcome.valid()) {
            LOG.info("generate.rejected violations=\"{}\"", LogText.clean(outcome.violations()));
            ctx.status(HttpStatus.BAD_REQUEST).json(Map.of("error", "invalid request",
                    "violations", outcome.violations()));
            return;
        }
        GenerateRequest r = outcome.request();
        GenerateJob job = new GenerateJob(validation.roots().absolute(r.drivenAudio()).toString(),
                validation.roots().absolute(r.sourceImage()).toString(), r.mode(), r.webhook());
        try {
            UUID id = queue.submit(job);
            LOG.info("generate.accepted id={} mode={} audio=\"{}\" image=\"{}\"", id, job.mode(), LogText.clean(job.audio()),
                    LogText.clean(job.image()));
            ctx.header(JOB_ID_HEADER, id.toString()).header("Location", "/jobs/" + id)
                    .contentType("text/plain").result("1");
        } catch (JobQueue.QueueFullException e) {
            LOG.warn("generate.queue_full {}", e.getMessage());
            ctx.header("Retry-After", "60").status(HttpStatus.SERVICE_UNAVAILABLE)
                    .json(Map.of("error", "the queue is full (" + e.getMessage() + "); try again later"));
        }
    }

    private static void authorize(Context ctx, ApiKey key) {
        if (!key.admits(ctx.header("Authorization"))) {
            ctx.header("WWW-Authenticate", "Bearer").status(HttpStatus.UNAUTHORIZED)
                    .json(Map.of("error", "missing or wrong API key (Authorization: Bearer KEY)"));
            ctx.skipRemainingHandlers();
        }
    }

    private static void tooLarge(Context ctx) {
        ctx.status(HttpStatus.CONTENT_TOO_LARGE).json(Map.of("error",
                "request body is larger than " + MAX_BODY_BYTES + " bytes"));
    }

    /** The bundled swagger-ui webjar's version, for the /docs page's script paths. */
    private static String swaggerUiVersion() throws IOException {
        java.util.Properties p = new java.util.Properties();
        try (InputStream in = Api.class.getResourceAsStream("/META-INF/maven/org.webjars/swagger-ui/pom.properties")) {
            if (in == null) {
                throw new IOException("swagger-ui webjar missing from the class path");
            }
            p.load(in);
        }
        return p.getProperty("version");
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = Api.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("resource " + name + " missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
