package sadtalker.server;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sadtalker.TalkingHeadGenerator;

/**
 * One running service: HTTP first (live, not ready), then the models, then the worker (ready).
 * {@link #stop()} stops accepting requests, gives the running job at most the shutdown grace to
 * finish (else leaves it to the queue, unpublished), and closes the database and the models only
 * when no job runs any more.
 */
final class Service implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger("sadtalker.server");

    private final Javalin app;
    private final JobQueue queue;
    private final TalkingHeadGenerator generator;
    private final AtomicBoolean ready;

    private Service(Javalin app, JobQueue queue, TalkingHeadGenerator generator, AtomicBoolean ready) {
        this.app = app;
        this.queue = queue;
        this.generator = generator;
        this.ready = ready;
    }

    /** Starts the service on {@code config.port} (0 = any free port). */
    static Service start(ServerConfig config, Supplier<TalkingHeadGenerator> engine) {
        AtomicBoolean ready = new AtomicBoolean(false);
        DeferredGenerator deferred = new DeferredGenerator();
        InputRoots roots = new InputRoots(config.inputRoots);
        ServiceMetrics metrics = new ServiceMetrics();
        WebhookPolicy webhooks = config.webhookPolicy();
        JobQueue.Extras extras = new JobQueue.Extras(metrics, webhooks,
                config.webhookSecret == null || config.webhookSecret.isBlank() ? null : config.webhookSecret, config.keep());
        JobQueue queue = new JobQueue(JobQueue.dataSource(config.jdbcUrl, config.jdbcUser, config.jdbcPassword,
                config.dataDir), deferred, config.queueSettings(), new GenerateJobHandler.Publication(roots,
                config.output, config.dataDir.resolve("work"), config.outputPermissions()), extras);
        StagingSweep.sweep(config.output.resolve(SadTalkerServer.STAGING), StagingSweep.STALE);
        Javalin app = Api.create(new RequestValidation(roots, webhooks), queue, ready, new ApiKey(config.apiKey), metrics);
        try {
            app.start(config.host, config.port);
            LOG.info("server.live host={} port={}", config.host, app.port());
            long t0 = System.nanoTime();
            TalkingHeadGenerator generator = engine.get();
            deferred.set(generator);
            metrics.modelsLoaded(java.time.Duration.ofNanos(System.nanoTime() - t0));
            LOG.info("server.models_loaded seconds={}", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            queue.startWorker();
            ready.set(true);
            LOG.info("server.ready host={} port={}", config.host, app.port());
            return new Service(app, queue, generator, ready);
        } catch (RuntimeException | Error e) {
            // Errors too (a hostile checkpoint's StackOverflowError): never leave a live, never-ready zombie.
            app.stop();
            queue.close();
            throw e;
        }
    }

    /** The job queue (tests drive retention through it). */
    JobQueue queue() {
        return queue;
    }

    /** The port the HTTP server listens on. */
    int port() {
        return app.port();
    }

    /** Stops accepting work, stops the worker (bounded by the grace), closes what no job still uses. */
    void stop() {
        ready.set(false);
        LOG.info("server.stopping");
        app.stop();
        if (queue.stop()) {
            generator.close();
            LOG.info("server.stopped");
        } else {
            // Closing the database or the models now would fail the job under its feet: it is left to
            // the queue instead (its MP4 is not published), and the process exit ends it.
            LOG.warn("server.stopped grace_expired=true: the running job goes back to the queue unpublished");
        }
    }

    @Override
    public void close() {
        stop();
    }
}
