package sadtalker.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Benchmark (not a test): fires concurrent {@code POST /generate} requests on loopback at a service
 * with a stand-in engine and the embedded job database, and prints the acknowledgement latency
 * (p50, p99) and how many jobs completed. Bounded: a fixed number of requests, then it stops.
 *
 * <pre>bench/run sadtalker-server sadtalker.server.AckLatencyBenchmark [REQUESTS CONCURRENCY]</pre>
 */
public final class AckLatencyBenchmark {
    private AckLatencyBenchmark() {}

    public static void main(String[] args) throws Exception {
        int requests = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 16;
        Path tmp = Files.createTempDirectory("sadtalker-bench");
        Path audio = Fixtures.copy("speech_en_16k.wav", tmp.resolve("in"), "speech.wav");
        Path image = Fixtures.copy("happy.png", tmp.resolve("in"), "face.png");
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.inputRoots = List.of(tmp.resolve("in"));
        c.dataDir = tmp.resolve("data");
        c.output = tmp.resolve("out");
        c.maxQueued = requests + 1;
        c.retries = 0;
        c.workers = 4;
        c.pollSeconds = 5;
        StandInGenerator engine = new StandInGenerator(c.output, false);
        HttpClient http = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(concurrency)).build();
        String body = Fixtures.json(audio, image, "crop");
        try (Service s = Service.start(c, () -> engine)) {
            URI uri = URI.create("http://127.0.0.1:" + s.port() + "/generate");
            ExecutorService pool = Executors.newFixedThreadPool(concurrency);
            List<Future<Long>> calls = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < requests; i++) {
                calls.add(pool.submit(() -> {
                    long start = System.nanoTime();
                    HttpResponse<String> r = http.send(HttpRequest.newBuilder(uri)
                            .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() != 200) {
                        throw new IllegalStateException("status " + r.statusCode() + ": " + r.body());
                    }
                    return System.nanoTime() - start;
                }));
            }
            List<Long> latencies = new ArrayList<>();
            for (Future<Long> f : calls) {
                latencies.add(f.get());
            }
            double seconds = (System.nanoTime() - t0) / 1e9;
            pool.shutdown();
            Collections.sort(latencies);
            System.out.printf("requests %d, concurrency %d, %.1f requests/s%n", requests, concurrency, requests / seconds);
            System.out.printf("ack latency p50 %.2f ms, p99 %.2f ms, max %.2f ms%n", pct(latencies, 0.50),
                    pct(latencies, 0.99), latencies.get(latencies.size() - 1) / 1e6);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
            while (engine.completed.size() < requests && System.nanoTime() < deadline) {
                Thread.sleep(500);
            }
            System.out.printf("jobs completed %d of %d in %.1f s%n", engine.completed.size(), requests,
                    (System.nanoTime() - t0) / 1e9);
        }
        System.exit(0);
    }

    private static double pct(List<Long> sorted, double p) {
        return sorted.get(Math.min(sorted.size() - 1, (int) Math.ceil(p * sorted.size()) - 1)) / 1e6;
    }
}
