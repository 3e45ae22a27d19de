package io.dbsync.kind;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.KindSettings;

/** What a kind sees while exporting: the source client, its settings, the rendering, warnings. */
public interface ExportContext {
  WorkspaceClient client();

  /** The settings under objects.<configKey> of the export YAML. */
  KindSettings settings();

  /** Rendering for toConfig: references, artifacts under this kind's data folder, variables. */
  Rendering rendering();

  /** Records a non-fatal problem with one object; the export goes on and the report shows it. */
  void warn(String message);
}
