package io.dbsync.kind.workspace;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.Kind;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.TargetChild;
import io.dbsync.tf.Names;

import java.io.IOException;

import java.util.List;
import java.util.Optional;

/** Secrets 2.0: the "<scope>|||<key>" ids the provider uses for secrets and ACLs. */
final class Secrets {
  static final String SEPARATOR = "|||";

  private Secrets() {}

  record PairId(String scope, String second) {
    static PairId parse(String id) {
      int i = id.indexOf(SEPARATOR);
      if (i <= 0 || i + SEPARATOR.length() >= id.length()) {
        throw new IllegalArgumentException("not a <scope>|||<name> id: " + id);
      }
      return new PairId(id.substring(0, i), id.substring(i + SEPARATOR.length()));
    }

    @Override
    public String toString() {
      return scope + SEPARATOR + second;
    }
  }

  /** Resource (and variable) name of a scope child: always hashed, so "a_b"/"c" and "a"/"b_c" differ. */
  static String childName(String scope, String second) {
    return Names.safe(scope + "/" + second);
  }

  /** The "<scope>|||<second>" id that resolved attributes name, when both are plain strings. */
  static Optional<String> pairIdOf(ObjectNode attrs, String secondAttribute) {
    JsonNode scope = attrs.get("scope");
    JsonNode second = attrs.get(secondAttribute);
    if (scope == null || !scope.isTextual() || second == null || !second.isTextual()) {
      return Optional.empty();
    }
    return Optional.of(new PairId(scope.asText(), second.asText()).toString());
  }

  /** The item of a scope's listing whose {@code field} is {@code value}, with "scope" added; null if none. */
  static JsonNode find(Optional<List<JsonNode>> listing, String scope, String field, String value) {
    for (JsonNode item : listing.orElse(List.of())) {
      if (value.equals(item.path(field).asText())) {
        return ((ObjectNode) item.deepCopy()).put("scope", scope);
      }
    }
    return null;
  }

  /** A secret or ACL found in the target ({@code raw}: listing item plus "scope"), as a mirrored child. */
  static TargetChild child(Kind kind, ObjectNode raw, String secondField, Rendering rendering) throws IOException {
    String scope = raw.path("scope").asText();
    String second = raw.path(secondField).asText();
    return new TargetChild(kind.info().type(), childName(scope, second), new PairId(scope, second).toString(),
        kind.toConfig(raw, rendering));
  }
}
