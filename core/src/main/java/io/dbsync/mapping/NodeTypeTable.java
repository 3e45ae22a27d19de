package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dbsync.tf.Cloud;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The bundled node type table ({@code node-types.yaml}): the common families of each cloud by cores,
 * memory, local disk and GPUs, and the rule that picks a node type's counterpart on another cloud
 * (documented at the top of the file).
 */
final class NodeTypeTable {
  private static final String RESOURCE = "/io/dbsync/mapping/node-types.yaml";
  /** A counterpart may have a little less memory (i3.xlarge has 30.5 GiB, its peers 32). */
  private static final double MEMORY_SLACK = 0.85;

  record NodeType(String id, Cloud cloud, double cores, double memoryGb, int localDiskGb, int gpus, String family) {}

  private static final NodeTypeTable BUNDLED = load();

  private final Map<Cloud, List<NodeType>> byCloud;

  private NodeTypeTable(Map<Cloud, List<NodeType>> byCloud) {
    this.byCloud = byCloud;
  }

  static NodeTypeTable bundled() {
    return BUNDLED;
  }

  Optional<NodeType> find(Cloud cloud, String id) {
    return byCloud.get(cloud).stream().filter(t -> t.id().equals(id)).findFirst();
  }

  /** The target cloud's counterpart of {@code id} of {@code from}, if the table knows both. */
  Optional<String> counterpart(String id, Cloud from, Cloud to) {
    Optional<NodeType> source = find(from, id);
    if (source.isEmpty()) {
      return Optional.empty();
    }
    NodeType s = source.get();
    Comparator<NodeType> rank = Comparator
        .comparingDouble((NodeType t) -> t.cores() - s.cores())
        .thenComparingDouble(t -> Math.abs(t.memoryGb() - s.memoryGb()))
        .thenComparingInt(t -> t.family().equals(s.family()) ? 0 : 1)
        .thenComparingInt(t -> (s.localDiskGb() > 0) == (t.localDiskGb() > 0) ? 0 : 1)
        .thenComparing(NodeType::id);
    return byCloud.get(to).stream()
        .filter(t -> (t.gpus() > 0) == (s.gpus() > 0) && t.gpus() >= s.gpus())
        .filter(t -> t.cores() >= s.cores() && t.memoryGb() >= MEMORY_SLACK * s.memoryGb())
        .min(rank)
        .map(NodeType::id);
  }

  private static NodeTypeTable load() {
    JsonNode root;
    try (InputStream in = NodeTypeTable.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("missing resource " + RESOURCE);
      }
      root = new ObjectMapper(new YAMLFactory()).readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Map<Cloud, List<NodeType>> out = new EnumMap<>(Cloud.class);
    for (Cloud c : Cloud.values()) {
      List<NodeType> types = new ArrayList<>();
      for (Map.Entry<String, JsonNode> e : root.path(c.id()).properties()) {
        JsonNode v = e.getValue();
        types.add(new NodeType(e.getKey(), c, v.path("cores").asDouble(), v.path("memory_gb").asDouble(),
            v.path("local_disk_gb").asInt(), v.path("gpus").asInt(), v.path("family").asText()));
      }
      out.put(c, List.copyOf(types));
    }
    return new NodeTypeTable(out);
  }
}
