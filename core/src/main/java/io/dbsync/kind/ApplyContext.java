package io.dbsync.kind;

import java.io.IOException;
import java.io.InputStream;

/** What a kind sees while importing: the target client, artifacts of the revision, the refresh rendering. */
public interface ApplyContext extends KindContext {
  /** Opens the artifact named by a resolved {@code source} attribute value. */
  InputStream openArtifact(String source) throws IOException;

  /** Size in bytes of that artifact. */
  long artifactSize(String source) throws IOException;

  /** Refresh rendering: raw ids, sha256 for artifacts, current values for variables. */
  Rendering rendering();

  /**
   * True when the import's state already tracks an object of {@code type} with this target id. Kinds
   * whose objects have no unique natural key (clusters, jobs) adopt only untracked objects, so that
   * recovering from a crash between a create and its state write never maps two resources to one object.
   */
  default boolean isTracked(String type, String id) {
    return false;
  }

  /** True in passive mode (TF_VAR_PASSIVE): clusters are terminated after import, schedules paused. */
  boolean passive();
}
