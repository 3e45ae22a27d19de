package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/**
 * Values that came from sensitive variables (secret strings) are kept in the state only as a salted
 * hash, because the state may sit in a bucket that more people can read than the secrets themselves.
 * Comparisons still work: a stored hash that matches the desired value's hash stands for that value.
 */
public final class SensitiveValues {
  static final String PREFIX = "sensitive-sha256:";

  private SensitiveValues() {}

  /**
   * A copy of {@code attrs} whose sensitive top-level attributes are replaced by their salted hash: a
   * text value as a whole, a block (a serving endpoint's config holding an API key) text leaf by text
   * leaf, since the secret may sit anywhere inside it.
   */
  public static ObjectNode conceal(ObjectNode attrs, Set<String> keys, String salt) {
    ObjectNode out = attrs.deepCopy();
    for (String k : keys) {
      JsonNode v = out.get(k);
      if (v != null) {
        out.set(k, concealed(v, salt));
      }
    }
    return out;
  }

  private static JsonNode concealed(JsonNode v, String salt) {
    if (v.isTextual()) {
      return v.asText().startsWith(PREFIX) ? v : TextNode.valueOf(hash(salt, v.asText()));
    }
    if (v.isObject()) {
      ObjectNode o = (ObjectNode) v;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      names.forEach(n -> o.set(n, concealed(o.get(n), salt)));
    } else if (v.isArray()) {
      ArrayNode a = (ArrayNode) v;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, concealed(a.get(i), salt));
      }
    }
    return v;
  }

  /**
   * A copy of stored attributes where each concealed value whose hash matches the desired plain value
   * (at the same place inside a block) is put back as that value, so the differ sees "unchanged"; a
   * mismatch stays a (masked) change.
   */
  public static ObjectNode revealMatching(ObjectNode stored, ObjectNode desired, Set<String> keys, String salt) {
    ObjectNode out = stored.deepCopy();
    for (String k : keys) {
      JsonNode s = out.get(k);
      JsonNode d = desired.get(k);
      if (s != null && d != null) {
        out.set(k, revealed(s, d, salt));
      }
    }
    return out;
  }

  private static JsonNode revealed(JsonNode s, JsonNode d, String salt) {
    if (s.isTextual() && s.asText().startsWith(PREFIX) && d.isTextual() && s.asText().equals(hash(salt, d.asText()))) {
      return d;
    }
    if (s.isObject() && d.isObject()) {
      ObjectNode o = (ObjectNode) s;
      List<String> names = new ArrayList<>();
      o.fieldNames().forEachRemaining(names::add);
      for (String n : names) {
        if (d.has(n)) {
          o.set(n, revealed(o.get(n), d.get(n), salt));
        }
      }
    } else if (s.isArray() && d.isArray() && s.size() == d.size()) {
      ArrayNode a = (ArrayNode) s;
      for (int i = 0; i < a.size(); i++) {
        a.set(i, revealed(a.get(i), d.get(i), salt));
      }
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
