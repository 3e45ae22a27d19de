package io.dbsync.emulator.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The workspace's DBFS mount table, as dbutils.fs.mounts() shows it. Built-in mount points every
 * workspace has are always listed; user mounts live under /mnt/. Extra configs are kept with secret
 * references in their "{{secrets/scope/key}}" form (the emulator never resolves secret values).
 */
public final class MountTable {
  /** A mount: point, source URL, encryption type ("" when none) and its extra configs. */
  public record Mount(String mountPoint, String source, String encryptionType, Map<String, String> extraConfigs) {}

  private static final List<Mount> BUILT_IN = List.of(
      new Mount("/", "DatabricksRoot", "", Map.of()),
      new Mount("/databricks-datasets", "databricks-datasets", "", Map.of()),
      new Mount("/databricks-results", "databricks-results", "", Map.of()));

  private final Map<String, Mount> mounts = new TreeMap<>();

  /** Every mount (built-ins first, then user mounts by mount point). */
  public synchronized List<Mount> all() {
    var out = new ArrayList<>(BUILT_IN);
    out.addAll(mounts.values());
    return out;
  }

  public synchronized Mount get(String mountPoint) {
    return mounts.get(mountPoint);
  }

  synchronized void put(Mount m) {
    mounts.put(m.mountPoint(), m);
  }

  synchronized boolean remove(String mountPoint) {
    return mounts.remove(mountPoint) != null;
  }

  synchronized JsonNode dump() {
    ArrayNode arr = Json.array();
    for (Mount m : mounts.values()) {
      ObjectNode o = arr.addObject().put("mountPoint", m.mountPoint()).put("source", m.source())
          .put("encryptionType", m.encryptionType());
      ObjectNode cfg = o.putObject("extraConfigs");
      new TreeMap<>(m.extraConfigs()).forEach(cfg::put);
    }
    return arr;
  }

  synchronized void seed(JsonNode seed) {
    for (JsonNode item : seed) {
      Map<String, String> cfg = new TreeMap<>();
      item.path("extraConfigs").properties().forEach(e -> cfg.put(e.getKey(), e.getValue().asText()));
      String point = Json.text(item, "mountPoint");
      String source = Json.text(item, "source");
      if (point == null || !point.startsWith("/mnt/") || source == null) {
        throw new IllegalArgumentException("mounts seed needs mountPoint under /mnt/ and source: " + item);
      }
      String enc = Json.text(item, "encryptionType");
      put(new Mount(point, source, enc == null ? "" : enc, cfg));
    }
  }
}
