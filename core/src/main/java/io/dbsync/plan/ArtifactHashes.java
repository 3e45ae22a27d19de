package io.dbsync.plan;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.kind.RefreshRendering;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns resolved attributes into their compare form: a string naming a file inside the exports dir
 * (what "${path.module}/<dir>/data/..." resolves to) becomes "sha256:<hex>" of the file's bytes,
 * streamed, which is exactly what a refresh yields for an artifact (see {@link RefreshRendering}).
 * Hashes are cached per file for one import.
 */
public final class ArtifactHashes {
  private final Path exportsDir;
  private final String prefix;
  private final Map<Path, String> cache = new ConcurrentHashMap<>();

  public ArtifactHashes(Path exportsDir) {
    this.exportsDir = exportsDir.toAbsolutePath().normalize();
    this.prefix = this.exportsDir + "/";
  }

  public ObjectNode compareForm(ObjectNode resolved) throws IOException {
    try {
      return (ObjectNode) convert(resolved);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }

  private JsonNode convert(JsonNode n) {
    if (n.isTextual() && n.asText().startsWith(prefix)) {
      Path p = Path.of(n.asText()).normalize();
      if (p.startsWith(exportsDir) && Files.isRegularFile(p)) {
        return TextNode.valueOf(hash(p));
      }
      return n;
    }
    if (n.isObject()) {
      ObjectNode out = ((ObjectNode) n).objectNode();
      Iterator<Map.Entry<String, JsonNode>> it = n.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        out.set(e.getKey(), convert(e.getValue()));
      }
      return out;
    }
    if (n.isArray()) {
      ArrayNode out = ((ArrayNode) n).arrayNode();
      n.forEach(x -> out.add(convert(x)));
      return out;
    }
    return n;
  }

  private String hash(Path p) {
    return cache.computeIfAbsent(p, k -> {
      try {
        return RefreshRendering.sha256(out -> Files.copy(k, out));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
