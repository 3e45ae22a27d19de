package io.dbsync.kind;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@link Kind#refresh} with the content versions the state recorded for the object: the kind refreshes as
 * always, through a context whose {@link ApplyContext#rendering} is a {@link VersionedRefreshRendering}, so
 * kinds need nothing beyond passing their listing's version fields to {@code Rendering.artifact} (which
 * the export's content skip already asks of them). Everything else is the run's own context.
 */
public final class VersionedRefresh implements ApplyContext {
  /**
   * A refresh's answer.
   *
   * @param attributes the refreshed attributes, empty when the object is gone
   * @param observed   per artifact the version seen and the hash answered (see {@link VersionedRefreshRendering})
   */
  public record Result(Optional<ObjectNode> attributes, ObjectNode observed) {}

  private final ApplyContext run;
  private final VersionedRefreshRendering rendering;

  private VersionedRefresh(ApplyContext run, ObjectNode recorded) {
    this.run = run;
    this.rendering = new VersionedRefreshRendering(recorded);
  }

  /** Refreshes {@code id} with {@code kind}, answering recorded hashes for artifacts whose version did not move. */
  public static Result refresh(Kind kind, ApplyContext ctx, String id, ObjectNode recorded) throws IOException {
    VersionedRefresh scoped = new VersionedRefresh(ctx, recorded);
    Optional<ObjectNode> attrs = kind.refresh(scoped, id);
    return new Result(attrs, scoped.rendering.observed());
  }

  @Override
  public Rendering rendering() {
    return rendering;
  }

  @Override
  public InputStream openArtifact(String source) throws IOException {
    return run.openArtifact(source);
  }

  @Override
  public long artifactSize(String source) throws IOException {
    return run.artifactSize(source);
  }

  @Override
  public boolean isTracked(String type, String id) {
    return run.isTracked(type, id);
  }

  @Override
  public Optional<byte[]> readFile(String directory, String relativePath) throws IOException {
    return run.readFile(directory, relativePath);
  }

  @Override
  public boolean passive() {
    return run.passive();
  }

  @Override
  public WorkspaceClient client() {
    return run.client();
  }

  @Override
  public <T> T shared(Class<T> key, Supplier<T> make) {
    return run.shared(key, make);
  }
}
