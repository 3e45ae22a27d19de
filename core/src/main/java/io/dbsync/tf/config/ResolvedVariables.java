package io.dbsync.tf.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Variable values for one import, typed by their declaration. {@code passive} is the PASSIVE
 * variable (declared or only provided, e.g. TF_VAR_PASSIVE=true) read as a bool.
 */
public record ResolvedVariables(Map<String, JsonNode> values, Set<String> sensitive, boolean passive) {
  public ResolvedVariables {
    values = Map.copyOf(values);
    sensitive = Set.copyOf(sensitive);
  }

  public static ResolvedVariables none(boolean passive) {
    return new ResolvedVariables(Map.of(), Set.of(), passive);
  }

  public Optional<JsonNode> get(String name) {
    return Optional.ofNullable(values.get(name));
  }

  public boolean isSensitive(String name) {
    return sensitive.contains(name);
  }
}
