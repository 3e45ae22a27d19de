package io.dbsync.kind.uc;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.Globs;
import io.dbsync.config.KindSettings;
import io.dbsync.config.Selection;
import io.dbsync.kind.ExportContext;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.regex.Pattern;

/**
 * What an export selects in Unity Catalog, from the {@code unity_catalog} settings, and the source
 * listings the Unity Catalog kinds share during one run (the exporter's run cache):
 * <pre>
 *   unity_catalog:
 *     catalogs: ["main", "sales_*"]   # globs on catalog names; absent = every catalog
 *     patterns: ["main*"]             # globs on every object's name (full names inside catalogs)
 *     by: {owner: "data-.*"}          # regular expressions on fields of the API objects
 *     create_managed_tables: false    # true: managed tables become resources the import creates, empty
 * </pre>
 * {@code catalogs} says where to look, {@code patterns} and {@code by} pick objects there (and the
 * credentials, locations and connections of the metastore) by their own names: "main.sales*" exports
 * the schema main.sales and everything in it, not the catalog main. Built-in catalogs (system,
 * hive_metastore, samples, __databricks_internal) are never exported, nor information_schema; the
 * contents of foreign and Delta Sharing catalogs live elsewhere and are not exported either.
 */
final class UcScope {
  private static final Set<String> BUILT_IN_CATALOGS = Set.of("system", "hive_metastore", "samples",
      "__databricks_internal");
  private static final Set<String> BUILT_IN_TYPES = Set.of("SYSTEM_CATALOG", "INTERNAL_CATALOG");
  static final String INFORMATION_SCHEMA = "information_schema";

  private final WorkspaceClient client;
  private final KindSettings settings;
  private final List<Pattern> catalogGlobs = new ArrayList<>();
  private boolean metastoreRead;
  private ObjectNode metastore;
  private boolean noMetastoreReported;
  private List<JsonNode> catalogs;
  private List<JsonNode> schemas;
  private List<JsonNode> locations;
  private final Map<String, List<JsonNode>> children = new HashMap<>();
  /** Guards the listings above while one is read (a lock, not a monitor: see {@link io.dbsync.kind.KeyedLocks}). */
  private final ReentrantLock lock = new ReentrantLock();

  private UcScope(WorkspaceClient client, KindSettings settings) {
    this.client = client;
    this.settings = settings;
    settings.strings("catalogs").forEach(g -> catalogGlobs.add(Globs.compile(g, true)));
  }

  static UcScope of(ExportContext ctx) {
    return ctx.shared(UcScope.class, () -> new UcScope(ctx.client(), ctx.settings()));
  }

  KindSettings settings() {
    return settings;
  }

  /**
   * Starts a kind's listing: false (with one warning per run) when the workspace has no metastore,
   * else records the source's metastore in the kind's folder ({@link SourceMetastore#FILE}).
   */
  boolean begin(ExportContext ctx) throws IOException {
    ObjectNode m = metastore();
    if (m == null) {
      synchronized (this) {
        if (!noMetastoreReported) {
          noMetastoreReported = true;
          ctx.warn("the workspace has no Unity Catalog metastore assigned; Unity Catalog objects are not exported");
        }
      }
      return false;
    }
    ctx.writeFile(SourceMetastore.FILE, SourceMetastore.file(m));
    return true;
  }

  /** The source's metastore (SourceMetastore#current), or null without one. */
  ObjectNode metastore() throws IOException {
    lock.lock();
    try {
      if (!metastoreRead) {
        metastore = SourceMetastore.current(client);
        metastoreRead = true;
      }
      return metastore;
    } finally {
      lock.unlock();
    }
  }

  /** The id of the source workspace (its own bindings are implied by isolation, see WorkspaceBindingKind). */
  long workspaceId() throws IOException {
    ObjectNode m = metastore();
    return m == null ? 0 : m.path("workspace_id").asLong();
  }

  /** True when the object's name (full name inside catalogs) and API object pass patterns/by. */
  boolean selects(String name, JsonNode raw) {
    Selection s = settings.selection();
    return s.selects(name, raw);
  }

  /** Catalogs in scope (the {@code catalogs} globs, built-ins never), by name: where the export looks. */
  List<JsonNode> scopeCatalogs() throws IOException {
    lock.lock();
    try {
      if (catalogs == null) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : UcApi.list(client, "catalogs", "catalogs")) {
          String name = c.path("name").asText();
          if (BUILT_IN_CATALOGS.contains(name) || BUILT_IN_TYPES.contains(c.path("catalog_type").asText())) {
            continue;
          }
          if (catalogGlobs.isEmpty() || catalogGlobs.stream().anyMatch(g -> g.matcher(name).matches())) {
            out.add(c);
          }
        }
        out.sort(Comparator.comparing(c -> c.path("name").asText()));
        catalogs = List.copyOf(out);
      }
      return catalogs;
    } finally {
      lock.unlock();
    }
  }

  /** Catalogs in scope that patterns/by select. */
  List<JsonNode> catalogs() throws IOException {
    return scopeCatalogs().stream().filter(c -> selects(c.path("name").asText(), c)).toList();
  }

  /** True for a catalog whose schemas, tables, volumes and models are exported (a managed one). */
  static boolean holdsData(JsonNode catalog) {
    String type = catalog.path("catalog_type").asText("MANAGED_CATALOG");
    return type.equals("MANAGED_CATALOG") && !catalog.hasNonNull("connection_name") && !catalog.hasNonNull("share_name");
  }

  /** Schemas of the managed catalogs in scope (information_schema never), by full name. */
  List<JsonNode> scopeSchemas() throws IOException {
    lock.lock();
    try {
      if (schemas == null) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : scopeCatalogs()) {
          if (!holdsData(c)) {
            continue;
          }
          for (JsonNode s : UcApi.list(client, "schemas", "schemas", "catalog_name", c.path("name").asText())) {
            if (!INFORMATION_SCHEMA.equals(s.path("name").asText())) {
              out.add(s);
            }
          }
        }
        out.sort(Comparator.comparing(s -> s.path("full_name").asText()));
        schemas = List.copyOf(out);
      }
      return schemas;
    } finally {
      lock.unlock();
    }
  }

  /** Schemas in scope that patterns/by select. */
  List<JsonNode> schemas() throws IOException {
    return scopeSchemas().stream().filter(s -> selects(s.path("full_name").asText(), s)).toList();
  }

  /**
   * Objects of one collection (volumes, tables, models) in the schemas in scope that patterns/by
   * select, by full name; each schema's list is read once per run.
   */
  List<JsonNode> inSchemas(String collection, String field) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode s : scopeSchemas()) {
      for (JsonNode o : listInSchema(collection, field, s)) {
        if (selects(o.path("full_name").asText(), o)) {
          out.add(o);
        }
      }
    }
    out.sort(Comparator.comparing(o -> o.path("full_name").asText()));
    return out;
  }

  private List<JsonNode> listInSchema(String collection, String field, JsonNode schema) throws IOException {
    lock.lock();
    try {
      String key = collection + "\u0000" + schema.path("full_name").asText();
      List<JsonNode> l = children.get(key);
      if (l == null) {
        l = List.copyOf(UcApi.list(client, collection, field, "catalog_name", schema.path("catalog_name").asText(),
            "schema_name", schema.path("name").asText()));
        children.put(key, l);
      }
      return l;
    } finally {
      lock.unlock();
    }
  }

  /** Objects of a metastore-level collection (credentials, locations, connections) the selection keeps. */
  List<JsonNode> metastoreObjects(String collection, String field) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode o : UcApi.list(client, collection, field)) {
      if (selects(o.path("name").asText(), o)) {
        out.add(o);
      }
    }
    out.sort(Comparator.comparing(o -> o.path("name").asText()));
    return out;
  }

  /** The selected external locations (storage paths inside them are rendered relative to them). */
  List<JsonNode> locations() throws IOException {
    lock.lock();
    try {
      if (locations == null) {
        locations = List.copyOf(metastoreObjects("external-locations", "external_locations"));
      }
      return locations;
    } finally {
      lock.unlock();
    }
  }
}
