package io.dbsync.mapping;

import com.databricks.sdk.WorkspaceClient;
import io.dbsync.tf.config.DesiredConfig;

import java.util.Map;

/**
 * The import pipeline's one call into the mapping: after the revision is read and selected, before
 * variables are resolved and the plan is made, the configuration becomes what the target must get.
 * Without a mapping file, a cloud move or a principals policy it changes nothing.
 */
public final class Migration {
  private Migration() {}

  /**
   * @param env    the environment (TF_VAR_CLOUD names the target cloud)
   * @param client the target workspace (its cloud when TF_VAR_CLOUD is unset, its principals for a policy)
   * @throws MappingException a bad mapping file, or needs the mapping does not cover (all listed, nothing written)
   */
  public static Translation prepare(DesiredConfig selected, MigrationOptions options, Map<String, String> env,
                                    WorkspaceClient client) throws MappingException {
    Mapping mapping = options.mappingFile() == null ? Mapping.none() : Mapping.load(options.mappingFile());
    mapping = mapping.withPrincipalPolicy(options.missingPrincipals(), options.fallbackOwner());
    Target target = Target.resolve(selected.exportsDir(), env, client, mapping.needsPrincipalListing());
    Translation t = mapping.translate(selected, target);
    if (!t.needs().isEmpty()) {
      throw new MappingException(t.needsMessage(), t.needs());
    }
    return t;
  }
}
