package io.dbsync.emulator.uc;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.emulator.Json;
import io.dbsync.emulator.http.Request;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;

/**
 * Unity Catalog list pagination (Go SDK doc strings of the List*Request max_results fields):
 * max_results unset returns everything for most lists ("not recommended") or a server-sized page for
 * others; 0 is a server-sized page; n > 0 is min(n, server page); n < 0 is INVALID_PARAMETER_VALUE.
 * A page ends with next_page_token while items remain; the token is opaque (the last key served,
 * base64), so objects added or removed between pages neither repeat nor vanish. The server page size
 * is the seed's "page_size" (default 100). Empty lists are omitted, as the API's proto JSON does.
 */
final class Paging {
  private Paging() {}

  /** How an unset max_results behaves for a list. */
  enum Unset { ALL, SERVER_PAGE }

  /**
   * Writes the page the request asks for into out[field].
   *
   * @param sorted items in ascending key order
   * @param minPositive smallest accepted positive max_results (150 for grants, else 1)
   */
  static ObjectNode page(Request req, List<ObjectNode> sorted, Function<ObjectNode, String> key, String field,
                         Unset unset, int serverPage, int minPositive) {
    return page(req, "max_results", sorted, key, field, unset, serverPage, minPositive);
  }

  /** page() with the page length in another query parameter (page_size in the privilege-assignments lists). */
  static ObjectNode page(Request req, String sizeParam, List<ObjectNode> sorted, Function<ObjectNode, String> key,
                         String field, Unset unset, int serverPage, int minPositive) {
    String raw = req.q(sizeParam);
    int size;
    if (raw == null || raw.isEmpty()) {
      size = unset == Unset.ALL ? Integer.MAX_VALUE : serverPage;
    } else {
      long n;
      try {
        n = Long.parseLong(raw);
      } catch (NumberFormatException e) {
        throw UcErrors.invalid("Invalid " + sizeParam + ": " + raw);
      }
      if (n < 0 || (n > 0 && n < minPositive)) {
        throw UcErrors.invalid(sizeParam + " must be 0 or " + (minPositive > 1 ? "at least " + minPositive : "positive")
            + ", got " + n);
      }
      size = n == 0 ? serverPage : (int) Math.min(n, serverPage);
    }
    String after = decode(req.q("page_token"));
    ObjectNode out = Json.object();
    ArrayNode arr = Json.array();
    String last = null;
    boolean more = false;
    for (ObjectNode item : sorted) {
      String k = key.apply(item);
      if (after != null && k.compareTo(after) <= 0) {
        continue;
      }
      if (arr.size() == size) {
        more = true;
        break;
      }
      arr.add(item);
      last = k;
    }
    if (!arr.isEmpty()) {
      out.set(field, arr);
    }
    if (more) {
      out.put("next_page_token", Base64.getUrlEncoder().withoutPadding().encodeToString(last.getBytes(StandardCharsets.UTF_8)));
    }
    return out;
  }

  /** The common case: unset returns all, positive sizes from 1. */
  static ObjectNode page(Request req, List<ObjectNode> sorted, Function<ObjectNode, String> key, String field, int serverPage) {
    return page(req, sorted, key, field, Unset.ALL, serverPage, 1);
  }

  private static String decode(String token) {
    if (token == null || token.isEmpty()) {
      return null;
    }
    try {
      return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      throw UcErrors.invalid("Invalid page_token");
    }
  }
}
