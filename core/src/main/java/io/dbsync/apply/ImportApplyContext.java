package io.dbsync.apply;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunCache;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The import's {@link ApplyContext}. Artifacts: a source value "${path.module}/<dir>/data/..." (or the
 * absolute path it resolves to) opens that file of the checked-out exports dir; paths that leave the
 * exports dir are refused, so a crafted export cannot make the tool upload arbitrary local files.
 */
public final class ImportApplyContext implements ApplyContext {
  private static final String PATH_MODULE = "${path.module}/";

  private final WorkspaceClient client;
  private final Path exportsDir;
  private final boolean passive;
  private final BiPredicate<String, String> tracked;
  private final RunCache cache = new RunCache();

  public ImportApplyContext(WorkspaceClient client, Path exportsDir, boolean passive) {
    this(client, exportsDir, passive, (type, id) -> false);
  }

  public ImportApplyContext(WorkspaceClient client, Path exportsDir, boolean passive,
                            BiPredicate<String, String> tracked) {
    this.client = client;
    this.exportsDir = exportsDir.toAbsolutePath().normalize();
    this.passive = passive;
    this.tracked = tracked;
  }

  @Override
  public boolean isTracked(String type, String id) {
    return tracked.test(type, id);
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
    return Files.newInputStream(locate(source));
  }

  @Override
  public long artifactSize(String source) throws IOException {
    return Files.size(locate(source));
  }

  @Override
  public Rendering rendering() {
    return RefreshRendering.INSTANCE;
  }

  @Override
  public boolean passive() {
    return passive;
  }

  public Path exportsDir() {
    return exportsDir;
  }

  /** The file an artifact source names. */
  public Path locate(String source) throws IOException {
    Path p = source.startsWith(PATH_MODULE)
        ? exportsDir.resolve(source.substring(PATH_MODULE.length()))
        : exportsDir.resolve(source);
    p = p.toAbsolutePath().normalize();
    if (!p.startsWith(exportsDir)) {
      throw new IOException("artifact " + source + " is outside the exports directory");
    }
    if (!Files.isRegularFile(p)) {
      throw new NoSuchFileException(p.toString(), null, "artifact " + source + " not found");
    }
    return p;
  }
}
