package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.TfJson;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
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
   * A copy of {@code attrs} whose top-level sensitive values are replaced by their salted hash (a
   * block, e.g. a git_source whose URL carried a credential variable, by the hash of its canonical text).
   */
  public static ObjectNode conceal(ObjectNode attrs, Set<String> keys, String salt) {
    ObjectNode out = attrs.deepCopy();
    for (String k : keys) {
      JsonNode v = out.get(k);
      if (v != null && !v.isNull() && !(v.isTextual() && v.asText().startsWith(PREFIX))) {
        out.put(k, hash(salt, text(v)));
      }
    }
    return out;
  }

  private static String text(JsonNode v) {
    return v.isTextual() ? v.asText() : TfJson.write(v);
  }

  /**
   * A copy of stored attributes where each concealed value whose hash matches the desired plain value
   * is put back as that value, so the differ sees "unchanged"; a mismatch stays a (masked) change.
   */
  public static ObjectNode revealMatching(ObjectNode stored, ObjectNode desired, Set<String> keys, String salt) {
    ObjectNode out = stored.deepCopy();
    for (String k : keys) {
      JsonNode s = out.get(k);
      JsonNode d = desired.get(k);
      if (s != null && s.isTextual() && s.asText().startsWith(PREFIX) && d != null && !d.isNull()
          && s.asText().equals(hash(salt, text(d)))) {
        out.set(k, d);
      }
    }
    return out;
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
