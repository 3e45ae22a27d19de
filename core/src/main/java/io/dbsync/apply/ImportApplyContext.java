package io.dbsync.apply;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;
import io.dbsync.kind.RunCache;
import io.dbsync.tf.config.RevisionFiles;
import io.dbsync.tf.config.RevisionPaths;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.function.BiPredicate;
import java.util.function.Supplier;

/**
 * The import's {@link ApplyContext}. Artifacts: a source value "${path.module}/<dir>/data/..." (or what
 * it resolves to) opens that file of the revision ({@link RevisionFiles}); paths that leave the
 * revision's tree and links are refused, so a crafted export cannot make the tool upload local files.
 */
public final class ImportApplyContext implements ApplyContext {
  private final WorkspaceClient client;
  private final RevisionFiles files;
  private final boolean passive;
  private final BiPredicate<String, String> tracked;
  private final RunCache cache = new RunCache();

  /** A context over an exports folder on disk. */
  public ImportApplyContext(WorkspaceClient client, Path exportsDir, boolean passive) {
    this(client, RevisionFiles.directory(exportsDir), passive, (type, id) -> false);
  }

  public ImportApplyContext(WorkspaceClient client, RevisionFiles files, boolean passive,
                            BiPredicate<String, String> tracked) {
    this.client = client;
    this.files = files;
    this.passive = passive;
    this.tracked = tracked;
  }

  /** The files of the revision being imported. */
  public RevisionFiles files() {
    return files;
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
    return files.open(locate(source));
  }

  @Override
  public long artifactSize(String source) throws IOException {
    return files.size(locate(source));
  }

  @Override
  public Optional<byte[]> readFile(String directory, String relativePath) throws IOException {
    String path = RevisionPaths.check(directory + "/" + relativePath, "file " + directory + "/" + relativePath);
    if (!files.isFile(path)) {
      return Optional.empty();
    }
    try (InputStream in = files.open(path)) {
      return Optional.of(in.readAllBytes());
    }
  }

  @Override
  public Rendering rendering() {
    return RefreshRendering.INSTANCE;
  }

  @Override
  public boolean passive() {
    return passive;
  }

  /** The revision's relative path of the file an artifact source names. */
  private String locate(String source) throws IOException {
    Optional<String> rel = files.relativePath(source);
    if (rel.isEmpty()) {
      throw new IOException("artifact " + source + " is outside the exports directory of the revision: refused");
    }
    if (!files.isFile(rel.get())) {
      throw new NoSuchFileException(rel.get(), null, "artifact " + source + " not found in the revision");
    }
    return rel.get();
  }
}
