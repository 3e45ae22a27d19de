package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A GET listing paged by {@code page_token} / {@code next_page_token}, read to the end. */
public final class TokenPages {
  private TokenPages() {}

  /** Every item of {@code arrayField} over all pages of {@code path} with the {@code query}. */
  public static List<JsonNode> all(KindContext ctx, String path, Map<String, String> query, String arrayField)
      throws IOException {
    List<JsonNode> out = new ArrayList<>();
    String token = null;
    do {
      Map<String, String> q = new LinkedHashMap<>(query);
      q.put("page_token", token);
      JsonNode page = Rest.get(ctx.client(), path, q);
      page.path(arrayField).forEach(out::add);
      token = ApiFields.text(page, "next_page_token");
    } while (token != null && !token.isEmpty());
    return out;
  }
}
