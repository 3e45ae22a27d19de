package io.dbsync.mapping;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Node type ids ({@code node_type_id}, {@code driver_node_type_id} of clusters, pools, job and pipeline
 * clusters): the mapping file's node_types entry when there is one (on any move), else, across clouds,
 * the bundled table's counterpart; a node type neither knows is a need, and so is one the target
 * workspace does not offer when its node types are known ({@link Target#nodeTypes}).
 */
final class NodeTypes {
  static final List<String> FIELDS = List.of("node_type_id", "driver_node_type_id");

  private NodeTypes() {}

  static void apply(TranslationRun run, String address, ObjectNode attrs) {
    TranslationRun.forEachObject(attrs, o -> {
      for (String field : FIELDS) {
        JsonNode v = o.get(field);
        if (Ref.isLiteral(v)) {
          translate(run, address, v.asText()).ifPresent(t -> o.put(field, t));
        }
      }
    });
  }

  /** The node type to write instead of {@code id}, empty when it stays (or is a need, recorded). */
  static Optional<String> translate(TranslationRun run, String address, String id) {
    String explicit = run.mapping.nodeTypes().get(id);
    if (explicit != null) {
      run.summary.count("node type " + id + " -> " + explicit + " (mapping file)");
      checkOffered(run, address, id, explicit);
      return Optional.of(explicit);
    }
    if (!run.crossCloud() || run.table.find(run.targetCloud(), id).isPresent()) {
      checkOffered(run, address, id, id);
      return Optional.empty();
    }
    Optional<String> counterpart = run.table.counterpart(id, run.target.sourceCloud(), run.targetCloud());
    if (counterpart.isEmpty()) {
      run.needs.add("node type " + id + " has no " + run.targetCloud().id() + " counterpart in the bundled table",
          entry(run, id), address);
      return Optional.empty();
    }
    run.summary.count("node type " + id + " -> " + counterpart.get() + " (bundled table)");
    checkOffered(run, address, id, counterpart.get());
    return counterpart;
  }

  /** When the target's node types are known (assess lists them): a node type it does not offer is a need. */
  private static void checkOffered(TranslationRun run, String address, String id, String result) {
    Set<String> offered = run.target.nodeTypes();
    if (offered != null && !offered.contains(result)) {
      run.needs.add("node type " + (result.equals(id) ? id : id + " (as " + result + ")")
          + " is not offered by the target workspace", entry(run, id), address);
    }
  }

  private static String entry(TranslationRun run, String id) {
    String cloud = run.targetCloud() == null ? "target" : run.targetCloud().id();
    return "node_types: {" + Needs.quote(id) + ": \"<" + cloud + " node type>\"}";
  }
}
