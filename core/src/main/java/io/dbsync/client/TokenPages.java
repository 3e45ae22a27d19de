package io.dbsync.client;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Token pagination of the newer list endpoints: each response carries {@code next_page_token} while
 * more items remain, and the next request names it (as {@code page_token} on most APIs, as
 * {@code next_page_token} on Repos).
 */
public final class TokenPages {
  private TokenPages() {}

  /** Every item under {@code itemsKey} of every page of a GET listing. */
  public static List<JsonNode> all(WorkspaceClient client, String path, Map<String, String> query, String itemsKey,
                                   String tokenParam) throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>(query);
      q.put(tokenParam, token);
      JsonNode page = Rest.get(client, path, q);
      page.path(itemsKey).forEach(out::add);
      JsonNode next = page.get("next_page_token");
      token = next == null || next.isNull() ? null : next.asText();
    } while (token != null && !token.isEmpty());
    return out;
  }
}
