package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Set;

/**
 * Values that came from sensitive variables (secret strings, also inside blocks and maps) are kept in
 * the state only as a salted hash, because the state may sit in a bucket that more people can read than the secrets themselves.
 * Comparisons still work: a stored hash that matches the desired value's hash stands for that value.
 */
public final class SensitiveValues {
  static final String PREFIX = "sensitive-sha256:";

  private SensitiveValues() {}

  /**
   * A copy of {@code attrs} whose sensitive attributes have every text value replaced by its salted
   * hash, nested ones included (a secret inside a block or map, e.g. a connection's options).
   */
  public static ObjectNode conceal(ObjectNode attrs, Set<String> keys, String salt) {
    ObjectNode out = attrs.deepCopy();
    for (String k : keys) {
      JsonNode v = out.get(k);
      if (v != null) {
        out.set(k, conceal(v, salt));
      }
    }
    return out;
  }

  private static JsonNode conceal(JsonNode v, String salt) {
    if (v.isTextual()) {
      return v.asText().startsWith(PREFIX) ? v : TextNode.valueOf(hash(salt, v.asText()));
    }
    if (v.isObject()) {
      ObjectNode o = ((ObjectNode) v).objectNode();
      v.properties().forEach(e -> o.set(e.getKey(), conceal(e.getValue(), salt)));
      return o;
    }
    if (v.isArray()) {
      ArrayNode a = ((ArrayNode) v).arrayNode();
      v.forEach(x -> a.add(conceal(x, salt)));
      return a;
    }
    return v;
  }

  /**
   * A copy of stored attributes where each concealed value whose hash matches the desired plain value
   * (at the same place inside blocks) is put back as that value, so the differ sees "unchanged"; a
   * mismatch stays a (masked) change.
   */
  public static ObjectNode revealMatching(ObjectNode stored, ObjectNode desired, Set<String> keys, String salt) {
    ObjectNode out = stored.deepCopy();
    for (String k : keys) {
      JsonNode s = out.get(k);
      JsonNode d = desired.get(k);
      if (s != null && d != null) {
        out.set(k, reveal(s, d, salt));
      }
    }
    return out;
  }

  private static JsonNode reveal(JsonNode s, JsonNode d, String salt) {
    if (s.isTextual() && s.asText().startsWith(PREFIX) && d.isTextual()) {
      return s.asText().equals(hash(salt, d.asText())) ? d : s;
    }
    if (s.isObject() && d.isObject()) {
      ObjectNode o = ((ObjectNode) s).objectNode();
      s.properties().forEach(e -> {
        JsonNode dv = d.get(e.getKey());
        o.set(e.getKey(), dv == null ? e.getValue() : reveal(e.getValue(), dv, salt));
      });
      return o;
    }
    if (s.isArray() && d.isArray() && s.size() == d.size()) {
      ArrayNode a = ((ArrayNode) s).arrayNode();
      for (int i = 0; i < s.size(); i++) {
        a.add(reveal(s.get(i), d.get(i), salt));
      }
      return a;
    }
    return s;
  }

  static String hash(String salt, String value) {
    try {
      MessageDigest md = MessageDigest.getInstance("SHA-256");
      md.update(salt.getBytes(StandardCharsets.UTF_8));
      md.update((byte) 0);
      return PREFIX + HexFormat.of().formatHex(md.digest(value.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
