package io.dbsync.assess;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.client.Clients;
import io.dbsync.client.CountingHttpClient;
import io.dbsync.export.ExportOutcome;
import io.dbsync.export.Exporter;
import io.dbsync.mapping.MappingException;
import io.dbsync.mapping.Migration;
import io.dbsync.mapping.Translation;
import io.dbsync.tf.config.ConfigException;
import io.dbsync.tf.config.ConfigReader;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.DesiredResource;
import io.dbsync.tf.config.RevisionFiles;
import org.eclipse.jgit.util.FileUtils;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Runs an assessment. Both workspaces are reached through read-only clients (a write would be refused
 * before it is sent); the source is exported in probing mode into a scratch folder of the system's
 * temporary directory, which is deleted at the end, and the checks read that export as import would.
 *
 * <pre>{@code
 * Assessment a = Assessor.run(AssessOptions.of(source, target, ExportConfig.load(path, keys)));
 * AssessReports.writeHtml(a, Path.of("assess.html"));
 * }</pre>
 */
public final class Assessor {
  private Assessor() {}

  /** @throws MappingException TF_VAR_CLOUD names no cloud */
  public static Assessment run(AssessOptions o) throws IOException, InterruptedException, MappingException {
    Instant started = o.clock().instant();
    WorkspaceClient source = Clients.readOnly(o.source());
    WorkspaceClient target = o.target() == null ? null : Clients.readOnly(o.target());
    CountingHttpClient counter = Clients.counter(source).orElse(null);
    int parallelism = o.effectiveParallelism();
    Path scratch = Files.createTempDirectory("databricks-sync-assess");
    try {
      Path exports = scratch.resolve("exports");
      AssessListener listener = new AssessListener(counter, o.clock());
      listener.start();
      ExportOutcome outcome = new Exporter(source, o.config(), o.kinds(), parallelism, listener, null)
          .probingArtifacts().export(exports);
      List<String> notes = new ArrayList<>();
      if (!listener.counted()) {
        notes.add("the source client counts no API calls: the estimates are empty");
      }
      DesiredConfig desired = desired(exports, notes);
      Map<String, Integer> resources = new TreeMap<>();
      desired.resources().forEach(r -> resources.merge(r.type(), 1, Integer::sum));

      // the import's own translation: principals are checked as the mapping renames them
      Translation mapped = Migration.review(desired, RevisionFiles.directory(exports), o.mapping(), o.env(), target,
          notes::add);
      Assessment.MappingReview mapping = new Assessment.MappingReview(o.mapping().source(), mapped.withoutConfig());
      List<Assessment.PrincipalNeed> principals = PrincipalCheck.check(mapped.config(), target, notes);
      Assessment.Secrets secrets = SecretsCheck.check(desired, source, notes);
      List<Assessment.Adoption> adopted = target == null ? List.of()
          : TargetOverlap.check(target, o.config(), o.kinds(), parallelism, exports, scratch.resolve("target"), notes);

      Assessment.Estimate export = CallEstimates.export(listener.listingCalls(), listener.objectCalls(), listener.elapsed());
      Assessment.Estimate importing = CallEstimates.importing(resources, export.totalCalls(), listener.elapsed(),
          parallelism);
      return new Assessment(o.config().name(), source.config().getHost(), target == null ? null : target.config().getHost(),
          started, o.clock().instant(), outcome.kinds(), resources, listener.skips(), principals, mapping, secrets,
          adopted, export, importing, outcome.warnings(), outcome.failures(), notes);
    } finally {
      deleteRecursively(scratch);
    }
  }

  /** The probing export read back as import reads a revision; an unreadable one assesses as empty. */
  private static DesiredConfig desired(Path exports, List<String> notes) {
    try {
      return ConfigReader.read(exports);
    } catch (ConfigException e) {
      notes.add("the export could not be read back as configuration: " + e.getMessage());
      return new DesiredConfig(exports, List.<DesiredResource>of(), Map.of(), Map.of());
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    FileUtils.delete(root.toFile(), FileUtils.RECURSIVE | FileUtils.SKIP_MISSING);
  }
}
