package io.dbsync.export;

import com.databricks.sdk.WorkspaceClient;
import com.databricks.sdk.core.http.Request;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Clients;
import io.dbsync.client.CountingHttpClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.emulator.Emulator;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Response;
import io.dbsync.git.GitTarget;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.KindRegistry;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.report.ExportReport;
import io.dbsync.tf.TfJson;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * API-call counting against the emulator: a test kind that lists and reads "things" over HTTP
 * through the SDK's ApiClient, routes of our own registered on the emulator, and a per-family rate
 * limit that makes the emulator answer 429 (which the SDK retries after Retry-After).
 */
class ApiCountingTest {
  @TempDir
  Path tmp;
  Emulator emulator;

  /** Response shape of the test routes (the SDK deserializes into bean classes). */
  public static final class Body {
    @com.fasterxml.jackson.annotation.JsonProperty("things")
    public List<Map<String, Object>> things;
    @com.fasterxml.jackson.annotation.JsonProperty("id")
    public String id;
    @com.fasterxml.jackson.annotation.JsonProperty("name")
    public String name;
  }

  static JsonNode get(WorkspaceClient client, Request req) throws java.io.IOException {
    ObjectNode n = TfJson.MAPPER.valueToTree(client.apiClient().execute(req, Body.class));
    TfJson.prune(n);
    return n;
  }

  /** A kind over the emulator's /api/2.0/test-things routes. */
  static final class ThingKind implements Kind {
    @Override
    public KindInfo info() {
      return KindInfo.exported("databricks_thing", "cluster", "things", "test things");
    }

    @Override
    public List<SourceObject> list(ExportContext ctx) throws IOException {
      JsonNode list = get(ctx.client(), new Request("GET", "/api/2.0/test-things/list"));
      List<SourceObject> out = new ArrayList<>();
      list.path("things").forEach(t -> out.add(new SourceObject(t.get("id").asText(), t.get("name").asText(), null)));
      return out;
    }

    @Override
    public JsonNode read(KindContext ctx, String id) throws IOException {
      return get(ctx.client(), new Request("GET", "/api/2.0/test-things/get").withQueryParam("id", id));
    }

    @Override
    public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
      ObjectNode o = TfJson.object();
      o.put("name", raw.get("name").asText());
      return o;
    }

    @Override
    public String create(ApplyContext ctx, ObjectNode attrs) {
      throw new IllegalStateException("export-only test kind");
    }

    @Override
    public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
      throw new IllegalStateException("export-only test kind");
    }

    @Override
    public void delete(ApplyContext ctx, String id, ObjectNode prior) {
      throw new IllegalStateException("export-only test kind");
    }
  }

  @BeforeEach
  void start() throws Exception {
    emulator = new Emulator().start();
    emulator.router().add("GET", "/api/2.0/test-things/list", "test", req -> {
      ObjectNode body = TfJson.object();
      ArrayNode things = body.putArray("things");
      for (int i = 0; i < 12; i++) {
        things.addObject().put("id", "t" + i).put("name", "thing_" + i);
      }
      return Response.ok(body);
    });
    emulator.router().add("GET", "/api/2.0/test-things/get", "test", req -> {
      String id = req.requireQ("id");
      if (id.equals("t11")) {
        throw new ApiException(404, "RESOURCE_DOES_NOT_EXIST", "gone");
      }
      ObjectNode o = TfJson.object();
      o.put("id", id).put("name", "thing_" + id.substring(1));
      return Response.ok(o);
    });
  }

  @AfterEach
  void stop() {
    emulator.close();
  }

  @Test
  void callsAndThrottlingAreCountedPerRun() throws Exception {
    WorkspaceClient client = Clients.countingForHost(emulator.url(), emulator.token());
    CountingHttpClient counter = Clients.counter(client).orElseThrow();
    long setupCalls = counter.snapshot().calls(); // whatever the SDK sent while resolving the config
    emulator.requests().reset();
    emulator.options().rateLimits.put("test", 4.0);
    emulator.options().retryAfterSeconds = 1;

    ExportReport r = ExportRun.run(ExportOptions.builder(client, ExportConfig.parse("objects:\n  cluster:\n", List.of()),
            GitTarget.parse(tmp.resolve("repo").toString()))
        .kinds(new KindRegistry(List.of(new ThingKind()))).parallelism(8).build());

    var api = r.api();
    assertTrue(api.counted());
    assertEquals(emulator.requests().total(), api.calls(), "every request the emulator saw, retries included");
    assertEquals(emulator.requests().throttled(), api.throttled());
    assertTrue(api.throttled() > 0, "the rate limit was hit: " + api);
    assertEquals(14 + api.throttled(), api.calls(),
        "the source's cloud (one /.well-known/databricks-config on a host the SDK does not know), 1 list + 12 reads, "
            + "plus one retry per 429");
    assertEquals(setupCalls + api.calls(), counter.snapshot().calls());
    assertEquals(1, r.failures().size(), "the 404 read fails that one object only");
    assertEquals(11, r.exported());
    assertTrue(Files.exists(tmp.resolve("repo/exports/things/thing_0.tf.json")));
  }

  @Test
  void resolvedAndHostClientsCount() throws Exception {
    Path cfg = tmp.resolve("databrickscfg");
    Files.writeString(cfg, "[emu]\nhost = " + emulator.url() + "\ntoken = " + emulator.token() + "\n");
    WorkspaceClient byProfile = Clients.forConfig(Clients.resolve("emu", cfg.toString()));
    CountingHttpClient c = Clients.counter(byProfile).orElseThrow();
    long before = c.snapshot().calls();
    get(byProfile, new Request("GET", "/api/2.0/test-things/list"));
    assertEquals(before + 1, c.snapshot().calls());
    assertEquals(emulator.url(), byProfile.config().getHost());

    assertTrue(Clients.counter(Clients.forHost(emulator.url(), "t")).isPresent(), "every client counts and waits out 429s");
  }
}
