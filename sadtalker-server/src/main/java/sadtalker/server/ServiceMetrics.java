package sadtalker.server;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Timer;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * What {@code GET /metrics} reports, in Prometheus' text format (Micrometer): the queue depth, jobs
 * by outcome, job and per-stage durations and frames per second as histograms, and how long the
 * models took to load. One registry per service (not Micrometer's global one), so that tests can
 * run several.
 */
final class ServiceMetrics {
    /** How a job ended, as the {@code outcome} label of {@code sadtalker_jobs_total}. */
    enum Outcome { DONE, FAILED, CANCELLED }

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicReference<Double> modelLoadSeconds = new AtomicReference<>(Double.NaN);
    private final AtomicReference<LongSupplier> queueDepth = new AtomicReference<>(() -> 0);
    private final Timer jobDuration;
    private final DistributionSummary framesPerSecond;

    ServiceMetrics() {
        Gauge.builder("sadtalker_queue_depth", () -> queueDepth.get().getAsLong())
                .description("Jobs accepted and waiting to run").register(registry);
        Gauge.builder("sadtalker_model_load_seconds", () -> modelLoadSeconds.get())
                .description("How long loading the models took at start-up").register(registry);
        for (Outcome o : Outcome.values()) {
            counter(o);   // every outcome from the start at 0, so that rates need no absent-series special case
        }
        jobDuration = Timer.builder("sadtalker_job_duration").description("Wall time of a generation, end to end")
                .publishPercentileHistogram().minimumExpectedValue(Duration.ofMillis(100))
                .maximumExpectedValue(Duration.ofHours(1)).register(registry);
        framesPerSecond = DistributionSummary.builder("sadtalker_frames_per_second")
                .description("Video frames made per second of generation").publishPercentileHistogram()
                .minimumExpectedValue(0.01).maximumExpectedValue(1000.0).register(registry);
    }

    void queueDepth(LongSupplier waiting) {
        queueDepth.set(waiting);
    }

    void modelsLoaded(Duration took) {
        modelLoadSeconds.set(took.toNanos() / 1e9);
    }

    void finished(Outcome outcome) {
        counter(outcome).increment();
    }

    /** A generation that made {@code frames} frames in {@code took}, with the engine's per-stage wall times. */
    void generated(Duration took, int frames, Map<String, Duration> stages) {
        jobDuration.record(took);
        stages.forEach((stage, t) -> Timer.builder("sadtalker_stage_duration").tag("stage", stage)
                .description("Wall time of one pipeline stage of a generation").publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1)).maximumExpectedValue(Duration.ofHours(1))
                .register(registry).record(t));
        double seconds = took.toNanos() / 1e9;
        if (frames > 0 && seconds > 0) {
            framesPerSecond.record(frames / seconds);
        }
    }

    /** The Prometheus text exposition. */
    String scrape() {
        return registry.scrape();
    }

    private Counter counter(Outcome outcome) {
        return Counter.builder("sadtalker_jobs").tag("outcome", outcome.name().toLowerCase(java.util.Locale.ROOT))
                .description("Generation jobs finished, by outcome").register(registry);
    }
}
