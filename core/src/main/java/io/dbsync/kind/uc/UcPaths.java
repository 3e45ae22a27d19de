package io.dbsync.kind.uc;

import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.kind.ExportContext;
import io.dbsync.tf.Names;

import java.io.IOException;

/**
 * Storage paths (s3://, abfss://, gs://) at export, so that an import into another region or cloud
 * overrides a few variables instead of editing files: a path inside an exported external location
 * becomes that location's url plus the rest ("${databricks_external_location.lake.url}/tables/orders",
 * and the location's url is a variable), any other path a variable of its own; variables default to
 * the source's values. At refresh the plain path is compared, which is what these resolve to.
 */
final class UcPaths {
  private UcPaths() {}

  /**
   * @param variable    the variable's name when no exported location holds the path
   * @param description what the variable is, for variables.tf.json
   */
  static String render(ExportContext ctx, String path, String variable, String description) throws IOException {
    JsonNode best = null;
    for (JsonNode loc : UcScope.of(ctx).locations()) {
      String url = loc.path("url").asText("");
      if (inside(path, url) && (best == null || url.length() > best.path("url").asText().length())) {
        best = loc;
      }
    }
    if (best != null) {
      String ref = ctx.rendering().refOr(ExternalLocationKind.TYPE, best.path("name").asText(), "url", null);
      if (ref != null) {
        return ref + path.substring(best.path("url").asText().length());
      }
    }
    return ctx.rendering().variableWithDefault(Names.safe(variable), description, path);
  }

  /** True when {@code path} is {@code url} or below it at a path-segment boundary. */
  static boolean inside(String path, String url) {
    if (url.isEmpty() || !path.startsWith(url)) {
      return false;
    }
    return path.length() == url.length() || url.endsWith("/") || path.charAt(url.length()) == '/';
  }
}
