package io.dbsync.mapping;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.tf.config.DesiredConfig;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The mapping's two entry points: {@link #prepare} for the import pipeline (after the revision is read
 * and selected, before variables are resolved and the plan is made, the configuration becomes what the
 * target must get; without a mapping file, a cloud move or a principals policy it changes nothing) and
 * {@link #review} for the assessment (the same translation, its needs reported instead of refused).
 */
public final class Migration {
  private Migration() {}

  /**
   * @param files  the revision's files (the cloud its main.tf.json records)
   * @param env    the environment (TF_VAR_CLOUD names the target cloud)
   * @param client the target workspace (its cloud when TF_VAR_CLOUD is unset, its principals for a policy)
   * @throws MappingException a bad mapping file, or needs the mapping does not cover (all listed, nothing written)
   */
  public static Translation prepare(DesiredConfig selected, RevisionFiles files, MigrationOptions options,
                                    Map<String, String> env, WorkspaceClient client) throws MappingException {
    Mapping mapping = load(options);
    Translation t = mapping.translate(selected, Target.resolve(files, env, client,
        mapping.needsPrincipalListing()));
    if (!t.needs().isEmpty()) {
      throw new MappingException(t.needsMessage(), t.needs());
    }
    return t;
  }

  /** The mapping of a run's options: the file's (none without one), the flags' policy and fallback owner over it. */
  public static Mapping load(MigrationOptions options) throws MappingException {
    Mapping mapping = options.mappingFile() == null ? Mapping.none() : Mapping.load(options.mappingFile());
    return mapping.withPrincipalPolicy(options.missingPrincipals(), options.fallbackOwner());
  }

  /**
   * What {@code mapping} would do to {@code config} and what it lacks, without refusing anything: the
   * import's translation, plus a need for every node type {@code client}'s workspace does not offer.
   * What could not be checked goes to {@code notes}.
   *
   * @param client the target workspace, or null (then only TF_VAR_CLOUD names the target cloud)
   * @throws MappingException TF_VAR_CLOUD names no cloud
   */
  public static Translation review(DesiredConfig config, RevisionFiles files, Mapping mapping, Map<String, String> env,
                                   WorkspaceClient client, Consumer<String> notes) throws MappingException {
    Target target = Target.resolve(files, env, client, mapping.needsPrincipalListing());
    if (client != null) {
      try {
        target = target.withNodeTypes(Target.offeredNodeTypes(client));
      } catch (IOException | RuntimeException e) {
        notes.accept("the target's node types could not be listed (" + e.getMessage() + "): they were not checked");
      }
    }
    if (target.sourceCloud() == null) {
      notes.accept("the source's cloud is not known: nothing was checked for a move across clouds");
    } else if (target.targetCloud() == null) {
      notes.accept("the target's cloud is not known (no target workspace, " + Target.CLOUD_ENV
          + " unset): nothing was checked for a move across clouds");
    }
    return mapping.translate(config, target);
  }
}
