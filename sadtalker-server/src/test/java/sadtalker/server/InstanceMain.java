package sadtalker.server;

import java.nio.file.Path;
import java.util.List;

/**
 * A service instance in a process of its own, for the shared-queue test: it joins the job database
 * at {@code args[0]} ({@code -}: the embedded one), uses a stand-in engine that never finishes, and prints its port. The test
 * kills it with SIGKILL while it holds a job.
 */
public final class InstanceMain {
    private InstanceMain() {}

    public static void main(String[] args) throws Exception {
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.jdbcUrl = args[0].equals("-") ? null : args[0];   // "-": the embedded H2 under args[2]
        c.inputRoots = List.of(Path.of(args[1]));
        c.dataDir = Path.of(args[2]);
        c.output = Path.of(args[2]).resolve("out");
        c.maxQueued = 100;
        c.retries = 3;
        c.workers = 1;
        c.pollSeconds = 5;
        Service s = Service.start(c, () -> new StandInGenerator(c.output, true));
        System.out.println("PORT " + s.port());
        System.out.flush();
        Thread.currentThread().join();
    }
}
