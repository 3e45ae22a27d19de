package io.dbsync.mapping;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.dbsync.tf.Cloud;
import io.dbsync.tf.TfJson;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Cluster policy definitions (a JSON document in {@code definition} and
 * {@code policy_family_definition_overrides}): element paths of another cloud's attribute block become
 * the target's ({@code aws_attributes.availability} -> {@code azure_attributes.availability}, values
 * translated; elements without a counterpart are left out), node type elements translate their
 * {@code value}, {@code defaultValue} and {@code values} (a regex {@code pattern} only through a
 * node_types entry keyed by the pattern), renamed instance profiles are renamed, and string values get
 * the path, storage and principal rewrites. A changed definition is written canonically (keys sorted,
 * compact), as a refresh reads it, so it diffs to nothing once applied.
 */
final class PolicyDefinitions {
  static final String TYPE = "databricks_cluster_policy";
  private static final List<String> DOCUMENTS = List.of("definition", "policy_family_definition_overrides");

  private PolicyDefinitions() {}

  static void apply(TranslationRun run, String address, String type, ObjectNode attrs) {
    if (!type.equals(TYPE)) {
      return;
    }
    for (String attr : DOCUMENTS) {
      JsonNode v = attrs.get(attr);
      if (!Ref.isLiteral(v)) {
        continue;
      }
      JsonNode doc;
      try {
        doc = TfJson.MAPPER.readTree(v.asText());
      } catch (JsonProcessingException e) {
        continue; // not JSON: the target will say so; nothing to translate
      }
      if (!(doc instanceof ObjectNode def)) {
        continue;
      }
      ObjectNode before = def.deepCopy();
      translate(run, address, def);
      if (!def.equals(before)) {
        try {
          attrs.put(attr, TfJson.MAPPER.writeValueAsString(TfJson.sorted(def)));
        } catch (JsonProcessingException e) {
          throw new IllegalStateException(e);
        }
      }
    }
  }

  private static void translate(TranslationRun run, String address, ObjectNode def) {
    if (run.crossCloud()) {
      renameCloudElements(run, def);
    }
    for (String path : names(def)) {
      if (!(def.get(path) instanceof ObjectNode element)) {
        continue;
      }
      if (NodeTypes.FIELDS.contains(path)) {
        nodeTypes(run, address, element);
      } else if (path.endsWith(".instance_profile_arn") && instanceProfile(run, address, def, path, element)) {
        continue;
      }
      TranslationRun.rewriteStrings(element, s -> StringRewrites.rewrite(run, s));
    }
  }

  /** Renames the profile an element names, or removes the element when the profile goes; true when removed. */
  private static boolean instanceProfile(TranslationRun run, String address, ObjectNode def, String path,
                                         ObjectNode element) {
    for (String field : List.of("value", "defaultValue")) {
      JsonNode v = element.get(field);
      if (v != null && v.isTextual()
          && InstanceProfiles.decide(run, v.asText(), address).action() == InstanceProfiles.Action.REMOVE) {
        def.remove(path);
        run.summary.count("policy element " + path + " left out (its instance profile is removed)");
        return true;
      }
    }
    mapValues(element, arn -> InstanceProfiles.renamedArn(run, arn));
    return false;
  }

  private static void renameCloudElements(TranslationRun run, ObjectNode def) {
    Cloud to = run.targetCloud();
    for (String path : names(def)) {
      int dot = path.indexOf('.');
      Optional<Cloud> from = dot < 0 ? Optional.empty() : Cloud.ofAttributesBlock(path.substring(0, dot));
      if (from.isEmpty() || from.get() == to) {
        continue;
      }
      JsonNode element = def.remove(path);
      String field = CloudBlocks.field(path.substring(dot + 1), from.get(), to, false);
      if (field == null) {
        run.summary.count("policy element " + path + " left out (no " + to.id() + " counterpart)");
        continue;
      }
      if (CloudBlocks.isAvailability(field) && element instanceof ObjectNode o) {
        mapValues(o, v -> Optional.ofNullable(CloudBlocks.availability(v, from.get(), to, false)));
      }
      String renamed = to.attributesBlock + "." + field;
      def.putIfAbsent(renamed, element);
      run.summary.count("policy element " + path + " -> " + renamed);
    }
  }

  private static void nodeTypes(TranslationRun run, String address, ObjectNode element) {
    mapValues(element, id -> NodeTypes.translate(run, address, id));
    JsonNode pattern = element.get("pattern");
    if (pattern != null && pattern.isTextual()) {
      String explicit = run.mapping.nodeTypes().get(pattern.asText());
      if (explicit != null) {
        element.put("pattern", explicit);
        run.summary.count("policy node type pattern " + pattern.asText() + " -> " + explicit + " (mapping file)");
      } else if (run.crossCloud()) {
        run.needs.add("policy node type pattern " + pattern.asText() + " names " + run.target.sourceCloud().id()
                + " node types", "node_types: {" + Needs.quote(pattern.asText()) + ": \"<" + run.targetCloud().id()
                + " node type pattern>\"}", address);
      }
    }
  }

  /** Applies {@code f} to the element's value, defaultValue and each of its values (empty: keep). */
  private static void mapValues(ObjectNode element, java.util.function.Function<String, Optional<String>> f) {
    for (String field : List.of("value", "defaultValue")) {
      JsonNode v = element.get(field);
      if (v != null && v.isTextual()) {
        f.apply(v.asText()).ifPresent(t -> element.put(field, t));
      }
    }
    if (element.get("values") instanceof ArrayNode values) {
      for (int i = 0; i < values.size(); i++) {
        if (values.get(i).isTextual()) {
          int at = i;
          f.apply(values.get(i).asText()).ifPresent(t -> values.set(at, values.textNode(t)));
        }
      }
    }
  }

  private static List<String> names(ObjectNode o) {
    List<String> names = new ArrayList<>();
    o.fieldNames().forEachRemaining(names::add);
    return names;
  }
}
