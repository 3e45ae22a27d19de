package io.dbsync.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Rate-limit keys (family, family:read, family:write, *) and the published preset. */
class RateLimitKeysTest {
  @Test
  void finerKeysWinThenFamilyThenStar() {
    Map<String, Double> limits = Map.of("jobs", 2.0, "jobs:read", 5.0, "*", 3.0, "dbfs", 0.0);
    assertEquals(new RateLimiter.Limit("jobs:read", 5.0), RateLimiter.resolve(limits, "jobs", "GET"));
    assertEquals(new RateLimiter.Limit("jobs", 2.0), RateLimiter.resolve(limits, "jobs", "POST"));
    assertEquals(new RateLimiter.Limit("clusters", 3.0), RateLimiter.resolve(limits, "clusters", "GET"),
        "'*' gives each family its own bucket");
    assertNull(RateLimiter.resolve(limits, "dbfs", "GET"), "0 exempts a family from '*'");
    assertNull(RateLimiter.resolve(Map.of("jobs:write", 1.0), "jobs", "GET"));
  }

  @Test
  void writesCanBeThrottledWhileReadsFlow() throws Exception {
    EmulatorOptions options = new EmulatorOptions();
    options.rateLimits.put("jobs:write", 1.0);
    options.retryAfterSeconds = 7;
    try (Emulator emu = new Emulator(options).start()) {
      assertEquals(200, send(emu, "POST", "/api/2.1/jobs/create", "{\"name\":\"a\"}").statusCode());
      HttpResponse<String> limited = send(emu, "POST", "/api/2.1/jobs/create", "{\"name\":\"b\"}");
      assertEquals(429, limited.statusCode());
      assertEquals("7", limited.headers().firstValue("Retry-After").orElseThrow());
      assertEquals("REQUEST_LIMIT_EXCEEDED", Json.parse(limited.body()).get("error_code").asText());
      for (int i = 0; i < 5; i++) {
        assertEquals(200, send(emu, "GET", "/api/2.1/jobs/list", null).statusCode());
      }
      assertEquals(1, Json.parse(send(emu, "GET", "/api/2.1/jobs/list", null).body()).get("jobs").size(),
          "the throttled create was not applied");
    }
  }

  @Test
  void publishedPresetHoldsThePublishedFigures() {
    Map<String, Double> preset = EmulatorOptions.publishedRateLimits();
    assertEquals(20.0, preset.get("jobs:write"));
    assertEquals(100.0, preset.get("jobs:read"));
    assertEquals(30.0, preset.get("dbfs"));
    assertEquals(1100 / 60.0, preset.get("secrets"), 1e-9);
    assertEquals(255 / 60.0, preset.get("scim:read"), 1e-9);
    assertNull(preset.get("*"), "families without an entry stay unlimited");
    Emulator emu = new Emulator();
    for (String key : preset.keySet()) {
      String family = key.split(":")[0];
      assertTrue(emu.router().routes().stream().anyMatch(r -> r.family().equals(family)), "preset key " + key + " names a family");
    }
  }

  @Test
  void routesEndpointShowsEachRoutesFamilyAndKeys() throws Exception {
    try (Emulator emu = new Emulator().start()) {
      JsonNode routes = Json.parse(send(emu, "GET", "/__emulator/routes", null).body());
      JsonNode create = null;
      for (JsonNode r : routes) {
        if (r.get("method").asText().equals("POST") && r.get("path").asText().equals("/api/2.0|2.1|2.2/jobs/create")) {
          create = r;
        }
      }
      assertEquals("jobs", create.get("family").asText());
      assertEquals("[\"jobs:write\",\"jobs\",\"*\"]", create.get("rate_limit_keys").toString());
      assertEquals(emu.router().routes().size(), routes.size());
    }
  }

  private static HttpResponse<String> send(Emulator emu, String method, String path, String body) throws Exception {
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(emu.url() + path)).header("Authorization", "Bearer t")
        .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
    return HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
  }
}
