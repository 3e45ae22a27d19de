package io.dbsync.assess;

import io.dbsync.mapping.Translation;
import io.dbsync.report.KindResult;
import io.dbsync.report.Problem;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The result of an assessment: one record per section of the report, in the order the report shows them.
 *
 * @param source       the source workspace host
 * @param target       the target workspace host, or null when no target was given
 * @param kinds        per kind: listed, exported, failed, skipped (as the export report counts them)
 * @param resources    the resources the export's files hold, by Terraform type
 * @param skipped      objects left out by design, by reason
 * @param principals   principals the import needs that it does not create, with their state in the target
 * @param mapping      what the mapping (the file given, else none) would change for the target, and what it
 *                     lacks: node types, cloud attributes, instance profiles, storage paths and principals
 * @param secrets      secrets and other sensitive values the export does not carry
 * @param adopted      objects the target already has, by folder (the import adopts them)
 * @param export       API calls and time of the export
 * @param importing    API calls and time of an import into the target
 * @param warnings     what the export would warn about
 * @param failures     what failed while assessing (a listing, an object), as export would report it
 * @param notes        what could not be checked, and why
 */
public record Assessment(String configName, String source, String target, Instant started, Instant finished,
                         List<KindResult> kinds, Map<String, Integer> resources, List<Skip> skipped, List<PrincipalNeed> principals,
                         MappingReview mapping, Secrets secrets, List<Adoption> adopted, Estimate export,
                         Estimate importing, List<Problem> warnings, List<Problem> failures, List<String> notes) {

  /** Objects left out for one reason (a few names as examples). */
  public record Skip(String type, String reason, int count, List<String> examples) {}

  /** A principal named by plain string (not created by the import) and where it is used. */
  public record PrincipalNeed(String principal, String kind, Presence inTarget, List<String> usedBy) {}

  /** Whether the target has it: yes, no, or not checked (no target, or its listing failed). */
  public enum Presence { PRESENT, MISSING, UNKNOWN }

  /**
   * The import's translation of the export for the target ({@code translation} without its
   * configuration): clouds, changes, resources left out, and each need with the mapping-file entry to
   * add. {@code file} is the mapping file given (null: none).
   */
  public record MappingReview(String file, Translation translation) {}

  /**
   * Secret values: {@code secrets} databricks_secret resources in {@code scopes} scopes, none of whose
   * values the export carries unless --export-secret-values; {@code readableBy} says how such an export
   * would read them; Key Vault scopes keep their secrets in the vault; {@code otherSensitive} are the
   * other sensitive variables without a default (destinations, serving keys, connection secrets).
   */
  public record Secrets(int secrets, int scopes, String readableBy, List<String> keyVaultScopes,
                        List<String> otherSensitive) {}

  /** Objects of one folder the target already has (same name): adopted, not created. */
  public record Adoption(String directory, int count, List<String> examples) {}

  /**
   * API calls of one run per family ("family:read"/"family:write" as the limits key them) and the time
   * they take: at least {@code rateBoundSeconds} at the published limits (the slowest key), and at
   * least {@code latencyBoundSeconds} at the latency seen while assessing.
   */
  public record Estimate(Map<String, Long> calls, Map<String, Double> secondsByKey, double rateBoundSeconds,
                         String slowestKey, double latencyBoundSeconds, List<String> notes) {
    public long totalCalls() {
      return calls.values().stream().mapToLong(Long::longValue).sum();
    }

    public double seconds() {
      return Math.max(rateBoundSeconds, latencyBoundSeconds);
    }
  }
}
