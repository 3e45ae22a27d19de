package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One Unity Catalog metastore in memory: its summary, the securables by type and lower-case full
 * name, the grants on them and the workspace bindings. Workspaces attached to the same metastore
 * (two emulators given the same object through {@code EmulatorOptions.unityCatalog}) see the same
 * objects. Every access runs under this object's monitor ({@link #locked}), because the emulators
 * sharing it serve requests on their own threads under their own locks.
 *
 * <p>Stored objects are the API representation without {@code metastore_id} (added when rendered,
 * so that a seeded metastore id applies to everything); fields starting with "__" are the
 * emulator's own (secrets, model versions) and never rendered.
 */
public final class UcMetastore {
  private static final AtomicLong INSTANCES = new AtomicLong();

  private final ObjectNode info = Json.object();
  private final SplittableRandom random;
  private final Map<UcType, TreeMap<String, ObjectNode>> objects = new EnumMap<>(UcType.class);
  /** "type:full_name" -> principal -> privileges. */
  private final TreeMap<String, TreeMap<String, TreeSet<String>>> grants = new TreeMap<>();
  /** "type:name" -> workspace id -> binding type. */
  private final TreeMap<String, TreeMap<Long, String>> bindings = new TreeMap<>();
  private int pageSize = 100;

  /** A metastore with a distinct id (a counter per JVM, so the ids are stable for a given test order). */
  public UcMetastore() {
    this(String.format("00000000-0000-4000-8000-%012d", INSTANCES.incrementAndGet()));
  }

  public UcMetastore(String metastoreId) {
    random = new SplittableRandom(metastoreId.hashCode());
    for (UcType t : UcType.values()) {
      objects.put(t, new TreeMap<>());
    }
    info.put("metastore_id", metastoreId);
    info.put("name", "emulator-metastore");
    info.put("cloud", "aws");
    info.put("region", "us-east-1");
    info.put("storage_root", "s3://emulator-metastore-root/" + metastoreId);
    info.put("owner", "admins");
    info.put("privilege_model_version", "1.0");
    info.put("delta_sharing_scope", "INTERNAL");
    info.put("external_access_enabled", false);
    info.put("created_at", 0L);
    info.put("created_by", "System user");
    info.put("updated_at", 0L);
    info.put("updated_by", "System user");
  }

  public synchronized String metastoreId() {
    return info.get("metastore_id").asText();
  }

  /** Runs an action alone on this metastore. */
  public synchronized <T> T locked(Callable<T> action) throws Exception {
    return action.call();
  }

  // ------------------------------------------------------------ metastore summary

  /** GetMetastoreSummaryResponse: the stored fields plus global_metastore_id. */
  synchronized ObjectNode summary() {
    ObjectNode s = Json.copy(info);
    s.put("global_metastore_id", s.get("cloud").asText() + ":" + s.get("region").asText() + ":" + metastoreId());
    return s;
  }

  /** Seeded metastore fields (metastore_id, name, region, cloud, storage_root, owner, ...). */
  synchronized void setInfo(JsonNode fields) {
    fields.properties().forEach(e -> info.set(e.getKey(), Json.copy(e.getValue())));
  }

  synchronized String storageRoot() {
    return Json.text(info, "storage_root");
  }

  int pageSize() {
    return pageSize;
  }

  void setPageSize(int size) {
    pageSize = Math.max(1, size);
  }

  synchronized String uuid() {
    return new java.util.UUID(random.nextLong(), random.nextLong()).toString();
  }

  synchronized String hex(int n) {
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < n; i++) {
      sb.append(Character.forDigit(random.nextInt(16), 16));
    }
    return sb.toString();
  }

  // ------------------------------------------------------------ securables

  ObjectNode get(UcType type, String key) {
    return objects.get(type).get(key);
  }

  void put(UcType type, String key, ObjectNode node) {
    objects.get(type).put(key, node);
  }

  /** Removes an object with its grants and bindings (not its children: callers cascade explicitly). */
  ObjectNode remove(UcType type, String key) {
    grants.remove(type.pathName + ":" + key);
    bindings.remove(type.pathName + ":" + key);
    return objects.get(type).remove(key);
  }

  /** All objects of a type in name order. */
  List<ObjectNode> all(UcType type) {
    return new ArrayList<>(objects.get(type).values());
  }

  /** The objects of a type directly under a parent ("c" -> schemas "c.*"; "c.s" -> tables "c.s.*"). */
  List<ObjectNode> children(UcType type, String parentKey) {
    String prefix = parentKey + ".";
    List<ObjectNode> out = new ArrayList<>();
    for (Map.Entry<String, ObjectNode> e : objects.get(type).tailMap(prefix).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (e.getKey().indexOf('.', prefix.length()) < 0) {
        out.add(e.getValue());
      }
    }
    return out;
  }

  /**
   * Moves an object to a new key with its grants and bindings; renaming a catalog or a schema moves
   * everything below it and rewrites their catalog_name / schema_name / full_name.
   */
  void rename(UcType type, String oldKey, String newKey) {
    ObjectNode node = objects.get(type).remove(oldKey);
    objects.get(type).put(newKey, node);
    moveKey(grants, type.pathName + ":" + oldKey, type.pathName + ":" + newKey);
    moveKey(bindings, type.pathName + ":" + oldKey, type.pathName + ":" + newKey);
    if (type != UcType.CATALOG && type != UcType.SCHEMA) {
      return;
    }
    String field = type == UcType.CATALOG ? "catalog_name" : "schema_name";
    String newName = newKey.substring(newKey.lastIndexOf('.') + 1);
    for (UcType child : List.of(UcType.SCHEMA, UcType.TABLE, UcType.VOLUME, UcType.FUNCTION)) {
      TreeMap<String, ObjectNode> byKey = objects.get(child);
      for (String key : new ArrayList<>(byKey.tailMap(oldKey + ".").keySet())) {
        if (!key.startsWith(oldKey + ".")) {
          break;
        }
        String moved = newKey + key.substring(oldKey.length());
        ObjectNode c = byKey.remove(key);
        c.put(field, newName);
        c.put("full_name", moved);
        byKey.put(moved, c);
        moveKey(grants, child.pathName + ":" + key, child.pathName + ":" + moved);
      }
    }
  }

  private static <V> void moveKey(TreeMap<String, V> map, String from, String to) {
    V v = map.remove(from);
    if (v != null) {
      map.put(to, v);
    }
  }

  // ------------------------------------------------------------ grants and bindings

  /** principal -> privileges on a securable; the live map (created when absent). */
  TreeMap<String, TreeSet<String>> grants(UcType type, String key) {
    return grants.computeIfAbsent(type.pathName + ":" + key, k -> new TreeMap<>());
  }

  /** Drops empty entries so that dumps stay small and deterministic. */
  void pruneGrants() {
    for (Iterator<TreeMap<String, TreeSet<String>>> it = grants.values().iterator(); it.hasNext(); ) {
      TreeMap<String, TreeSet<String>> byPrincipal = it.next();
      byPrincipal.values().removeIf(TreeSet::isEmpty);
      if (byPrincipal.isEmpty()) {
        it.remove();
      }
    }
  }

  /** workspace id -> binding type of a securable; the live map (created when absent). */
  TreeMap<Long, String> bindings(UcType type, String key) {
    return bindings.computeIfAbsent(type.pathName + ":" + key, k -> new TreeMap<>());
  }

  /** Null when the securable was never bound. */
  TreeMap<Long, String> bindingsOrNull(UcType type, String key) {
    return bindings.get(type.pathName + ":" + key);
  }

  // ------------------------------------------------------------ state

  synchronized ObjectNode dump() {
    ObjectNode out = Json.object();
    out.set("metastore", summary());
    out.put("page_size", pageSize);
    for (UcType t : UcType.values()) {
      if (t != UcType.METASTORE) {
        var arr = out.putArray(UcSeed.key(t));
        objects.get(t).values().forEach(o -> arr.add(Json.copy(o)));
      }
    }
    ObjectNode g = out.putObject("grants");
    grants.forEach((key, byPrincipal) -> {
      ObjectNode o = g.putObject(key);
      byPrincipal.forEach((p, privs) -> {
        var a = o.putArray(p);
        privs.forEach(a::add);
      });
    });
    ObjectNode b = out.putObject("bindings");
    bindings.forEach((key, byWs) -> {
      ObjectNode o = b.putObject(key);
      byWs.forEach((ws, type) -> o.put(Long.toString(ws), type));
    });
    return out;
  }
}
