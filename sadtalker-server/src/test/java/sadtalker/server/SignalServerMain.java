package sadtalker.server;

import java.nio.file.Path;
import java.util.Arrays;
import sadtalker.GenerationResult;
import sadtalker.Mode;
import sadtalker.ProgressListener;
import sadtalker.TalkingHeadGenerator;

/**
 * The real server command (flags, shutdown hook) in a process of its own, with a stand-in engine,
 * for the SIGTERM test: {@code args[0]} is how long a job takes in milliseconds, ignoring
 * interrupts as native code does; the rest are the server's flags.
 */
public final class SignalServerMain {
    private SignalServerMain() {}

    public static void main(String[] args) {
        long jobMillis = Long.parseLong(args[0]);
        int status = SadTalkerServer.commandLine(new CudaGate(() -> 0),
                config -> slow(new StandInGenerator(config.output.resolve(SadTalkerServer.STAGING), false), jobMillis))
                .execute(Arrays.copyOfRange(args, 1, args.length));
        if (status != 0) {
            System.exit(status);
        }
    }

    private static TalkingHeadGenerator slow(StandInGenerator quick, long millis) {
        return new TalkingHeadGenerator() {
            @Override
            public GenerationResult generate(Path audio, Path image, Mode mode, ProgressListener progress) {
                progress.progress("render", 0.1);
                long end = System.nanoTime() + millis * 1_000_000L;
                boolean interrupted = false;
                while (System.nanoTime() < end) {
                    try {
                        Thread.sleep(Math.max(1, (end - System.nanoTime()) / 1_000_000L));
                    } catch (InterruptedException e) {
                        interrupted = true;        // deaf, as a job deep in libtorch is
                    }
                }
                if (interrupted) {
                    Thread.currentThread().interrupt();
                }
                return quick.generate(audio, image, mode, progress);
            }

            @Override
            public void close() {
                quick.close();
            }
        };
    }
}
