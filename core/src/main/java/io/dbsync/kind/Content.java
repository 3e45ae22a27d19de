package io.dbsync.kind;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.POJONode;
import io.dbsync.tf.TfJson;

/**
 * Artifact-backed kinds (notebooks, workspace files, DBFS files, global init scripts) keep their
 * content out of the raw JSON: list() and read() attach a lazy writer under {@link #FIELD} that
 * streams the bytes from the API only when the rendering asks for them (export writes them to data/
 * unless the previous export's file is current, refresh hashes them). toConfig thus stays a
 * function of (raw, rendering) without holding file contents in memory.
 */
public final class Content {
  public static final String FIELD = "_content";

  private Content() {}

  public static ObjectNode attach(JsonNode info, Rendering.ArtifactWriter writer) {
    ObjectNode copy = info.deepCopy();
    copy.set(FIELD, new POJONode(writer));
    return copy;
  }

  public static Rendering.ArtifactWriter of(JsonNode raw) {
    JsonNode n = raw.get(FIELD);
    if (n instanceof POJONode p && p.getPojo() instanceof Rendering.ArtifactWriter w) {
      return w;
    }
    throw new IllegalArgumentException("no content attached to " + raw.path("path").asText());
  }

  /**
   * The source metadata of {@link Rendering#artifact(String, Rendering.ArtifactWriter, JsonNode)}:
   * {@code fields} of the API object {@code info}, or null when the API left one of them out (the
   * content is then always read).
   */
  public static ObjectNode version(JsonNode info, String... fields) {
    ObjectNode out = TfJson.object();
    for (String f : fields) {
      JsonNode v = info.get(f);
      if (v == null || v.isNull() || v.isContainerNode()) {
        return null;
      }
      out.set(f, v);
    }
    return out;
  }
}
