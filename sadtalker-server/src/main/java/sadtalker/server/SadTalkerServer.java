package sadtalker.server;

import io.javalin.Javalin;
import java.io.PrintStream;
import java.util.Map;
import sadtalker.nn.Torch;

/**
 * Entry point of the HTTP service. Refuses to start without CUDA (see {@link CudaGate}).
 *
 * <p>Options: {@code --port N} (env {@code SADTALKER_PORT}, default 8080), {@code --allow-cpu}
 * (development and tests only).
 */
public final class SadTalkerServer {
    /** Exit status when the service refuses to start. */
    static final int EXIT_REFUSED = 3;

    private SadTalkerServer() {}

    /** The service's routes, unstarted (tests start it through javalin-testtools). */
    static Javalin create() {
        Javalin app = Javalin.create(config -> config.showJavalinBanner = false);
        app.get("/health", ctx -> ctx.json(Map.of("status", "live")));
        return app;
    }

    /** Parses arguments, applies the CUDA gate and starts; returns the exit status when it does not start. */
    static int run(String[] args, CudaGate gate, PrintStream err) {
        boolean allowCpu = false;
        int port = Integer.parseInt(System.getenv().getOrDefault("SADTALKER_PORT", "8080"));
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--allow-cpu" -> allowCpu = true;
                case "--port" -> {
                    if (i + 1 >= args.length) {
                        err.println("sadtalker-server: --port needs a value");
                        return 2;
                    }
                    port = Integer.parseInt(args[++i]);
                }
                default -> {
                    err.println("sadtalker-server: unknown argument '" + args[i] + "' (known: --port N, --allow-cpu)");
                    return 2;
                }
            }
        }
        String refusal = gate.refusal(allowCpu);
        if (refusal != null) {
            err.println(refusal);
            return EXIT_REFUSED;
        }
        create().start(port);
        return 0;
    }

    public static void main(String[] args) {
        int status = run(args, new CudaGate(Torch::gpuCount), System.err);
        if (status != 0) {
            System.exit(status);
        }
    }
}
