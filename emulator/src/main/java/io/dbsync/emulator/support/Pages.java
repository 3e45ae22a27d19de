package io.dbsync.emulator.support;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.compute.Fields;
import io.dbsync.emulator.http.ApiException;
import io.dbsync.emulator.http.Request;

import java.util.List;
import java.util.function.Function;

/**
 * Token pagination as the newer REST APIs do it: an opaque page token names an offset into a
 * deterministic ordering, the response carries {@code next_page_token} only while more items remain
 * (the SDK paginators stop at the first page without one).
 */
public final class Pages {
  private Pages() {}

  /** One page: its items and the token of the next page (null on the last page). */
  public record Page<T>(List<T> items, String nextToken) {

    /**
     * Writes the items under {@code itemsKey} (omitted when the page is empty, as the real APIs
     * omit empty repeated fields) and the next token under {@code tokenKey}.
     */
    public ObjectNode writeTo(ObjectNode out, String itemsKey, String tokenKey, Function<T, JsonNode> render) {
      if (!items.isEmpty()) {
        ArrayNode arr = out.putArray(itemsKey);
        items.forEach(i -> arr.add(render.apply(i)));
      }
      if (nextToken != null) {
        out.put(tokenKey, nextToken);
      }
      return out;
    }

    public ObjectNode toJson(String itemsKey, Function<T, JsonNode> render) {
      return writeTo(Json.object(), itemsKey, "next_page_token", render);
    }
  }

  /** The page a token names (null or empty: the first page); a malformed token is 400. */
  public static <T> Page<T> of(List<T> all, String token, int size) {
    int offset = Fields.offsetOf(token);
    int end = Math.min(all.size(), offset + size);
    List<T> items = offset >= all.size() ? List.of() : List.copyOf(all.subList(offset, end));
    return new Page<>(items, end < all.size() ? Fields.pageToken(end) : null);
  }

  /** A page size query parameter: absent or 0 is the default, larger than max is clamped to max. */
  public static int size(Request req, String param, int defaultSize, int max) {
    Integer v = Fields.intQuery(req, param);
    return clamp(param, v == null ? 0 : v, defaultSize, max);
  }

  /** A page size from a body field or a parsed parameter, with the same rules as {@link #size}. */
  public static int clamp(String param, long requested, int defaultSize, int max) {
    if (requested < 0) {
      throw ApiException.invalidParameter("Invalid value for " + param + ": " + requested);
    }
    return requested == 0 ? defaultSize : (int) Math.min(requested, max);
  }
}
