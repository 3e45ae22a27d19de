package io.dbsync.emulator.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/** Request-reading helpers shared by the compute and jobs families: required fields and page tokens. */
public final class Fields {
  private Fields() {}

  /** A required string field of a body; missing or empty is 400 INVALID_PARAMETER_VALUE like the real API. */
  public static String requireText(JsonNode body, String field) {
    String v = Json.text(body, field);
    if (v == null || v.isEmpty()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return v;
  }

  /** A required object field of a body. */
  public static ObjectNode requireObject(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull()) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    if (!v.isObject()) {
      throw ApiException.invalidParameter("Field " + field + " must be an object");
    }
    return (ObjectNode) v;
  }

  /** An optional integer query parameter; a non-number is 400 INVALID_PARAMETER_VALUE. */
  public static Integer intQuery(Request req, String name) {
    String v = req.q(name);
    if (v == null || v.isEmpty()) {
      return null;
    }
    try {
      return Integer.parseInt(v);
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid value for " + name + ": " + v);
    }
  }

  /** A required int64 id, given as a JSON number or a decimal string (the SDK may send either). */
  public static long requireLong(JsonNode body, String field) {
    JsonNode v = body.get(field);
    if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
      throw ApiException.invalidParameter("Missing required field: " + field);
    }
    return parseLong(field, v.asText());
  }

  public static long parseLong(String field, String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw ApiException.invalidParameter("Invalid value for " + field + ": " + text);
    }
  }

  /** Opaque page token for an offset into a deterministic ordering. */
  public static String pageToken(int offset) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(("offset:" + offset).getBytes(StandardCharsets.UTF_8));
  }

  /** Offset named by a page token; null/empty is the first page, garbage is 400 INVALID_PARAMETER_VALUE. */
  public static int offsetOf(String token) {
    if (token == null || token.isEmpty()) {
      return 0;
    }
    try {
      String s = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
      if (s.startsWith("offset:")) {
        int off = Integer.parseInt(s.substring(7));
        if (off >= 0) {
          return off;
        }
      }
    } catch (IllegalArgumentException e) {
      // falls through to the error below
    }
    throw ApiException.invalidParameter("Invalid page token: " + token);
  }

  /** Copies every field of {@code from} into {@code to} (deep copies). */
  public static void putAll(ObjectNode to, JsonNode from) {
    from.properties().forEach(e -> to.set(e.getKey(), e.getValue().deepCopy()));
  }

  /**
   * A deep copy without JSON nulls: clients may send {@code "x": null} for an absent field, and the
   * real API never echoes nulls back.
   */
  public static <T extends JsonNode> T withoutNulls(T node) {
    T copy = Json.copy(node);
    strip(copy);
    return copy;
  }

  private static void strip(JsonNode node) {
    if (node.isObject()) {
      List<String> nulls = new ArrayList<>();
      node.properties().forEach(e -> {
        if (e.getValue().isNull()) {
          nulls.add(e.getKey());
        } else {
          strip(e.getValue());
        }
      });
      ((ObjectNode) node).remove(nulls);
    } else if (node.isArray()) {
      node.forEach(Fields::strip);
    }
  }

  /** A boolean query parameter ("true"/"false"); absent is false. */
  public static boolean boolQuery(Request req, String name) {
    return "true".equalsIgnoreCase(req.q(name));
  }
}
