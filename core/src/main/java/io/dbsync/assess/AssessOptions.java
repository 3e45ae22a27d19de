package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.config.ExportConfig;
import io.dbsync.kind.KindRegistry;
import io.dbsync.mapping.Mapping;

import java.time.Clock;
import java.util.Map;
import java.util.Objects;

/**
 * What an assessment needs.
 *
 * @param source      the source workspace (build it with client.Clients to get API-call counts)
 * @param target      the target workspace, or null: target checks are left out
 * @param config      the export configuration
 * @param kinds       the kind registry (null: KindRegistry.standard())
 * @param parallelism concurrent listings and reads, as export's --parallelism (0: export's default for the
 *                    source client, higher when it paces itself: {@link io.dbsync.export.Exporter#defaultParallelism})
 * @param clock       time source for the report
 * @param mapping     the mapping file an import would use (null: none, the bundled node type table only)
 * @param env         the environment: TF_VAR_CLOUD names the target cloud, as at import (null: empty)
 */
public record AssessOptions(WorkspaceClient source, WorkspaceClient target, ExportConfig config, KindRegistry kinds,
                            int parallelism, Clock clock, Mapping mapping, Map<String, String> env) {
  public AssessOptions {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(config, "config");
    kinds = kinds != null ? kinds : KindRegistry.standard();
    parallelism = Math.max(0, parallelism);
    clock = clock != null ? clock : Clock.systemUTC();
    mapping = mapping != null ? mapping : Mapping.none();
    env = env != null ? Map.copyOf(env) : Map.of();
  }

  /** The parallelism the assessment runs with: the given one, else export's default for the source client. */
  public int effectiveParallelism() {
    return parallelism > 0 ? parallelism : io.dbsync.export.Exporter.defaultParallelism(source);
  }

  public static AssessOptions of(WorkspaceClient source, WorkspaceClient target, ExportConfig config) {
    return new AssessOptions(source, target, config, null, 0, null, null, null);
  }
}
