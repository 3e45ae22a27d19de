package io.dbsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbsync.tf.Cloud;

import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Reads the mapping file (YAML). Every key is checked: an unknown or misspelt key, or a value of the
 * wrong shape, is a one-line error naming the key path, so a typo never silently maps nothing.
 */
final class MappingFile {
  static final Set<String> TOP_LEVEL = Set.of("node_types", "cloud_attributes", "instance_profiles", "storage",
      "principals", "workspace_paths", "missing_principals", "fallback_owner");

  private static final ObjectMapper YAML = new ObjectMapper(
      YAMLFactory.builder().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build());

  private final String where;

  private MappingFile(String where) {
    this.where = where;
  }

  static Mapping parse(String yaml, String where) throws MappingException {
    return new MappingFile(where).parse(yaml);
  }

  private Mapping parse(String yaml) throws MappingException {
    JsonNode root;
    try {
      root = YAML.readTree(yaml);
    } catch (JsonProcessingException e) {
      String msg = e.getOriginalMessage() == null ? "" : e.getOriginalMessage().lines().findFirst().orElse("");
      throw error(null, "not valid YAML: " + msg);
    }
    if (root == null || root.isMissingNode() || root.isNull()) {
      return Mapping.none();
    }
    if (!root.isObject()) {
      throw error(null, "the top level must be a mapping of the keys " + String.join(", ", sorted(TOP_LEVEL)));
    }
    for (String key : (Iterable<String>) root::fieldNames) {
      if (!TOP_LEVEL.contains(key)) {
        throw error(key, "unknown key (expected one of " + String.join(", ", sorted(TOP_LEVEL)) + ")");
      }
    }
    JsonNode principals = root.path("principals");
    if (!principals.isMissingNode() && !principals.isNull()) {
      requireObject(principals, "principals");
      for (String key : (Iterable<String>) principals::fieldNames) {
        if (List.of("users", "groups", "service_principals").stream().noneMatch(key::equals)) {
          throw error("principals." + key, "unknown key (expected users, groups or service_principals)");
        }
      }
    }
    PrincipalPolicy policy = null;
    JsonNode p = root.get("missing_principals");
    if (p != null && !p.isNull()) {
      try {
        policy = PrincipalPolicy.parse(text(p, "missing_principals"));
      } catch (IllegalArgumentException e) {
        throw error("missing_principals", e.getMessage());
      }
    }
    JsonNode owner = root.get("fallback_owner");
    return new Mapping(where,
        strings(root.get("node_types"), "node_types"),
        cloudAttributes(root.get("cloud_attributes")),
        instanceProfiles(root.get("instance_profiles")),
        strings(root.get("storage"), "storage"),
        new PrincipalRenames(strings(principals.get("users"), "principals.users"),
            strings(principals.get("groups"), "principals.groups"),
            strings(principals.get("service_principals"), "principals.service_principals")),
        strings(root.get("workspace_paths"), "workspace_paths"),
        policy == null ? PrincipalPolicy.CREATE : policy,
        owner == null || owner.isNull() ? null : text(owner, "fallback_owner"));
  }

  private Map<String, String> strings(JsonNode node, String path) throws MappingException {
    Map<String, String> out = new TreeMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    requireObject(node, path);
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      out.put(e.getKey(), text(e.getValue(), path + "." + e.getKey()));
    }
    return out;
  }

  private Map<Cloud, ObjectNode> cloudAttributes(JsonNode node) throws MappingException {
    Map<Cloud, ObjectNode> out = new EnumMap<>(Cloud.class);
    if (node == null || node.isNull()) {
      return out;
    }
    requireObject(node, "cloud_attributes");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      Cloud c;
      try {
        c = Cloud.parse(e.getKey());
      } catch (IllegalArgumentException ex) {
        throw error("cloud_attributes." + e.getKey(), ex.getMessage());
      }
      if (!e.getValue().isObject()) {
        throw error("cloud_attributes." + e.getKey(), "expected a mapping of " + c.attributesBlock + " fields to values");
      }
      for (Map.Entry<String, JsonNode> f : e.getValue().properties()) {
        if (!f.getValue().isValueNode()) {
          throw error("cloud_attributes." + e.getKey() + "." + f.getKey(), "expected a single value");
        }
      }
      out.put(c, (ObjectNode) e.getValue().deepCopy());
    }
    return out;
  }

  private Map<String, ProfileTarget> instanceProfiles(JsonNode node) throws MappingException {
    Map<String, ProfileTarget> out = new LinkedHashMap<>();
    if (node == null || node.isNull()) {
      return out;
    }
    requireObject(node, "instance_profiles");
    for (Map.Entry<String, JsonNode> e : node.properties()) {
      String path = "instance_profiles." + e.getKey();
      JsonNode v = e.getValue();
      if (v.isNull()) {
        out.put(e.getKey(), ProfileTarget.DROP);
      } else if (v.isTextual()) {
        out.put(e.getKey(), new ProfileTarget(text(v, path), null));
      } else if (v.isObject() && v.size() == 1 && v.has("uc_credential")) {
        out.put(e.getKey(), new ProfileTarget(null, text(v.get("uc_credential"), path + ".uc_credential")));
      } else {
        throw error(path, "expected null (remove it), another instance profile ARN, or {uc_credential: NAME}");
      }
    }
    return out;
  }

  private void requireObject(JsonNode node, String path) throws MappingException {
    if (!node.isObject()) {
      throw error(path, "expected a mapping");
    }
  }

  private String text(JsonNode node, String path) throws MappingException {
    if (node == null || !node.isValueNode() || node.isNull() || node.asText().isBlank()) {
      throw error(path, "expected a non-empty string");
    }
    return node.asText();
  }

  private MappingException error(String key, String message) {
    return new MappingException("mapping file" + (where == null ? "" : " " + where) + ": "
        + (key == null ? "" : key + ": ") + message);
  }

  private static List<String> sorted(Set<String> s) {
    return s.stream().sorted().toList();
  }
}
