package io.dbsync.testing;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.config.KindSettings;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.ExportContext;
import io.dbsync.kind.ExportedResource;
import io.dbsync.kind.Kind;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunCache;
import io.dbsync.kind.SourceObject;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The one harness for kind tests, over a real workspace client (the emulator's): the export side is a
 * {@link TestExportContext}, the import side an {@link Apply} context, each with the run cache the
 * engine gives its contexts, and {@link #export} is the exporter's step for one listed object.
 */
public final class KindHarness {
  private KindHarness() {}

  /** An export context with these settings; artifacts are written under {@code artifacts}. */
  public static TestExportContext exporting(WorkspaceClient client, KindSettings settings, Path artifacts) {
    return new TestExportContext(client, settings, artifacts);
  }

  /** An import context on {@code client}: not passive, no artifacts until given, nothing tracked. */
  public static Apply applying(WorkspaceClient client) {
    return new Apply(client);
  }

  /** One listed object exported as the exporter does it ({@link Kind#exportObject}). */
  public static List<ExportedResource> export(Kind kind, ExportContext ctx, SourceObject obj) throws IOException {
    return Kind.exportObject(kind, ctx, obj);
  }

  /** The object as {@link Kind#read} gives it, through a fresh import context. */
  public static JsonNode read(Kind kind, WorkspaceClient client, String id) throws IOException {
    return kind.read(applying(client), id);
  }

  /** The import-side context: artifacts by resolved source value, passive mode, the state's tracked ids. */
  public static final class Apply implements ApplyContext {
    private final WorkspaceClient client;
    private final RunCache cache = new RunCache();
    /** Resolved source value -> file with the bytes (filled by the test, or from an export context). */
    public final Map<String, Path> artifacts = new HashMap<>();
    private TestExportContext exported;
    private boolean passive;
    private BiPredicate<String, String> tracked = (type, id) -> false;

    private Apply(WorkspaceClient client) {
      this.client = client;
    }

    /** Passive mode (TF_VAR_PASSIVE): clusters terminated, schedules paused. */
    public Apply passive(boolean v) {
      passive = v;
      return this;
    }

    /** Artifacts are the files {@code ctx} wrote while exporting (sources as it rendered them). */
    public Apply artifactsOf(TestExportContext ctx) {
      exported = ctx;
      return this;
    }

    /** What {@link #isTracked} answers (the state of a crashed run). */
    public Apply tracking(BiPredicate<String, String> v) {
      tracked = v;
      return this;
    }

    @Override
    public WorkspaceClient client() {
      return client;
    }

    @Override
    public <T> T shared(Class<T> key, Supplier<T> make) {
      return cache.get(key, make);
    }

    @Override
    public InputStream openArtifact(String source) throws IOException {
      return Files.newInputStream(file(source));
    }

    @Override
    public long artifactSize(String source) throws IOException {
      return Files.size(file(source));
    }

    private Path file(String source) throws IOException {
      Path p = artifacts.containsKey(source) ? artifacts.get(source)
          : exported != null ? exported.artifactFile(source) : null;
      if (p == null) {
        throw new IOException("no artifact " + source);
      }
      return p;
    }

    @Override
    public Rendering rendering() {
      return RefreshRendering.INSTANCE;
    }

    @Override
    public boolean isTracked(String type, String id) {
      return tracked.test(type, id);
    }

    @Override
    public boolean passive() {
      return passive;
    }
  }
}
