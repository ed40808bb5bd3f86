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
import sadtalker.image.Image8;
import sadtalker.video.Mp4Writer;

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
    /** When set, each success writes a real MP4 of this many 64x48 frames (else a few placeholder bytes). */
    volatile int realFrames;

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
        // As the engine after a rendered batch: a cancelled job's listener throws here.
        progress.progress("render", 0.9);
        if (image.getFileName().toString().contains("noface")) {
            throw new InvalidInputException("no face found in " + image.getFileName());
        }
        if (transientFailures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw new IllegalStateException("CUDA out of memory (simulated)");
        }
        try {
            Files.createDirectories(output);
            Path out = Files.createTempFile(output, "video_", ".mp4");
            int frames = realFrames;
            if (frames > 0) {
                try (Mp4Writer w = new Mp4Writer(out, 64, 48, null, 16_000)) {
                    for (int i = 0; i < frames; i++) {
                        w.write(gradient(64, 48, i));
                    }
                }
            } else {
                Files.writeString(out, "stand-in video of " + image.getFileName());
            }
            completed.add(image.getFileName().toString());
            return new GenerationResult(out, frames > 0 ? frames : 25, Duration.ofSeconds(1), Map.of("render", Duration.ofMillis(1)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A frame that changes with {@code i}, so that the encoder has something to encode. */
    private static Image8 gradient(int width, int height, int i) {
        byte[] px = new byte[width * height * 3];
        for (int p = 0; p < width * height; p++) {
            px[3 * p] = (byte) (p % width * 4);
            px[3 * p + 1] = (byte) (p / width * 5);
            px[3 * p + 2] = (byte) (i * 10);
        }
        return new Image8(height, width, px);
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
