package sadtalker.server;

import java.io.PrintWriter;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import ai.djl.Device;
import sadtalker.SadTalkerEngine;
import sadtalker.TalkingHeadGenerator;
import sadtalker.EngineOptions;
import sadtalker.Devices;

/**
 * Entry point of the HTTP service: {@code POST /generate}, {@code GET/DELETE /jobs/{id}}, {@code GET /jobs},
 * {@code GET /jobs/{id}/video}, {@code /metrics}, {@code /health}, {@code /ready}, {@code /docs}. Refuses to start without CUDA unless
 * {@code --allow-cpu}. Exit status: 0 running (then stopped by a signal), 2 bad arguments,
 * 3 refused (no CUDA), 1 failed to start.
 */
@Command(name = "sadtalker-server", mixinStandardHelpOptions = true,
        description = "SadTalker as an HTTP service with a durable job queue.")
public final class SadTalkerServer implements Callable<Integer> {
    /** Where the engine writes its MP4s; the job handler publishes each as {@code <output>/<job id>.mp4}. */
    static final String STAGING = ".staging";

    /** Exit status when the service refuses to start. */
    static final int EXIT_REFUSED = 3;

    @Mixin
    ServerConfig config = new ServerConfig();

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    private final CudaGate gate;
    private final Function<ServerConfig, TalkingHeadGenerator> engine;

    SadTalkerServer(CudaGate gate, Function<ServerConfig, TalkingHeadGenerator> engine) {
        this.gate = gate;
        this.engine = engine;
    }

    @Override
    public Integer call() {
        String problem = config.problem();
        if (problem != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), problem);   // exit 2, nothing loaded
        }
        PrintWriter err = spec.commandLine().getErr();
        String refusal = gate.refusal(config.allowCpu);
        if (refusal != null) {
            err.println(refusal);
            return EXIT_REFUSED;
        }
        Service service;
        try {
            service = Service.start(config, () -> engine.apply(config));
        } catch (RuntimeException | Error e) {
            // Errors too: a checkpoint that overflows the stack must end the process, not leave it half up.
            err.println("sadtalker-server: cannot start: " + (e.getMessage() != null ? e.getMessage() : e.toString()));
            return 1;
        }
        Runtime.getRuntime().addShutdownHook(new Thread(service::stop, "sadtalker-shutdown"));
        return 0;
    }


    /** The engine the real server loads: every model once, on the GPU (the CPU only with --allow-cpu). */
    static TalkingHeadGenerator loadEngine(ServerConfig config) {
        Device device = Devices.best();
        return SadTalkerEngine.load(EngineOptions.builder(config.models).outputDir(config.output.resolve(STAGING))
                .batchSize(config.batchSize).device(device).videoCodec(config.videoCodec)
                .faceThreshold(config.faceThreshold).size(config.size).oldVersion(config.oldVersion).build());
    }

    /** The command as the real server runs it (tests call this with other gates and engines). */
    static CommandLine commandLine(CudaGate gate, Function<ServerConfig, TalkingHeadGenerator> engine) {
        return new CommandLine(new SadTalkerServer(gate, engine));
    }

    public static void main(String[] args) {
        int status = commandLine(new CudaGate(Devices::gpuCount), SadTalkerServer::loadEngine).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }
}
