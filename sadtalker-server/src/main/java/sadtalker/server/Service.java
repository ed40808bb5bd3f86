package sadtalker.server;

import io.javalin.Javalin;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sadtalker.TalkingHeadGenerator;

/**
 * One running service: HTTP first (live, not ready), then the models, then the worker (ready).
 * {@link #stop()} stops accepting requests, lets the worker hand back or finish its job, and closes
 * everything.
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
        JobQueue queue = new JobQueue(JobQueue.dataSource(config.jdbcUrl, config.jdbcUser, config.jdbcPassword,
                config.dataDir), deferred, config.queueSettings());
        Javalin app = Api.create(new RequestValidation(config.inputRoots), queue, ready);
        Runnable shutdownOnFailure = () -> {
            app.stop();
            queue.close();
        };
        try {
            app.start(config.port);
            LOG.info("server.live port={}", app.port());
            long t0 = System.nanoTime();
            TalkingHeadGenerator generator = engine.get();
            deferred.set(generator);
            LOG.info("server.models_loaded seconds={}", String.format("%.1f", (System.nanoTime() - t0) / 1e9));
            queue.startWorker();
            ready.set(true);
            LOG.info("server.ready port={}", app.port());
            return new Service(app, queue, generator, ready);
        } catch (RuntimeException e) {
            shutdownOnFailure.run();
            throw e;
        }
    }

    /** The port the HTTP server listens on. */
    int port() {
        return app.port();
    }

    /** Stops accepting work, stops the worker (its job finishes or returns to the queue), closes all. */
    void stop() {
        ready.set(false);
        LOG.info("server.stopping");
        try {
            app.stop();
            queue.close();
        } finally {
            generator.close();
        }
        LOG.info("server.stopped");
    }

    @Override
    public void close() {
        stop();
    }
}
