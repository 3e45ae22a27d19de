package io.dbsync.config;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.charset.CharacterCodingException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The export YAML (the seed tool's format): {@code name}, {@code parameterize_permissions} and
 * {@code objects:} with one block per kind to export. A kind that is not listed is not exported;
 * a listed kind with no settings ({@code cluster:}) is exported with defaults.
 *
 * <p>The top-level {@code parameterize_permissions} is inherited by every kind's settings (a kind
 * may override it in its own block), so kinds read it as {@code settings.bool("parameterize_permissions", false)}.
 */
public final class ExportConfig {
  // duplicate keys are an error: with last-wins a repeated kind block would silently drop settings
  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());
  private static final String TEMPLATE = "/io/dbsync/config/export-template.yaml";
  public static final String DEFAULT_NAME = "databricks-sync";

  private final String name;
  private final boolean parameterizePermissions;
  private final Map<String, KindSettings> objects;

  private ExportConfig(String name, boolean parameterizePermissions, Map<String, KindSettings> objects) {
    this.name = name;
    this.parameterizePermissions = parameterizePermissions;
    this.objects = Collections.unmodifiableMap(objects);
  }

  /** Parses and validates; object keys are the kinds of {@link ConfigSchema}. */
  public static ExportConfig parse(String yaml) {
    return parse(yaml, List.of());
  }

  /**
   * Parses and validates, also accepting the object keys {@code extraKinds} (with the common
   * settings): callers pass {@code KindRegistry.configKeys()} so that kinds a build adds are accepted.
   */
  public static ExportConfig parse(String yaml, Collection<String> extraKinds) {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      JsonLocation at = e.getLocation();
      String where = at == null ? "" : " at line " + at.getLineNr() + " column " + at.getColumnNr();
      throw new ConfigException("config is not valid YAML" + where + ": " + firstLine(e.getOriginalMessage()), e);
    }
    if (root == null || root.isNull() || root.isMissingNode()) {
      throw new ConfigException("config is empty: expected at least an 'objects:' mapping");
    }
    if (!root.isObject()) {
      throw new ConfigException("config must be a mapping with 'name' and 'objects'");
    }
    Set<String> kinds = ConfigSchema.kindNames(extraKinds);
    String name = DEFAULT_NAME;
    boolean parameterize = false;
    JsonNode objectsNode = null;
    for (Map.Entry<String, JsonNode> e : iterable(root)) {
      String key = e.getKey();
      JsonNode v = e.getValue();
      switch (key) {
        case "name" -> {
          ConfigSchema.check("name", v, ConfigSchema.Type.STRING);
          if (v != null && !v.isNull()) {
            name = v.asText();
          }
        }
        case "parameterize_permissions" -> {
          ConfigSchema.check("parameterize_permissions", v, ConfigSchema.Type.BOOL);
          parameterize = v != null && v.asBoolean(false);
        }
        case "objects" -> objectsNode = v;
        default -> throw new ConfigException("unknown top-level key '" + key
            + "' (allowed: name, parameterize_permissions, objects)");
      }
    }
    if (objectsNode == null || objectsNode.isNull()) {
      throw new ConfigException("objects is required: list the kinds to export, e.g. 'objects: {cluster: {}}'");
    }
    if (!objectsNode.isObject()) {
      throw new ConfigException("objects must be a mapping of kind names (" + String.join(", ", kinds) + ") to settings");
    }
    Map<String, KindSettings> objects = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : iterable(objectsNode)) {
      String kind = e.getKey();
      Map<String, ConfigSchema.Type> allowed = ConfigSchema.settingsOf(kind, extraKinds);
      if (allowed == null) {
        throw new ConfigException("objects." + kind + " is not a known kind (allowed: " + String.join(", ", kinds) + ")");
      }
      JsonNode block = e.getValue();
      ObjectNode settings;
      if (block == null || block.isNull() || (block.isTextual() && block.asText().isEmpty())) {
        settings = YAML.createObjectNode(); // "cluster:" with nothing after it
      } else if (block.isObject()) {
        settings = (ObjectNode) block.deepCopy();
      } else {
        throw new ConfigException("objects." + kind + " must be a mapping of settings (or empty)");
      }
      for (Map.Entry<String, JsonNode> s : iterable(settings)) {
        ConfigSchema.Type type = allowed.get(s.getKey());
        String path = "objects." + kind + "." + s.getKey();
        if (type == null) {
          throw new ConfigException(path + " is not a setting of " + kind + " (allowed: "
              + String.join(", ", allowed.keySet()) + ")");
        }
        ConfigSchema.check(path, s.getValue(), type);
      }
      if (!settings.has("parameterize_permissions") && parameterize) {
        settings.put("parameterize_permissions", true);
      }
      objects.put(kind, new KindSettings(kind, settings));
    }
    return new ExportConfig(name, parameterize, objects);
  }

  public static ExportConfig load(Path file) {
    return load(file, List.of());
  }

  public static ExportConfig load(Path file, Collection<String> extraKinds) {
    String text;
    try {
      text = Files.readString(file, StandardCharsets.UTF_8);
    } catch (NoSuchFileException e) {
      throw new ConfigException("config file not found: " + file);
    } catch (CharacterCodingException e) {
      throw new ConfigException("config file " + file + " is not UTF-8 text (save it as UTF-8)", e);
    } catch (IOException e) {
      throw new ConfigException("cannot read config file " + file + ": " + e.getMessage(), e);
    }
    return parse(text, extraKinds); // messages name the key path; the caller names the file
  }

  /** The commented template `init` writes: every kind and option, all kinds selected. */
  public static String template() {
    try (InputStream in = ExportConfig.class.getResourceAsStream(TEMPLATE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + TEMPLATE);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Writes the template to {@code file}; refuses to overwrite an existing file. */
  public static void writeTemplate(Path file) throws IOException {
    if (Files.exists(file)) {
      throw new ConfigException("refusing to overwrite existing file " + file);
    }
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Files.writeString(file, template(), StandardCharsets.UTF_8);
  }

  public String name() {
    return name;
  }

  public boolean parameterizePermissions() {
    return parameterizePermissions;
  }

  /** Selected object keys, in file order. */
  public Set<String> objectKeys() {
    return objects.keySet();
  }

  public boolean selects(String configKey) {
    return objects.containsKey(configKey);
  }

  public Optional<KindSettings> settings(String configKey) {
    return Optional.ofNullable(objects.get(configKey));
  }

  /** The settings of a key, or empty settings when it is not listed. */
  public KindSettings settingsOrEmpty(String configKey) {
    return objects.getOrDefault(configKey, KindSettings.empty(configKey));
  }

  private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode obj) {
    return obj.properties();
  }

  private static String firstLine(String s) {
    if (s == null) {
      return "syntax error";
    }
    int nl = s.indexOf('\n');
    return (nl < 0 ? s : s.substring(0, nl)).trim();
  }
}
