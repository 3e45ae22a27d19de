package io.dbsync.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * What the export YAML may contain: the top-level keys, the kinds under {@code objects:} and the
 * settings each kind accepts, with their types. Validation fails on the first problem with a
 * one-line message naming the key path, so a typo never silently exports the wrong selection.
 */
final class ConfigSchema {
  enum Type {
    STRING("a string"),
    BOOL("true or false"),
    STRINGS("a string or a list of strings"),
    DBFS_PATHS("a DBFS path (dbfs:/... or /...) or a list of them"),
    STRING_MAP("a mapping of names to strings"),
    REGEX_FILTER("a mapping of field paths to a regular expression or a list of them");

    final String description;

    Type(String description) {
      this.description = description;
    }
  }

  static final Map<String, Type> TOP_LEVEL = ordered(
      "name", Type.STRING,
      "parameterize_permissions", Type.BOOL);

  /** Settings every kind accepts. */
  static final Map<String, Type> COMMON = ordered(
      "patterns", Type.STRINGS,
      "by", Type.REGEX_FILTER,
      "custom_map_vars", Type.STRING_MAP,
      "parameterize_permissions", Type.BOOL);

  /** The seed's object kinds and their own settings, in the seed's order. */
  static final Map<String, Map<String, Type>> KINDS = new LinkedHashMap<>();

  static {
    KINDS.put("notebook", ordered(
        "notebook_path", Type.STRINGS,
        "exclude_path", Type.STRINGS,
        "exclude_deleted_users", Type.BOOL));
    KINDS.put("global_init_script", Map.of());
    KINDS.put("cluster_policy", Map.of());
    KINDS.put("dbfs_file", ordered(
        "dbfs_path", Type.DBFS_PATHS,
        "exclude_path", Type.STRINGS));
    KINDS.put("instance_pool", Map.of());
    KINDS.put("instance_profile", Map.of());
    KINDS.put("secret", ordered("cluster_id", Type.STRING)); // where secret values are read when secrets/get refuses
    KINDS.put("cluster", ordered("pin_first_20", Type.BOOL));
    KINDS.put("job", ordered(
        "convert_existing_cluster_to_var", Type.BOOL,
        "convert_new_cluster_instance_pool_to_var", Type.BOOL,
        "convert_new_cluster_cluster_policy_to_var", Type.BOOL));
    KINDS.put("identity", ordered(
        "set_all_users_active", Type.BOOL,
        "exclude_deleted_users", Type.BOOL));
    // beyond the seed's template: Git folders, notification destinations, SQL objects, dashboards
    KINDS.put("repo", ordered("exclude_path", Type.STRINGS));
    KINDS.put("notification_destination", Map.of());
    KINDS.put("sql_warehouse", Map.of());
    KINDS.put("sql_query", Map.of());
    KINDS.put("sql_alert", Map.of());
    KINDS.put("dashboard", Map.of());
    // beyond the seed's template: the objects of a 2026 workspace (pipelines, MLflow, serving, settings)
    KINDS.put("pipeline", Map.of());
    KINDS.put("mlflow_experiment", Map.of());
    KINDS.put("mlflow_model", Map.of());
    KINDS.put("model_serving", Map.of());
    KINDS.put("workspace_conf", Map.of());
    KINDS.put("ip_access_list", Map.of());
    // and DBFS mounts and metastore tables/grants, which need compute
    KINDS.put("mount", ordered("cluster_id", Type.STRINGS));
    KINDS.put("metastore", ordered(
        "databases", Type.STRINGS,
        "warehouse_id", Type.STRING,
        "cluster_id", Type.STRING));
    KINDS.put("unity_catalog", ordered(
        "catalogs", Type.STRINGS,
        "create_managed_tables", Type.BOOL));
  }

  private ConfigSchema() {}

  /** Allowed settings of a kind (its own plus the common ones), or null for an unknown kind. */
  static Map<String, Type> settingsOf(String kind, Collection<String> extraKinds) {
    Map<String, Type> own = KINDS.get(kind);
    if (own == null && !extraKinds.contains(kind)) {
      return null;
    }
    Map<String, Type> all = new LinkedHashMap<>(own == null ? Map.of() : own);
    all.putAll(COMMON);
    return all;
  }

  static Set<String> kindNames(Collection<String> extraKinds) {
    Set<String> names = new TreeSet<>(KINDS.keySet());
    names.addAll(extraKinds);
    return names;
  }

  /** Throws a {@link ConfigException} naming {@code path} when the value does not have the type. */
  static void check(String path, JsonNode v, Type type) {
    if (v == null || v.isNull()) {
      return;
    }
    boolean ok = switch (type) {
      case STRING -> v.isTextual();
      case BOOL -> v.isBoolean();
      case STRINGS -> isStrings(v);
      case DBFS_PATHS -> isStrings(v) && allDbfsPaths(v);
      case STRING_MAP -> v.isObject() && allValues(v, JsonNode::isTextual);
      case REGEX_FILTER -> v.isObject() && allValues(v, ConfigSchema::isStrings);
    };
    if (!ok) {
      throw new ConfigException(path + " must be " + type.description);
    }
    if (path.endsWith(".custom_map_vars")) {
      v.properties().forEach(e -> {
        String problem = Grok.problem(e.getValue().asText());
        if (!problem.isEmpty()) {
          throw new ConfigException(path + "." + e.getKey() + " is not a usable pattern: " + problem);
        }
      });
    }
    if (type == Type.REGEX_FILTER) {
      v.properties().forEach(e -> {
        int i = 0;
        for (JsonNode re : e.getValue().isArray() ? e.getValue() : List.of(e.getValue())) {
          String at = path + "." + e.getKey() + (e.getValue().isArray() ? "[" + i + "]" : "");
          try {
            Pattern.compile(re.asText());
          } catch (PatternSyntaxException ex) {
            throw new ConfigException(at + " is not a valid regular expression: "
                + ex.getDescription() + " near index " + ex.getIndex());
          }
          i++;
        }
      });
    }
  }

  private static boolean isStrings(JsonNode v) {
    if (v.isTextual()) {
      return true;
    }
    if (!v.isArray()) {
      return false;
    }
    for (JsonNode x : v) {
      if (!x.isTextual()) {
        return false;
      }
    }
    return true;
  }

  /** "dbfs:/x" or "/x"; another scheme ("s3://...") would list nothing and record every file as removed. */
  private static boolean allDbfsPaths(JsonNode v) {
    for (JsonNode x : v.isArray() ? v : List.of(v)) {
      String p = x.asText();
      if (!(p.startsWith("/") || p.startsWith("dbfs:/")) || p.startsWith("//")) {
        return false;
      }
    }
    return true;
  }

  private static boolean allValues(JsonNode obj, Predicate<JsonNode> p) {
    for (JsonNode x : obj) {
      if (!p.test(x)) {
        return false;
      }
    }
    return true;
  }

  private static Map<String, Type> ordered(Object... kv) {
    Map<String, Type> m = new LinkedHashMap<>();
    for (int i = 0; i < kv.length; i += 2) {
      m.put((String) kv[i], (Type) kv[i + 1]);
    }
    return m;
  }
}
