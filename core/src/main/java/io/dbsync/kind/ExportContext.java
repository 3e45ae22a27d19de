package io.dbsync.kind;

import io.dbsync.config.KindSettings;

/** What a kind sees while exporting: the source client, its settings, the rendering, warnings. */
public interface ExportContext extends KindContext {
  /** The settings under objects.<configKey> of the export YAML. */
  KindSettings settings();

  /** Rendering for toConfig: references, artifacts under this kind's data folder, variables. */
  Rendering rendering();

  /** Records a non-fatal problem with one object; the export goes on and the report shows it. */
  void warn(String message);
}
