package io.dbsync.kind.compute;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.testing.KindHarness;
import io.dbsync.testing.TestExportContext;
import io.dbsync.tf.Refs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.regex.Matcher;

/**
 * What the import engine does to exported attributes before create/refresh comparison, for tests:
 * "${type.name.id}" -> the target id, "${var.x}" -> a value, artifacts -> "sha256:..." registered
 * in the apply context.
 */
final class Resolver {
  final Map<String, String> targetIds = new HashMap<>();
  final Map<String, String> vars = new HashMap<>();
  private final TestExportContext exportCtx;
  private final KindHarness.Apply applyCtx;

  Resolver(TestExportContext exportCtx, KindHarness.Apply applyCtx) {
    this.exportCtx = exportCtx;
    this.applyCtx = applyCtx;
  }

  /** Registers the target id of an exported resource address ("databricks_cluster.x"). */
  Resolver id(String address, String targetId) {
    targetIds.put(address, targetId);
    return this;
  }

  ObjectNode resolve(ObjectNode attrs) {
    return (ObjectNode) walk(attrs.deepCopy());
  }

  private JsonNode walk(JsonNode n) {
    if (n instanceof ObjectNode o) {
      Iterator<Map.Entry<String, JsonNode>> it = o.properties().iterator();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> e = it.next();
        e.setValue(walk(e.getValue()));
      }
      return o;
    }
    if (n instanceof ArrayNode a) {
      for (int i = 0; i < a.size(); i++) {
        a.set(i, walk(a.get(i)));
      }
      return a;
    }
    if (n.isTextual()) {
      return TextNode.valueOf(resolveText(n.asText()));
    }
    return n;
  }

  private String resolveText(String s) {
    if (s.startsWith("${path.module}/data/")) {
      Path file = exportCtx.artifactFile(s);
      try {
        byte[] bytes = Files.readAllBytes(file);
        String sha = RefreshRendering.sha256(out -> out.write(bytes));
        applyCtx.artifacts.put(sha, file);
        return sha;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    Matcher m = Refs.INTERPOLATION.matcher(s);
    if (!m.matches()) {
      return s;
    }
    String expr = m.group(1);
    if (expr.startsWith("var.")) {
      String v = vars.get(expr.substring(4));
      if (v == null) {
        throw new IllegalStateException("no value for " + expr);
      }
      return v;
    }
    String address = expr.substring(0, expr.lastIndexOf('.'));
    String id = targetIds.get(address);
    if (id == null) {
      throw new IllegalStateException("no target id for " + address);
    }
    return id;
  }
}
