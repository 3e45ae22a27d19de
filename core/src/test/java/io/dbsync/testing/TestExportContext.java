package io.dbsync.testing;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunCache;
import io.dbsync.tf.Refs;
import io.dbsync.tf.TfJson;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The export side of {@link KindHarness}, without the full exporter: references resolve through
 * {@link #index}, artifacts land in a temp folder, variables and warnings are recorded, and
 * {@link #shared} is one run's cache ({@link #sibling} shares it, as the exporter's per-object contexts do).
 */
public final class TestExportContext implements ExportContext, Rendering {
  private final WorkspaceClient client;
  private final KindSettings settings;
  private final Path artifactRoot;
  private final RunCache cache;
  /** "type/id" -> resource name, filled by the test (as the exporter's list phase would). */
  public final Map<String, String> index = new HashMap<>();
  public final Map<String, String> variables = new HashMap<>();
  public final List<String> warnings = new ArrayList<>();
  /** Defaults of the variables declared with {@link #variableWithDefault}. */
  public final Map<String, String> defaults = new HashMap<>();
  /** Files written with {@link #writeFile}, by relative path. */
  public final Map<String, byte[]> files = new HashMap<>();

  public TestExportContext(WorkspaceClient client, KindSettings settings, Path artifactRoot) {
    this(client, settings, artifactRoot, new RunCache());
  }

  private TestExportContext(WorkspaceClient client, KindSettings settings, Path artifactRoot, RunCache cache) {
    this.client = client;
    this.settings = settings;
    this.artifactRoot = artifactRoot;
    this.cache = cache;
  }

  /** Another context of the same run (same cache, a copy of the index), as for the next object. */
  public TestExportContext sibling(Path artifacts) {
    TestExportContext other = new TestExportContext(client, settings, artifacts, cache);
    other.index.putAll(index);
    other.files.putAll(files);
    return other;
  }

  @Override
  public <T> T shared(Class<T> key, Supplier<T> make) {
    return cache.get(key, make);
  }

  @Override
  public WorkspaceClient client() {
    return client;
  }

  @Override
  public KindSettings settings() {
    return settings;
  }

  @Override
  public Rendering rendering() {
    return this;
  }

  @Override
  public void warn(String message) {
    warnings.add(message);
  }

  @Override
  public String ref(String type, String id, String attr) {
    String name = index.get(type + "/" + id);
    return name == null ? id : Refs.resource(type, name, attr);
  }

  @Override
  public String artifact(String relativePath, ArtifactWriter content) throws IOException {
    Path target = artifactRoot.resolve(relativePath);
    Files.createDirectories(target.getParent());
    try (OutputStream out = Files.newOutputStream(target)) {
      content.writeTo(out);
    }
    return "${path.module}/data/" + relativePath;
  }

  @Override
  public String variable(String name, String description, boolean sensitive, String currentValue) {
    variables.put(name, currentValue);
    return Refs.var(name);
  }

  /** Declared like {@link #variable}; the default is recorded in {@link #defaults}. */
  @Override
  public String variableWithDefault(String name, String description, String value) {
    variables.put(name, value);
    defaults.put(name, value);
    return Refs.var(name);
  }

  @Override
  public String refOr(String type, String id, String attr, String fallback) {
    String name = index.get(type + "/" + id);
    return name == null ? fallback : Refs.resource(type, name, attr);
  }

  @Override
  public String exportedAddress(String type, String id) {
    String name = index.get(type + "/" + id);
    return name == null ? null : type + "." + name;
  }

  /** The document without the exporter's rendering (expressions are not marked here: nothing is escaped). */
  @Override
  public ObjectNode resourceDocument(List<ExportedResource> resources) {
    ObjectNode doc = TfJson.object();
    ObjectNode res = doc.putObject("resource");
    for (ExportedResource r : resources) {
      (res.has(r.type()) ? (ObjectNode) res.get(r.type()) : res.putObject(r.type())).set(r.name(), r.attrs());
    }
    return doc;
  }

  @Override
  public void writeFile(String relativePath, byte[] content) {
    files.put(relativePath, content.clone());
  }

  @Override
  public boolean exporting() {
    return true;
  }

  /** The artifact file behind a value returned by {@link #artifact}. */
  public Path artifactFile(String source) {
    return artifactRoot.resolve(source.substring("${path.module}/data/".length()));
  }
}
