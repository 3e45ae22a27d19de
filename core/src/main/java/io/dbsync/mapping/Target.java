package io.dbsync.mapping;

import com.databricks.sdk.WorkspaceClient;
import com.fasterxml.jackson.databind.JsonNode;
import io.dbsync.client.Rest;
import io.dbsync.client.WorkspaceClouds;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;
import io.dbsync.tf.config.RevisionFiles;

import java.io.IOException;
import java.io.InputStream;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Where a configuration goes: the export's cloud (recorded in exports/main.tf.json), the target's
 * cloud, the target's principals (null when the policy does not need them) and the node types the
 * target offers (null: not listed, not checked). A cloud is null when unknown; then nothing is
 * translated between clouds.
 */
public record Target(Cloud sourceCloud, Cloud targetCloud, PrincipalDirectory principals, Set<String> nodeTypes) {
  /** Names the target cloud; as in the seed, a Terraform variable (TF_VAR_CLOUD) read from the environment. */
  public static final String CLOUD_ENV = "TF_VAR_CLOUD";
  private static final String MAIN = "main.tf.json";

  public static Target of(Cloud sourceCloud, Cloud targetCloud, PrincipalDirectory principals) {
    return new Target(sourceCloud, targetCloud, principals, null);
  }

  /** This target with the node types its workspace offers: a node type outside them is a need. */
  public Target withNodeTypes(Set<String> offered) {
    return new Target(sourceCloud, targetCloud, principals, offered == null ? null : Set.copyOf(offered));
  }

  /** The node type ids {@code client}'s workspace offers (clusters/list-node-types). */
  public static Set<String> offeredNodeTypes(WorkspaceClient client) throws IOException {
    Set<String> out = new TreeSet<>();
    for (JsonNode t : Rest.get(client, "/api/2.1/clusters/list-node-types").path("node_types")) {
      out.add(t.path("node_type_id").asText());
    }
    return out;
  }

  /** True when both clouds are known and differ: node types, attribute blocks and storage must be translated. */
  public boolean crossCloud() {
    return sourceCloud != null && targetCloud != null && sourceCloud != targetCloud;
  }

  /**
   * The target of an import of the revision {@code files} into {@code client}'s workspace: the source cloud from
   * main.tf.json; the target cloud from TF_VAR_CLOUD, else (only when the export records its cloud)
   * detected from the workspace; the target's principals when {@code listPrincipals}.
   */
  public static Target resolve(RevisionFiles files, Map<String, String> env, WorkspaceClient client,
                               boolean listPrincipals) throws MappingException {
    Cloud source = recordedCloud(files).orElse(null);
    Cloud target = null;
    String named = env.get(CLOUD_ENV);
    if (named != null && !named.isBlank()) {
      try {
        target = Cloud.parse(named);
      } catch (IllegalArgumentException e) {
        throw new MappingException(CLOUD_ENV + ": " + e.getMessage());
      }
    } else if (source != null && client != null) {
      target = WorkspaceClouds.detect(client).orElse(null);
    }
    return new Target(source, target, listPrincipals && client != null ? PrincipalDirectory.list(client) : null, null);
  }

  /** The cloud the revision's main.tf.json records, if it records one. */
  public static Optional<Cloud> recordedCloud(RevisionFiles files) {
    try {
      if (!files.isFile(MAIN)) {
        return Optional.empty();
      }
      try (InputStream in = files.open(MAIN)) {
        return Cloud.recordedIn(TfJson.read(in.readAllBytes()));
      }
    } catch (IOException e) {
      return Optional.empty(); // an unreadable main.tf.json fails the config reading with its own message
    }
  }
}
