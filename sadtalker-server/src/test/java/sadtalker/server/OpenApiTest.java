package sadtalker.server;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.HandlerType;
import io.javalin.testtools.JavalinTest;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.security.SecurityScheme;
import io.swagger.v3.parser.OpenAPIV3Parser;
import io.swagger.v3.parser.core.models.ParseOptions;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The hand-written {@code openapi.json} matches the code: it is valid OpenAPI 3.0 by the Swagger
 * parser (io.swagger.parser.v3, the parser Swagger UI's own tooling uses), every route Javalin has is
 * described and nothing else, and each operation has an operationId and a 500 response.
 */
class OpenApiTest {
    @TempDir
    Path tmp;

    private static String spec() throws Exception {
        try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static OpenAPI parsed() throws Exception {
        ParseOptions options = new ParseOptions();
        options.setResolve(true);
        SwaggerParseResult result = new OpenAPIV3Parser().readContents(spec(), null, options);
        assertEquals(List.of(), result.getMessages() == null ? List.of() : result.getMessages(), "parser messages");
        assertNotNull(result.getOpenAPI());
        return result.getOpenAPI();
    }

    private JobQueue queue() {
        return new JobQueue(JobQueue.dataSource(null, null, null, tmp), new DeferredGenerator(),
                new JobQueue.Settings(10, 1, 0, Duration.ofSeconds(5)),
                new GenerateJobHandler.Publication(new InputRoots(List.of(tmp)), tmp.resolve("out"), tmp.resolve("work"),
                        PosixFilePermissions.fromString("rw-r--r--")));
    }

    @Test
    void the_description_is_valid_openapi_with_ids_errors_servers_and_the_key_scheme() throws Exception {
        OpenAPI api = parsed();
        assertFalse(api.getServers().isEmpty(), "servers");
        SecurityScheme key = api.getComponents().getSecuritySchemes().get("apiKey");
        assertEquals(SecurityScheme.Type.HTTP, key.getType());
        assertEquals("bearer", key.getScheme());
        Set<String> ids = new HashSet<>();
        api.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, op) -> {
            assertNotNull(op.getOperationId(), method + " " + path + " has no operationId");
            assertTrue(ids.add(op.getOperationId()), "operationId " + op.getOperationId() + " twice");
            assertTrue(op.getResponses().containsKey("500"), method + " " + path + " lacks the 500 response");
        }));
        for (String probe : List.of("/health", "/ready")) {
            Operation get = api.getPaths().get(probe).getGet();
            assertNotNull(get.getResponses().get("200").getContent().get("application/json").getSchema(), probe + " body");
        }
    }

    @Test
    void every_route_is_described_and_every_description_is_a_route() throws Exception {
        Set<String> described = new TreeSet<>();
        parsed().getPaths().forEach((path, item) -> item.readOperationsMap().keySet()
                .forEach(m -> described.add(m.name() + " " + path)));
        JobQueue queue = queue();
        try {
            Javalin app = Api.create(new RequestValidation(new InputRoots(List.of(tmp))), queue, new AtomicBoolean(true));
            Set<String> routes = new TreeSet<>();
            app.unsafeConfig().pvt.internalRouter.allHttpHandlers().forEach(e -> {
                HandlerType t = e.getEndpoint().getMethod();
                if (t.isHttpMethod() && t != HandlerType.HEAD && t != HandlerType.OPTIONS) {
                    routes.add(t.name() + " " + e.getEndpoint().getPath());
                }
            });
            assertEquals(routes, described);
        } finally {
            queue.close();
        }
    }

    @Test
    void the_probe_bodies_are_what_the_description_says() throws Exception {
        JsonNode probe = new ObjectMapper().readTree(spec()).path("components").path("schemas").path("Probe");
        Set<String> allowed = new HashSet<>();
        probe.path("properties").path("status").path("enum").forEach(v -> allowed.add(v.asText()));
        JobQueue queue = queue();
        try {
            AtomicBoolean ready = new AtomicBoolean(false);
            JavalinTest.test(Api.create(new RequestValidation(new InputRoots(List.of(tmp))), queue, ready), (server, client) -> {
                ObjectMapper json = new ObjectMapper();
                for (String path : List.of("/health", "/ready")) {
                    JsonNode body = json.readTree(client.get(path).body().string());
                    assertEquals(Set.of("status"), fieldNames(body), path);
                    assertTrue(allowed.contains(body.path("status").asText()), path + ": " + body);
                }
                ready.set(true);
                assertEquals(Map.of("status", "ready"), json.convertValue(json.readTree(client.get("/ready").body().string()), Map.class));
            });
        } finally {
            queue.close();
        }
    }

    private static Set<String> fieldNames(JsonNode node) {
        Set<String> names = new HashSet<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }
}
