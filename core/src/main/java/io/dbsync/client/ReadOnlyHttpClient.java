package io.dbsync.client;

import com.databricks.sdk.core.http.HttpClient;
import com.databricks.sdk.core.http.Request;
import com.databricks.sdk.core.http.Response;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.net.URI;
import java.util.Locale;
import java.util.Set;

/**
 * A client that cannot write: every request that is not a read is refused before it leaves the
 * process (assess's guarantee, by construction rather than by care). Reads are GET and HEAD, and the
 * POSTs that only read: SQL statements whose text is a query (SELECT, SHOW, DESCRIBE, ...) on a
 * warehouse or as a cluster command, Python commands on a cluster (listing scripts: mounts), their
 * execution contexts, searches (SCIM .search, MLflow search) and the OAuth token endpoint.
 */
public final class ReadOnlyHttpClient implements HttpClient {
  private static final Set<String> QUERY_WORDS = Set.of("SELECT", "SHOW", "DESCRIBE", "DESC", "EXPLAIN", "WITH", "LIST");
  private static final Set<String> COMMAND_PATHS = Set.of("/api/1.2/contexts/create", "/api/1.2/contexts/destroy",
      "/api/1.2/commands/execute");

  /** A write refused by a read-only client. */
  public static final class WriteRefused extends IOException {
    WriteRefused(String message) {
      super(message);
    }
  }

  private final HttpClient delegate;

  public ReadOnlyHttpClient(HttpClient delegate) {
    this.delegate = delegate;
  }

  HttpClient delegate() {
    return delegate;
  }

  @Override
  public Response execute(Request request) throws IOException {
    if (!isRead(request)) {
      throw new WriteRefused("read-only run: " + request.getMethod() + " " + path(request.getUrl()) + " refused");
    }
    return delegate.execute(request);
  }

  static boolean isRead(Request request) {
    String method = request.getMethod();
    if (method.equals(Request.GET) || method.equals(Request.HEAD)) {
      return true;
    }
    if (!method.equals(Request.POST)) {
      return false;
    }
    String path = path(request.getUrl());
    if (path.startsWith("/oidc/") || path.endsWith("/.search") || path.endsWith("/search")) {
      return true;
    }
    JsonNode body = body(request);
    if (path.equals("/api/2.0/sql/statements") || path.equals("/api/2.0/sql/statements/")) {
      return isQuery(body.path("statement").asText());
    }
    if (COMMAND_PATHS.contains(path)) {
      String language = body.path("language").asText("python").toLowerCase(Locale.ROOT);
      return !path.endsWith("/execute") || !language.equals("sql") || isQuery(body.path("command").asText());
    }
    return false;
  }

  private static boolean isQuery(String sql) {
    String text = sql.strip();
    int end = 0;
    while (end < text.length() && Character.isLetter(text.charAt(end))) {
      end++;
    }
    return QUERY_WORDS.contains(text.substring(0, end).toUpperCase(Locale.ROOT));
  }

  private static JsonNode body(Request request) {
    if (request.isBodyStreaming() || request.getBodyString() == null) {
      return TfJson.object();
    }
    try {
      return TfJson.MAPPER.readTree(request.getBodyString());
    } catch (IOException e) {
      return TfJson.object();
    }
  }

  private static String path(String url) {
    return url.contains("://") ? URI.create(url).getPath() : url;
  }
}
