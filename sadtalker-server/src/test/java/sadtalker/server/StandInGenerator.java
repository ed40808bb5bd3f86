package sadtalker.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import sadtalker.GenerationResult;
import sadtalker.InvalidInputException;
import sadtalker.Mode;
import sadtalker.ProgressListener;
import sadtalker.TalkingHeadGenerator;

/**
 * A fast engine for service tests. An image whose name contains {@code noface} fails as bad input;
 * the first {@link #transientFailures} calls fail as a machine fault; {@link #gate} holds every call
 * until released. Each success writes a small file into {@code output}.
 */
final class StandInGenerator implements TalkingHeadGenerator {
    final Path output;
    final CountDownLatch gate;
    final AtomicInteger transientFailures = new AtomicInteger();
    final AtomicInteger started = new AtomicInteger();
    final ConcurrentLinkedQueue<String> completed = new ConcurrentLinkedQueue<>();
    /** When set, a held call ignores interrupts (as a real engine in native code does). */
    volatile boolean deaf;

    StandInGenerator(Path output, boolean held) {
        this.output = output;
        this.gate = new CountDownLatch(held ? 1 : 0);
    }

    @Override
    public GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress) {
        started.incrementAndGet();
        progress.progress("render", 0.5);
        try {
            if (!await()) {
                throw new IllegalStateException("stand-in was never released");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
        if (image.getFileName().toString().contains("noface")) {
            throw new InvalidInputException("no face found in " + image.getFileName());
        }
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("CUDA out of memory (simulated)");
        }
        try {
            Files.createDirectories(output);
            Path out = Files.createTempFile(output, "video_", ".mp4");
            completed.add(image.getFileName().toString());
            return new GenerationResult(out, 25, Duration.ofSeconds(1), Map.of("render", Duration.ofMillis(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private boolean await() throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
        while (true) {
            try {
                return gate.await(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            } catch (InterruptedException e) {
                if (!deaf) {
                    throw e;
                }
            }
        }
    }

    @Override
    public void close() {
        gate.countDown();
    }
}
