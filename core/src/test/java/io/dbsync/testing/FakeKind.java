package io.dbsync.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.Kind;
import io.dbsync.kind.KindContext;
import io.dbsync.kind.KindInfo;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A test kind over {@link FakeTarget}: stores attributes as given (artifact "source" as its sha256,
 * like a real refresh renders it), hides write-only attributes on read, adopts by a natural-key
 * attribute. The label used in the write log is the "name" attribute.
 */
public final class FakeKind implements Kind {
  private final String type;
  private final String dir;
  private final String naturalKey;
  private final Set<String> forceNew;
  private final Set<String> writeOnly;
  private final boolean replaceOnAnyChange;
  private final FakeTarget target;

  public FakeKind(String type, String dir, String naturalKey, Set<String> forceNew, Set<String> writeOnly,
                  boolean replaceOnAnyChange, FakeTarget target) {
    this.type = type;
    this.dir = dir;
    this.naturalKey = naturalKey;
    this.forceNew = forceNew;
    this.writeOnly = writeOnly;
    this.replaceOnAnyChange = replaceOnAnyChange;
    this.target = target;
  }

  public static FakeKind simple(String type, String dir, FakeTarget target) {
    return new FakeKind(type, dir, null, Set.of(), Set.of(), false, target);
  }

  @Override
  public Set<String> writeOnly() {
    return writeOnly;
  }

  @Override
  public KindInfo info() {
    return new KindInfo(type, dir == null ? type.replace("databricks_", "") : dir, dir, "test objects");
  }

  @Override
  public Set<String> forceNew() {
    return forceNew;
  }

  @Override
  public boolean replaceOnAnyChange() {
    return replaceOnAnyChange;
  }

  @Override
  public JsonNode read(KindContext ctx, String id) {
    target.reads.incrementAndGet();
    return target.get(type, id).orElse(null);
  }

  @Override
  public ObjectNode toConfig(JsonNode raw, Rendering rendering) {
    ObjectNode out = ((ObjectNode) raw).deepCopy();
    writeOnly.forEach(out::remove);
    return out;
  }

  @Override
  public String create(ApplyContext ctx, ObjectNode attrs) throws IOException {
    target.enter();
    try {
      String label = label(attrs);
      if (label.equals(target.failCreateOfLabel)) {
        throw new IllegalStateException("injected failure creating " + label);
      }
      String id = target.put(type, stored(ctx, attrs));
      target.writes.add("create " + type + "." + label);
      if ((type + "." + label).equals(target.crashAfterCreateOf)) {
        throw new IllegalStateException("injected crash after creating " + type + "." + label);
      }
      return id;
    } finally {
      target.leave();
    }
  }

  @Override
  public void update(ApplyContext ctx, String id, ObjectNode attrs, ObjectNode prior) throws IOException {
    target.enter();
    try {
      target.replace(type, id, stored(ctx, attrs));
      target.writes.add("update " + type + "." + label(attrs));
    } finally {
      target.leave();
    }
  }

  @Override
  public void delete(ApplyContext ctx, String id, ObjectNode prior) {
    target.enter();
    try {
      target.remove(type, id);
      target.writes.add("delete " + type + "." + label(prior));
    } finally {
      target.leave();
    }
  }

  @Override
  public Optional<String> adopt(ApplyContext ctx, ObjectNode attrs) {
    target.adoptCalls.incrementAndGet();
    if (naturalKey == null || !attrs.has(naturalKey)) {
      return Optional.empty();
    }
    for (Map.Entry<String, ObjectNode> e : target.all(type).entrySet()) {
      if (e.getValue().path(naturalKey).asText().equals(attrs.get(naturalKey).asText())) {
        return Optional.of(e.getKey());
      }
    }
    return Optional.empty();
  }

  private static ObjectNode stored(ApplyContext ctx, ObjectNode attrs) throws IOException {
    ObjectNode copy = attrs.deepCopy();
    if (copy.has("source")) {
      String src = copy.get("source").asText();
      copy.put("source", RefreshRendering.sha256(out -> {
        try (InputStream in = ctx.openArtifact(src)) {
          in.transferTo(out);
        }
      }));
    }
    return copy;
  }

  private static String label(ObjectNode attrs) {
    return attrs == null ? "?" : attrs.path("name").asText("?");
  }
}
