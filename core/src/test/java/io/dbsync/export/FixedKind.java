package io.dbsync.export;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.client.Pause;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.SourceObject;
import io.dbsync.tf.Names;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A test kind over fixed data (our own Kind interface, no Databricks API): objects are id -> JSON.
 * Special fields in an object's JSON exercise the rendering: "ref_cluster" (id of a "databricks_cluster"
 * object, rendered through ref), "content" (written as an artifact "<name>.txt", or at "artifact_path"),
 * "secret_var" (a sensitive variable), "data_ref_X" (a data source reference), "ref:TYPE" (id of an object
 * of any type, rendered through ref as attribute "ref_TYPE"). Listing can be made to fail, to wait
 * ({@link #listGate}, {@link #listDelayMillis}), and single objects' exports too.
 */
public final class FixedKind implements Kind {
  /** A field "data_ref_X": "type.name.attr" becomes attribute X referring to that data source. */
  public static final String DATA_REF = "data_ref_";
  private final String type;
  private final String configKey;
  private final String directory;
  public final Map<String, ObjectNode> objects = new ConcurrentSkipListMap<>();
  public final Set<String> failingIds = ConcurrentHashMap.newKeySet();
  /** Objects that disappear between listing and export (export returns nothing). */
  public final Set<String> vanishingIds = ConcurrentHashMap.newKeySet();
  public volatile boolean failListing;
  /** Concurrent export() calls now and at most (the exporter bounds them). */
  public final AtomicInteger inFlight = new AtomicInteger();
  public final AtomicInteger maxInFlight = new AtomicInteger();
  public volatile long exportMillis;
  /** When true, list() passes names through untouched (the exporter must make them safe). */
  public volatile boolean rawNames;
  /** When set, list() waits for it first (then lists or fails). */
  public volatile CountDownLatch listGate;
  public volatile long listDelayMillis;
  /** Set once list() has returned or failed. */
  public volatile boolean listed;
  /** Called as each object's export begins, with the object's id. */
  public volatile Consumer<String> onExport = id -> { };

  public FixedKind(String type, String configKey, String directory) {
    this.type = type;
    this.configKey = configKey;
    this.directory = directory;
  }

  public FixedKind put(String id, String name, Object... kv) {
    ObjectNode o = TfJson.object();
    o.put("name", name);
    for (int i = 0; i < kv.length; i += 2) {
      Object v = kv[i + 1];
      if (v instanceof Integer n) {
        o.put((String) kv[i], n);
      } else if (v instanceof Boolean b) {
        o.put((String) kv[i], b);
      } else {
        o.put((String) kv[i], String.valueOf(v));
      }
    }
    objects.put(id, o);
    return this;
  }

  @Override
  public KindInfo info() {
    return KindInfo.exported(type, configKey, directory, "test objects");
  }

  @Override
  public List<SourceObject> list(ExportContext ctx) throws IOException {
    try {
      return listNow(ctx);
    } finally {
      listed = true;
    }
  }

  private List<SourceObject> listNow(ExportContext ctx) throws IOException {
    CountDownLatch gate = listGate;
    if (gate != null) {
      try {
        gate.await();
      } catch (InterruptedException e) {
        throw new IOException("interrupted", e);
      }
    }
    if (listDelayMillis > 0) {
      Pause.sleep(listDelayMillis);
    }
    if (failListing) {
      throw new IOException("listing " + type + " failed: 503 TEMPORARILY_UNAVAILABLE");
    }
    List<SourceObject> out = new ArrayList<>();
    objects.forEach((id, o) -> {
      String name = o.get("name").asText();
      if (ctx.settings().selection().matchesName(name)) {
        out.add(new SourceObject(id, rawNames ? name : Names.safe(name), o));
      }
    });
    return out;
  }

  @Override
  public List<ExportedResource> export(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    onExport.accept(obj.id());
    try {
      if (exportMillis > 0) {
        Pause.sleep(exportMillis);
      }
      return exportNow(ctx, obj, raw);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private List<ExportedResource> exportNow(ExportContext ctx, SourceObject obj, JsonNode raw) throws IOException {
    if (failingIds.contains(obj.id())) {
      throw new IllegalStateException("reading " + obj.id() + " failed: 500 INTERNAL_ERROR");
    }
    if (vanishingIds.contains(obj.id())) {
      return List.of();
    }
    return Kind.super.export(ctx, obj, raw);
  }

  @Override
  public JsonNode read(KindContext ctx, String id) {
    return objects.get(id);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) throws IOException {
    ObjectNode attrs = TfJson.object();
    attrs.put("name", raw.get("name").asText());
    var it = raw.properties().iterator();
    while (it.hasNext()) {
      var e = it.next();
      switch (e.getKey()) {
        case "name", "artifact_path" -> { }
        case "ref_cluster" -> attrs.put("cluster_id", rendering.ref("databricks_cluster", e.getValue().asText(), "id"));
        case "content" -> {
          String path = raw.has("artifact_path") ? raw.get("artifact_path").asText()
              : Names.safe(raw.get("name").asText()) + ".txt";
          byte[] bytes = e.getValue().asText().getBytes(StandardCharsets.UTF_8);
          attrs.put("source", rendering.artifact(path, out -> out.write(bytes)));
        }
        case "secret_var" -> attrs.put("string_value",
            rendering.variable(e.getValue().asText(), "value of " + raw.get("name").asText(), true, "s3cr3t"));
        default -> {
          if (e.getKey().startsWith("ref:")) {
            String target = e.getKey().substring("ref:".length());
            attrs.put("ref_" + target, rendering.ref(target, e.getValue().asText(), "id"));
          } else if (e.getKey().startsWith(DATA_REF)) {
            String[] parts = e.getValue().asText().split("\\.");
            attrs.put(e.getKey().substring(DATA_REF.length()), rendering.dataSource(parts[0], parts[1], parts[2]));
          } else {
            attrs.set(e.getKey(), e.getValue());
          }
        }
      }
    }
    return attrs;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) {
    throw new IllegalStateException("FixedKind is an export-only test kind");
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) {
    throw new IllegalStateException("FixedKind is an export-only test kind");
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) {
    throw new IllegalStateException("FixedKind is an export-only test kind");
  }
}
