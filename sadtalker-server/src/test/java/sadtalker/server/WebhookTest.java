package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Completion callbacks: validated at POST, signed, retried, recorded in the job (stand-in engine). */
class WebhookTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String SECRET = "whsec-test";

    @TempDir
    Path tmp;

    private final ServiceHttp client = new ServiceHttp();
    private final List<Service> running = new ArrayList<>();
    private HttpServer receiver;
    private Path audio;
    private Path image;
    private Path noFace;

    /** A POST the receiver got. */
    private record Call(String body, String signature) {}

    private final List<Call> calls = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> failuresLeft = new ConcurrentHashMap<>();

    @BeforeEach
    void inputs() throws IOException {
        audio = Fixtures.copy("speech_en_16k.wav", tmp.resolve("in"), "speech.wav");
        image = Fixtures.copy("happy.png", tmp.resolve("in"), "face.png");
        noFace = Fixtures.copy("happy.png", tmp.resolve("in"), "noface.png");
        receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        receiver.createContext("/hook", ex -> {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            calls.add(new Call(body, ex.getRequestHeaders().getFirst(WebhookSignature.HEADER)));
            AtomicInteger left = failuresLeft.get(ex.getRequestURI().getQuery());
            int status = left != null && left.getAndDecrement() > 0 ? 500 : 204;
            ex.sendResponseHeaders(status, -1);
            ex.close();
        });
        receiver.start();
    }

    @AfterEach
    void stopAll() {
        running.forEach(Service::stop);
        receiver.stop(0);
    }

    private Service start(String secret, List<String> allow) {
        ServerConfig c = new ServerConfig();
        c.port = 0;
        c.inputRoots = List.of(tmp.resolve("in"));
        c.dataDir = tmp.resolve("data");
        c.output = tmp.resolve("out");
        c.maxQueued = 20;
        c.retries = 0;
        c.workers = 1;
        c.pollSeconds = 5;
        c.shutdownGraceSeconds = 2;
        c.webhookSecret = secret;
        c.webhookAllow = allow;
        Service s = Service.start(c, () -> new StandInGenerator(c.output, false));
        running.add(s);
        return s;
    }

    private String hook(String tag) {
        return "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hook?" + tag;
    }

    private static String withWebhook(Path audio, Path image, String url) {
        String json = Fixtures.json(audio, image, "crop");
        return json.substring(0, json.length() - 1) + ",\"webhook\":\"" + url + "\"}";
    }

    private static String violation(HttpResponse<String> r) throws IOException {
        JsonNode v = JSON.readTree(r.body()).path("violations");
        assertEquals(1, v.size(), r.body());
        assertEquals("webhook", v.get(0).path("field").asText(), r.body());
        return v.get(0).path("message").asText();
    }

    @Test
    void bad_webhooks_are_refused_at_post_naming_the_field() throws Exception {
        Service off = start(null, List.of());
        assertTrue(violation(client.post(off, withWebhook(audio, image, "https://example.com/x"))).contains("no --webhook-secret"));
        off.stop();
        running.clear();
        Service s = start(SECRET, List.of());
        assertTrue(violation(client.post(s, withWebhook(audio, image, "ftp://example.com/x"))).contains("http or https"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, "http://user:pw@example.com/x"))).contains("credentials"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, hook("a")))).contains("refused destination"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, "http://169.254.169.254/latest/meta-data")))
                .contains("refused destination"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, "http://[::1]:9/x"))).contains("refused destination"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, "http://no-such-host.invalid/x"))).contains("cannot be resolved"));
        assertTrue(violation(client.post(s, withWebhook(audio, image, ""))).contains("http or https"));
        HttpResponse<String> unknown = client.post(s, Fixtures.json(audio, image, "crop").replace("}", ",\"callback\":\"x\"}"));
        assertEquals(400, unknown.statusCode());
        assertTrue(unknown.body().contains("callback"), unknown.body());
        HttpResponse<String> plain = client.post(s, Fixtures.json(audio, image, "crop"));
        assertEquals("1", plain.body(), "without a webhook the answer is unchanged");
    }

    @Test
    void done_and_failed_jobs_are_posted_signed_and_retried_until_delivered() throws Exception {
        Service s = start(SECRET, List.of("127.0.0.1/32"));
        failuresLeft.put("done", new AtomicInteger(1));   // the first POST of the done job gets a 500
        HttpResponse<String> r = client.post(s, withWebhook(audio, image, hook("done")));
        assertEquals(200, r.statusCode(), r.body());
        assertEquals("1", r.body());
        String done = r.headers().firstValue(Api.JOB_ID_HEADER).orElseThrow();
        String failed = client.post(s, withWebhook(audio, noFace, hook("failed"))).headers()
                .firstValue(Api.JOB_ID_HEADER).orElseThrow();
        JsonNode doneStatus = client.await(s, done, j -> j.path("webhook").path("state").asText().equals("delivered"),
                Duration.ofSeconds(90));
        assertEquals(2, doneStatus.path("webhook").path("attempts").asInt(), doneStatus.toString());
        assertEquals(hook("done"), doneStatus.path("webhook").path("url").asText());
        JsonNode failedStatus = client.await(s, failed, j -> j.path("webhook").path("state").asText().equals("delivered"),
                Duration.ofSeconds(90));
        assertEquals(1, failedStatus.path("webhook").path("attempts").asInt(), failedStatus.toString());

        assertEquals(3, calls.size(), calls.toString());
        for (Call call : calls) {
            String[] parts = call.signature().split(",");
            String t = parts[0].substring(2);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            String expected = HexFormat.of().formatHex(mac.doFinal((t + "." + call.body()).getBytes(StandardCharsets.UTF_8)));
            assertEquals("v1=" + expected, parts[1], "signature of " + call.body());
            assertTrue(Math.abs(System.currentTimeMillis() / 1000 - Long.parseLong(t)) < 120, t);
        }
        JsonNode last = JSON.readTree(calls.stream().filter(c -> c.body().contains(failed)).findFirst().orElseThrow().body());
        assertEquals("failed", last.path("state").asText());
        assertTrue(last.path("error").asText().contains("no face"), last.toString());
        JsonNode ok = JSON.readTree(calls.get(calls.size() - 1).body().contains(done) ? calls.get(calls.size() - 1).body()
                : calls.stream().filter(c -> c.body().contains(done)).reduce((a, b) -> b).orElseThrow().body());
        assertEquals("done", ok.path("state").asText());
        assertEquals("/jobs/" + done + "/video", ok.path("video").asText());
    }

    @Test
    void a_pending_delivery_survives_a_restart() throws Exception {
        Service first = start(SECRET, List.of("127.0.0.1/32"));
        failuresLeft.put("restart", new AtomicInteger(1));
        String id = client.post(first, withWebhook(audio, image, hook("restart"))).headers()
                .firstValue(Api.JOB_ID_HEADER).orElseThrow();
        client.await(first, id, j -> j.path("webhook").path("attempts").asInt() == 1, Duration.ofSeconds(60));
        first.stop();   // the retry is a scheduled JobRunr job in the database: the next server runs it
        running.clear();
        Service second = start(SECRET, List.of("127.0.0.1/32"));
        JsonNode delivered = client.await(second, id, j -> j.path("webhook").path("state").asText().equals("delivered"),
                Duration.ofSeconds(90));
        assertEquals(2, delivered.path("webhook").path("attempts").asInt(), delivered.toString());
        assertEquals(2, calls.size());
    }
}
