package io.dbsync.emulator;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.DatabricksConfig;
import com.databricks.sdk.core.DatabricksException;
import com.databricks.sdk.core.error.platform.NotFound;
import com.databricks.sdk.core.error.platform.Unauthenticated;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.emulator.http.Response;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The cross-cutting behaviour every family inherits: auth, 429 with Retry-After (and the SDK
 * retrying it), injected faults, request counting and the admin endpoints. A probe family registers
 * one write route so the tests do not depend on any real family.
 */
class EmulatorFrameworkTest {
  private Emulator emulator;
  private final AtomicInteger probeCalls = new AtomicInteger();

  @BeforeEach
  void start() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.token = "secret-token";
    emulator = new Emulator(options);
    emulator.router().add("POST", "/api/2.0/probe/{id}", "probe", req -> {
      probeCalls.incrementAndGet();
      return Response.ok(Json.object().put("id", req.pathParam("id")));
    });
    emulator.router().add("GET", "/api/2.0/probe/{id}", "probe", req -> {
      if (req.pathParam("id").equals("missing")) {
        throw new io.dbsync.emulator.http.ApiException(404, "RESOURCE_DOES_NOT_EXIST", "no such probe");
      }
      return Response.ok(Json.object().put("id", req.pathParam("id")));
    });
    emulator.start();
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  private WorkspaceClient client(String token) {
    return new WorkspaceClient(new DatabricksConfig().setHost(emulator.url()).setToken(token).setAuthType("pat"));
  }

  private JsonNode probe(WorkspaceClient w) {
    try {
      return Json.MAPPER.valueToTree(w.apiClient().execute(new Request("POST", "/api/2.0/probe/7", "{}"), java.util.HashMap.class));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Test
  void wrongTokenIsUnauthenticated() {
    assertThrows(Unauthenticated.class, () -> probe(client("wrong")));
    assertEquals(0, probeCalls.get());
  }

  @Test
  void unknownEndpointIs404WithStandardBody() {
    NotFound e = assertThrows(NotFound.class,
        () -> client("secret-token").apiClient().execute(new Request("GET", "/api/2.0/nope"), java.util.HashMap.class));
    assertEquals("ENDPOINT_NOT_FOUND", e.getErrorCode());
  }

  @Test
  void rateLimitAnswers429WithRetryAfterAndTheSdkRetries() throws Exception {
    emulator.options().rateLimits.put("probe", 1.0);
    emulator.options().retryAfterSeconds = 1;
    WorkspaceClient w = client("secret-token");
    assertEquals("7", probe(w).get("id").asText());
    long start = System.nanoTime();
    assertEquals("7", probe(w).get("id").asText()); // bucket empty: 429, SDK waits Retry-After, retries
    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 500, "the SDK should have waited for Retry-After, waited " + waitedMillis + " ms");
    assertTrue(emulator.requests().throttled() >= 1);
    assertEquals(2, probeCalls.get(), "a throttled request must not be applied");

    HttpResponse<String> raw = rawPost("/api/2.0/probe/7");
    assertEquals(429, raw.statusCode());
    assertEquals("1", raw.headers().firstValue("Retry-After").orElseThrow());
    assertTrue(raw.body().contains("\"error_code\":\"REQUEST_LIMIT_EXCEEDED\""), raw.body());
  }

  @Test
  void injectedServerErrorsAreRetriedBySdkWhen503() {
    emulator.addFault(FaultRule.status("POST", "/api/2.0/probe/", 503, 2));
    assertEquals("7", probe(client("secret-token")).get("id").asText());
    assertEquals(1, probeCalls.get());
  }

  @Test
  void injected500SurfacesAsAnErrorAndIsNotApplied() {
    emulator.addFault(FaultRule.status("POST", "/api/2.0/probe/", 500, 1));
    assertThrows(DatabricksException.class, () -> probe(client("secret-token")));
    assertEquals(0, probeCalls.get());
  }

  @Test
  void droppedConnectionIsAnIoErrorForTheClient() {
    emulator.addFault(FaultRule.drop("POST", "/api/2.0/probe/", 10));
    assertThrows(Exception.class, () -> rawPost("/api/2.0/probe/7"));
    assertEquals(0, probeCalls.get());
  }

  @Test
  void adminEndpointsCountConfigureAndInjectFaults() throws Exception {
    probe(client("secret-token"));
    JsonNode counts = Json.MAPPER.readTree(rawGet("/__emulator/requests").body());
    assertEquals(1, counts.get("by_route").get("POST /api/2.0/probe/{id}").asInt());
    assertEquals(1, counts.get("writes").asInt());

    assertEquals(200, rawPostAdmin("/__emulator/faults", "{\"method\":\"POST\",\"path_regex\":\"probe\",\"status\":500,\"count\":1}").statusCode());
    assertEquals(500, rawPost("/api/2.0/probe/1").statusCode());
    assertEquals(200, rawPost("/api/2.0/probe/1").statusCode());

    assertEquals(200, rawPostAdmin("/__emulator/config", "{\"rate_limits\":{\"*\":1},\"retry_after_seconds\":3}").statusCode());
    rawPost("/api/2.0/probe/1");
    HttpResponse<String> limited = rawPost("/api/2.0/probe/1");
    assertEquals(429, limited.statusCode());
    assertEquals("3", limited.headers().firstValue("Retry-After").orElseThrow());

    assertEquals(200, rawPostAdmin("/__emulator/requests/reset", "{}").statusCode());
    assertEquals(0, Json.MAPPER.readTree(rawGet("/__emulator/requests").body()).get("total").asInt());
    assertTrue(Json.MAPPER.readTree(rawGet("/__emulator/state").body()).isObject());
  }

  @Test
  void notFoundAnswersAreCountedPerRoute() throws Exception {
    WorkspaceClient w = client("secret-token");
    assertThrows(NotFound.class, () -> w.apiClient().execute(new Request("GET", "/api/2.0/probe/missing"), java.util.HashMap.class));
    assertThrows(NotFound.class, () -> w.apiClient().execute(new Request("GET", "/api/2.0/probe/missing"), java.util.HashMap.class));
    w.apiClient().execute(new Request("GET", "/api/2.0/probe/7"), java.util.HashMap.class);
    assertThrows(NotFound.class, () -> w.apiClient().execute(new Request("GET", "/api/2.0/nope"), java.util.HashMap.class));

    assertEquals(2, emulator.requests().notFound(), "two answers of a handler were 404; an unknown endpoint has no route");
    assertEquals(2, emulator.requests().notFound("GET /api/2.0/probe/{id}"));
    assertEquals(Map.of("GET /api/2.0/probe/{id}", 2L), emulator.requests().notFoundByRoute());
    JsonNode counts = Json.MAPPER.readTree(rawGet("/__emulator/requests").body());
    assertEquals(2, counts.get("not_found").asInt());
    assertEquals(2, counts.at("/not_found_by_route/GET ~1api~12.0~1probe~1{id}").asInt());
    emulator.requests().reset();
    assertEquals(0, emulator.requests().notFound());
  }

  @Test
  void queryStringsAreDecodedAndRepeatedKeysKept() {
    Map<String, java.util.List<String>> q = Emulator.parseQuery("a=1&b=x%20y&a=2&flag");
    assertEquals(java.util.List.of("1", "2"), q.get("a"));
    assertEquals("x y", q.get("b").get(0));
    assertEquals("", q.get("flag").get(0));
  }

  private HttpResponse<String> rawPost(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url() + path))
        .header("Authorization", "Bearer secret-token").POST(HttpRequest.BodyPublishers.ofString("{}")).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> rawPostAdmin(String path, String body) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url() + path))
        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
  }

  private HttpResponse<String> rawGet(String path) throws Exception {
    return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(emulator.url() + path)).GET().build(),
        HttpResponse.BodyHandlers.ofString());
  }
}
