package io.dbsync.kind.compute;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.kind.ApplyContext;
import io.dbsync.kind.RefreshRendering;
import io.dbsync.kind.Rendering;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;

/** Import-side context for kind tests: target client, artifacts by resolved source value, passive flag. */
final class TestApplyContext implements ApplyContext {
  private final WorkspaceClient client;
  private final boolean passive;
  /** Resolved source value ("sha256:...") -> file with the bytes. */
  final Map<String, Path> artifacts = new HashMap<>();

  TestApplyContext(WorkspaceClient client, boolean passive) {
    this.client = client;
    this.passive = passive;
  }

  @Override
  public WorkspaceClient client() {
    return client;
  }

  @Override
  public InputStream openArtifact(String source) throws IOException {
    Path p = artifacts.get(source);
    if (p == null) {
      throw new IOException("no artifact " + source);
    }
    return Files.newInputStream(p);
  }

  @Override
  public long artifactSize(String source) throws IOException {
    return Files.size(artifacts.get(source));
  }

  @Override
  public Rendering rendering() {
    return RefreshRendering.INSTANCE;
  }

  @Override
  public boolean passive() {
    return passive;
  }
}
