package sadtalker.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.function.Predicate;

/** A plain HTTP client of a running {@link Service}, shared by the service tests. */
final class ServiceHttp {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient http = HttpClient.newHttpClient();

    HttpResponse<String> post(Service s, String body, String... headers) throws Exception {
        return send(s, "/generate", "POST", HttpRequest.BodyPublishers.ofString(body), HttpResponse.BodyHandlers.ofString(), headers);
    }

    HttpResponse<String> delete(Service s, String path, String... headers) throws Exception {
        return send(s, path, "DELETE", HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofString(), headers);
    }

    HttpResponse<byte[]> bytes(Service s, String path, String... headers) throws Exception {
        return send(s, path, "GET", HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofByteArray(), headers);
    }

    HttpResponse<String> get(Service s, String path, String... headers) throws Exception {
        return send(s, path, "GET", HttpRequest.BodyPublishers.noBody(), HttpResponse.BodyHandlers.ofString(), headers);
    }

    private <T> HttpResponse<T> send(Service s, String path, String method, HttpRequest.BodyPublisher body,
            HttpResponse.BodyHandler<T> answer, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + s.port() + path)).method(method, body);
        if (headers.length > 0) {
            b.headers(headers);
        }
        return http.send(b.build(), answer);
    }

    /** Polls {@code GET /jobs/{id}} until {@code condition} holds, or fails after {@code wait}. */
    JsonNode await(Service s, String id, Predicate<JsonNode> condition, Duration wait) throws Exception {
        long deadline = System.nanoTime() + wait.toNanos();
        JsonNode last = null;
        while (System.nanoTime() < deadline) {
            last = JSON.readTree(get(s, "/jobs/" + id).body());
            if (condition.test(last)) {
                return last;
            }
            Thread.sleep(200);
        }
        throw new AssertionError("job " + id + " never reached the expected state; last: " + last);
    }

    static Predicate<JsonNode> state(String state) {
        return j -> state.equals(j.path("state").asText());
    }
}
